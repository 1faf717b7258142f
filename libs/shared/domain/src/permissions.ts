import type { WorkspaceRole } from '@miroir/shared/contracts';

/**
 * Everything a caller may try within a workspace. The server checks these on every route and
 * socket event; the web uses the same table only to hide controls the caller cannot use.
 */
export const WORKSPACE_ACTIONS = [
  'plan.read',
  'plan.manage',
  'axis.manage',
  'proposal.edit',
  'member.list',
  'member.manage',
  'vote.manage',
  'vote.cast',
  'thread.comment',
  'thread.moderate',
] as const;
export type WorkspaceAction = (typeof WORKSPACE_ACTIONS)[number];

const GRANTS: Record<WorkspaceRole, readonly WorkspaceAction[]> = {
  admin: WORKSPACE_ACTIONS,
  moderator: ['plan.read', 'plan.manage', 'axis.manage', 'proposal.edit', 'member.list', 'vote.manage', 'vote.cast', 'thread.comment', 'thread.moderate'],
  member: ['plan.read', 'proposal.edit', 'member.list', 'vote.cast', 'thread.comment'],
  observer: ['plan.read'],
};

export function can(role: WorkspaceRole, action: WorkspaceAction): boolean {
  return GRANTS[role].includes(action);
}
