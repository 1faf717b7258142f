/** Roles of a member within one workspace (one groupe miroir), from most to least privileged. */
export const WORKSPACE_ROLES = ['admin', 'moderator', 'member', 'observer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
