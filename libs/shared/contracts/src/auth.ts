import type { MemberProfile } from './profile';
import type { WorkspaceRole } from './roles';

export const SESSION_COOKIE_NAME = 'miroir_session';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface WorkspaceMembershipSummary {
  workspaceId: string;
  workspaceName: string;
  role: WorkspaceRole;
}

/** Answer of `GET /api/auth/me` and `POST /api/auth/login`. */
export interface CurrentUser extends MemberProfile {
  id: string;
  email: string;
  memberships: WorkspaceMembershipSummary[];
}
