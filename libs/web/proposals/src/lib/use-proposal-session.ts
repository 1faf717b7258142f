import type { DocumentSession, SyncStatus } from '@miroir/shared/collab-client';
import { proposalDocumentName, type AccessEvent, type RealtimeErrorEvent } from '@miroir/shared/contracts';
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { useCollab } from './collab-provider';

/** What the editor needs from a `DocumentSession` (tests give a fake with the same shape). */
export type ProposalSession = Pick<DocumentSession, 'awareness' | 'status' | 'readOnly' | 'on' | 'off'>;

export interface ProposalConnection {
  /** Unique per opening, to remount the editor on a new document. */
  key: number;
  doc: Y.Doc;
  session: ProposalSession;
}

/** Name of the local copy of a document: one per user, so that a shared device never mixes them. */
let openings = 0;

export function localCopyName(userId: string, documentName: string): string {
  return `miroir:${userId}:${documentName}`;
}

/**
 * Opens the proposal of an axis: a Y.Doc kept in IndexedDB (so that it opens offline with the
 * last known content, and edits made offline survive a reload) and synced over the tab's socket.
 */
export function useProposalSession(axisId: string): ProposalConnection | null {
  const { registry, userId } = useCollab();
  const [connection, setConnection] = useState<ProposalConnection | null>(null);

  useEffect(() => {
    if (!userId) return undefined;
    const name = proposalDocumentName(axisId);
    const doc = new Y.Doc();
    let persistence: IndexeddbPersistence | null = null;
    try {
      persistence = typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(localCopyName(userId, name), doc);
    } catch {
      persistence = null; // storage disabled (some private modes): online editing still works
    }
    const session = registry.acquire().open(name, doc);
    openings += 1;
    setConnection({ key: openings, doc, session });
    return () => {
      setConnection(null);
      session.destroy();
      void persistence?.destroy();
      doc.destroy();
    };
  }, [axisId, registry, userId]);

  return connection;
}

export type AccessProblem = 'revoked' | 'unavailable' | null;

export interface SessionState {
  status: SyncStatus;
  readOnly: boolean;
  problem: AccessProblem;
}

/** Follows a session's status, read-only flag (join answer, `doc:access`) and fatal refusals. */
export function useSessionState(session: ProposalSession): SessionState {
  const [state, setState] = useState<SessionState>(() => ({ status: session.status, readOnly: session.readOnly, problem: null }));

  useEffect(() => {
    const refresh = (problem?: AccessProblem) =>
      setState((previous) => {
        const next = { status: session.status, readOnly: session.readOnly, problem: problem === undefined ? previous.problem : problem };
        return next.status === previous.status && next.readOnly === previous.readOnly && next.problem === previous.problem ? previous : next;
      });
    const onChange = () => refresh();
    const onAccess = (event: AccessEvent) => refresh(event.revoked ? 'revoked' : null);
    const onError = (error: RealtimeErrorEvent) =>
      refresh(error.code === 'FORBIDDEN' ? 'revoked' : error.code === 'NOT_FOUND' ? 'unavailable' : undefined);
    session.on('status', onChange);
    session.on('synced', onChange);
    session.on('access', onAccess);
    session.on('error', onError);
    refresh();
    return () => {
      session.off('status', onChange);
      session.off('synced', onChange);
      session.off('access', onAccess);
      session.off('error', onError);
    };
  }, [session]);

  return state;
}
