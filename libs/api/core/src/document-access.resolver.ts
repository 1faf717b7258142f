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

  /**
   * Optional: a counter that grows (after the commit) with every local change that may alter an
   * answer of `resolve` — archive, restore, move, close, a new or edited axis or plan. A caller
   * may reuse an answer only while this value is the one read before asking for it. Only changes
   * made through this api instance are counted: with several instances, do not cache.
   */
  version?(): number;
}
