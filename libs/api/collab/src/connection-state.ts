import type { AuthenticatedConnection, TokenBucket } from '@miroir/api/realtime';
import type { WorkspaceRole } from '@miroir/shared/contracts';

export interface JoinedDocument {
  workspaceId: string;
  readOnly: boolean;
  /** Awareness client ids this connection claimed in the document. */
  presenceIds: Set<number>;
}

/** What the co-editing namespace keeps about a connection (`socket.data`), besides who it is. */
export interface ConnectionState extends AuthenticatedConnection {
  documents: Map<string, JoinedDocument>;
  /** Role per workspace, kept current by membership events. */
  roles: Map<string, WorkspaceRole | null>;
  updates: TokenBucket;
  presence: TokenBucket;
}
