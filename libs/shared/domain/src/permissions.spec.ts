import { WORKSPACE_ROLES, type WorkspaceRole } from '@miroir/shared/contracts';
import { WORKSPACE_ACTIONS, can, type WorkspaceAction } from './permissions';

/**
 * The whole role × action table, written out by hand: any change to the grants (or a new role or
 * action nobody decided about) makes this file fail.
 */
const EXPECTED: Record<WorkspaceRole, Record<WorkspaceAction, boolean>> = {
  admin: {
    'plan.read': true, 'plan.manage': true, 'axis.manage': true, 'proposal.edit': true, 'member.list': true, 'member.manage': true,
    'vote.manage': true, 'vote.cast': true, 'thread.comment': true, 'thread.moderate': true,
  },
  moderator: {
    'plan.read': true, 'plan.manage': true, 'axis.manage': true, 'proposal.edit': true, 'member.list': true, 'member.manage': false,
    'vote.manage': true, 'vote.cast': true, 'thread.comment': true, 'thread.moderate': true,
  },
  member: {
    'plan.read': true, 'plan.manage': false, 'axis.manage': false, 'proposal.edit': true, 'member.list': true, 'member.manage': false,
    'vote.manage': false, 'vote.cast': true, 'thread.comment': true, 'thread.moderate': false,
  },
  observer: {
    'plan.read': true, 'plan.manage': false, 'axis.manage': false, 'proposal.edit': false, 'member.list': false, 'member.manage': false,
    'vote.manage': false, 'vote.cast': false, 'thread.comment': false, 'thread.moderate': false,
  },
};

describe('can(role, action)', () => {
  it('covers exactly the known roles and actions', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...WORKSPACE_ROLES].sort());
    for (const role of WORKSPACE_ROLES) {
      expect(Object.keys(EXPECTED[role]).sort()).toEqual([...WORKSPACE_ACTIONS].sort());
    }
    expect(WORKSPACE_ACTIONS).toEqual([
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
    ]);
    expect(WORKSPACE_ROLES).toEqual(['admin', 'moderator', 'member', 'observer']);
  });

  const cases = WORKSPACE_ROLES.flatMap((role) => WORKSPACE_ACTIONS.map((action) => [role, action, EXPECTED[role][action]] as const));

  it.each(cases)('%s may %s: %s', (role, action, allowed) => {
    expect(can(role, action)).toBe(allowed);
  });

  it('orders roles from most to least privileged: each role holds every grant of the next one', () => {
    for (let index = 0; index + 1 < WORKSPACE_ROLES.length; index += 1) {
      const higher = WORKSPACE_ROLES[index];
      const lower = WORKSPACE_ROLES[index + 1];
      for (const action of WORKSPACE_ACTIONS) {
        if (can(lower, action)) expect([higher, action, can(higher, action)]).toEqual([higher, action, true]);
      }
    }
  });

  it('gives every role read access and only admins member management', () => {
    expect(WORKSPACE_ROLES.filter((role) => can(role, 'plan.read'))).toEqual(['admin', 'moderator', 'member', 'observer']);
    expect(WORKSPACE_ROLES.filter((role) => can(role, 'member.manage'))).toEqual(['admin']);
    expect(WORKSPACE_ROLES.filter((role) => can(role, 'axis.manage'))).toEqual(['admin', 'moderator']);
  });

  it('lets moderators and admins open and close votes, and everyone but observers vote', () => {
    expect(WORKSPACE_ROLES.filter((role) => can(role, 'vote.manage'))).toEqual(['admin', 'moderator']);
    expect(WORKSPACE_ROLES.filter((role) => can(role, 'vote.cast'))).toEqual(['admin', 'moderator', 'member']);
  });

  it('lets everyone but observers open threads and comment, and moderators and admins resolve any thread and give dispositions', () => {
    expect(WORKSPACE_ROLES.filter((role) => can(role, 'thread.comment'))).toEqual(['admin', 'moderator', 'member']);
    expect(WORKSPACE_ROLES.filter((role) => can(role, 'thread.moderate'))).toEqual(['admin', 'moderator']);
  });
});
