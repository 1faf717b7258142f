import type { AxisThreads, MembersPage, Thread, ThreadComment } from '@miroir/shared/contracts';

export const ME = { userId: 'u-1', displayName: 'Camille Martin' };
export const JULIEN = { userId: '0f8fad5b-d9cb-469f-a165-70867728950e', displayName: 'Julien Roumanille' };
export const SOPHIE = { userId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', displayName: 'Sophie Aubanel' };

export const LAST_VISIT = '2026-11-10T12:00:00.000Z';

export function makeComment(overrides: Partial<ThreadComment> = {}): ThreadComment {
  return {
    id: 'c-1',
    threadId: 't-1',
    author: JULIEN,
    body: 'Il faudrait *préciser* le calendrier.',
    mentions: [],
    createdAt: '2026-11-01T09:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

export function makeThread(overrides: Partial<Thread> = {}): Thread {
  const id = overrides.id ?? 't-1';
  return {
    id,
    axisId: 'a-1',
    author: JULIEN,
    anchor: null,
    status: 'open',
    resolvedBy: null,
    resolvedAt: null,
    disposition: null,
    dispositionReason: null,
    dispositionBy: null,
    dispositionAt: null,
    createdAt: '2026-11-01T09:00:00.000Z',
    comments: [makeComment({ threadId: id })],
    newSinceLastVisit: 0,
    ...overrides,
  };
}

/** Three threads: one on the axis (with a new reply and a deleted one), one anchored, one resolved and disposed. */
export function sampleThreads(overrides: Partial<AxisThreads> = {}): AxisThreads {
  return {
    axisId: 'a-1',
    lastVisitAt: LAST_VISIT,
    newSinceLastVisit: 2,
    threads: [
      makeThread({
        id: 't-1',
        comments: [
          makeComment({ id: 'c-1', threadId: 't-1' }),
          makeComment({ id: 'c-2', threadId: 't-1', author: ME, body: 'D’accord, je m’en occupe.', createdAt: '2026-11-12T09:00:00.000Z' }),
          makeComment({
            id: 'c-3',
            threadId: 't-1',
            author: SOPHIE,
            body: 'Merci @[Camille Martin](user:0f8fad5b-d9cb-469f-a165-70867728950e)\u00a0!',
            createdAt: '2026-11-13T09:00:00.000Z',
          }),
          makeComment({
            id: 'c-4',
            threadId: 't-1',
            author: SOPHIE,
            body: '',
            createdAt: '2026-11-13T10:00:00.000Z',
            deletedAt: '2026-11-13T11:00:00.000Z',
          }),
        ],
        newSinceLastVisit: 1,
      }),
      makeThread({
        id: 't-2',
        author: ME,
        anchor: { start: 'AAAA', end: 'BBBB', quote: 'former 200 agents d’ici 2027' },
        createdAt: '2026-11-14T09:00:00.000Z',
        comments: [
          makeComment({ id: 'c-5', threadId: 't-2', author: ME, body: 'Objectif ambitieux.', createdAt: '2026-11-14T09:00:00.000Z' }),
          makeComment({ id: 'c-6', threadId: 't-2', author: JULIEN, body: 'Oui, **très**.', createdAt: '2026-11-15T09:00:00.000Z' }),
        ],
        newSinceLastVisit: 1,
      }),
      makeThread({
        id: 't-3',
        status: 'resolved',
        resolvedBy: JULIEN,
        resolvedAt: '2026-11-05T09:00:00.000Z',
        disposition: 'ecarte',
        dispositionReason: 'Hors du champ du plan.',
        dispositionBy: JULIEN,
        dispositionAt: '2026-11-05T09:00:00.000Z',
        comments: [makeComment({ id: 'c-7', threadId: 't-3', body: 'Ajouter un volet numérique\u00a0?' })],
      }),
    ],
    ...overrides,
  };
}

export function sampleMembers(): MembersPage {
  const base = { jobTitle: 'DGS', collectivite: null, collectiviteType: null, populationBand: null, joinedAt: '2026-01-01T00:00:00.000Z' };
  return {
    workspaceId: 'ws-1',
    workspaceName: 'Groupe miroir Vaucluse',
    members: [
      { ...base, userId: ME.userId, displayName: ME.displayName, email: 'camille@x.fr', role: 'member' },
      { ...base, userId: JULIEN.userId, displayName: JULIEN.displayName, email: 'julien@x.fr', role: 'moderator' },
      { ...base, userId: SOPHIE.userId, displayName: SOPHIE.displayName, email: 'sophie@x.fr', role: 'member' },
    ],
    invitations: [],
  };
}
