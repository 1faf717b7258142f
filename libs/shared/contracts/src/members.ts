import type { MemberProfile } from './profile';
import type { WorkspaceRole } from './roles';

export interface Member extends MemberProfile {
  userId: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: string;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: WorkspaceRole;
  invitedAt: string;
  expiresAt: string;
}

export interface MembersPage {
  workspaceId: string;
  workspaceName: string;
  members: Member[];
  invitations: PendingInvitation[];
}

export interface InviteMemberRequest {
  email: string;
  role: WorkspaceRole;
}

/** The link is returned to the admin because no mail server may be configured. */
export interface InvitationCreated {
  invitation: PendingInvitation;
  invitationUrl: string;
}

export interface ChangeRoleRequest {
  role: WorkspaceRole;
}

/** Public view of an invitation, shown on the page its link opens. */
export interface InvitationPreview {
  email: string;
  workspaceName: string;
  role: WorkspaceRole;
  accountExists: boolean;
}

export interface AcceptInvitationRequest extends Partial<MemberProfile> {
  password: string;
}

export type UpdateProfileRequest = Partial<MemberProfile>;
