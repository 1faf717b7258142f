/** The workspace a co-edited document belongs to, which decides who may read or write it. */
export interface DocumentOwner {
  workspaceId: string;
  /** An archived owner is visible only to those who manage axes. */
  archived: boolean;
}

/**
 * Implemented by the feature that owns documents (plans, for axis proposals) and bound by the
 * app, so that co-editing needs no import of that feature.
 */
export abstract class DocumentAccessResolver {
  abstract resolve(documentName: string): Promise<DocumentOwner | null>;
}
