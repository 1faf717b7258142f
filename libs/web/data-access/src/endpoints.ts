import type {
  AcceptInvitationRequest,
  AxisDetail,
  CastBallotRequest,
  ChangeRoleRequest,
  CreateAxisRequest,
  CreatePlanRequest,
  CurrentUser,
  InvitationCreated,
  InvitationPreview,
  InviteMemberRequest,
  LoginRequest,
  Member,
  MembersPage,
  MoveAxisRequest,
  OpenVoteRequest,
  PlanDetail,
  PlanSummary,
  UpdateAxisRequest,
  UpdatePlanRequest,
  UpdateProfileRequest,
  VoteDetail,
  VoteSummary,
} from '@miroir/shared/contracts';
import { ApiError, apiRequest } from './api-client';

const seg = encodeURIComponent;

export type CreatePlanInput = CreatePlanRequest;

/** One typed function per API endpoint. */
export const api = {
  login: (body: LoginRequest) => apiRequest<CurrentUser>('/api/auth/login', { method: 'POST', body }),
  logout: () => apiRequest<void>('/api/auth/logout', { method: 'POST' }),
  /** The signed-in user, or `null` when there is no valid session (401). */
  me: async (signal?: AbortSignal): Promise<CurrentUser | null> => {
    try {
      return await apiRequest<CurrentUser>('/api/auth/me', { signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  updateProfile: (body: UpdateProfileRequest) => apiRequest<CurrentUser>('/api/auth/me', { method: 'PATCH', body }),

  listPlans: (signal?: AbortSignal) => apiRequest<PlanSummary[]>('/api/plans', { signal }),
  createPlan: (body: CreatePlanInput) => apiRequest<PlanDetail>('/api/plans', { method: 'POST', body }),
  getPlan: (planId: string, signal?: AbortSignal) => apiRequest<PlanDetail>(`/api/plans/${seg(planId)}`, { signal }),
  updatePlan: (planId: string, body: UpdatePlanRequest) => apiRequest<PlanDetail>(`/api/plans/${seg(planId)}`, { method: 'PATCH', body }),

  createAxis: (planId: string, body: CreateAxisRequest) =>
    apiRequest<AxisDetail>(`/api/plans/${seg(planId)}/axes`, { method: 'POST', body }),
  getAxis: (axisId: string, signal?: AbortSignal) => apiRequest<AxisDetail>(`/api/axes/${seg(axisId)}`, { signal }),
  updateAxis: (axisId: string, body: UpdateAxisRequest) => apiRequest<AxisDetail>(`/api/axes/${seg(axisId)}`, { method: 'PATCH', body }),
  moveAxis: (axisId: string, body: MoveAxisRequest) => apiRequest<PlanDetail>(`/api/axes/${seg(axisId)}/move`, { method: 'POST', body }),
  archiveAxis: (axisId: string) => apiRequest<AxisDetail>(`/api/axes/${seg(axisId)}/archive`, { method: 'POST' }),
  restoreAxis: (axisId: string) => apiRequest<AxisDetail>(`/api/axes/${seg(axisId)}/restore`, { method: 'POST' }),

  listMembers: (workspaceId: string, signal?: AbortSignal) =>
    apiRequest<MembersPage>(`/api/workspaces/${seg(workspaceId)}/members`, { signal }),
  invite: (workspaceId: string, body: InviteMemberRequest) =>
    apiRequest<InvitationCreated>(`/api/workspaces/${seg(workspaceId)}/invitations`, { method: 'POST', body }),
  revokeInvitation: (workspaceId: string, invitationId: string) =>
    apiRequest<void>(`/api/workspaces/${seg(workspaceId)}/invitations/${seg(invitationId)}`, { method: 'DELETE' }),
  changeRole: (workspaceId: string, userId: string, body: ChangeRoleRequest) =>
    apiRequest<Member>(`/api/workspaces/${seg(workspaceId)}/members/${seg(userId)}`, { method: 'PATCH', body }),
  removeMember: (workspaceId: string, userId: string) =>
    apiRequest<void>(`/api/workspaces/${seg(workspaceId)}/members/${seg(userId)}`, { method: 'DELETE' }),

  previewInvitation: (token: string, signal?: AbortSignal) => apiRequest<InvitationPreview>(`/api/invitations/${seg(token)}`, { signal }),
  acceptInvitation: (token: string, body: AcceptInvitationRequest) =>
    apiRequest<CurrentUser>(`/api/invitations/${seg(token)}/accept`, { method: 'POST', body }),

  listVotes: (axisId: string, signal?: AbortSignal) => apiRequest<VoteSummary[]>(`/api/axes/${seg(axisId)}/votes`, { signal }),
  openVote: (axisId: string, body: OpenVoteRequest) => apiRequest<VoteDetail>(`/api/axes/${seg(axisId)}/votes`, { method: 'POST', body }),
  getVote: (voteId: string, signal?: AbortSignal) => apiRequest<VoteDetail>(`/api/votes/${seg(voteId)}`, { signal }),
  castBallot: (voteId: string, body: CastBallotRequest) => apiRequest<VoteDetail>(`/api/votes/${seg(voteId)}/ballot`, { method: 'PUT', body }),
  closeVote: (voteId: string) => apiRequest<VoteDetail>(`/api/votes/${seg(voteId)}/close`, { method: 'POST' }),
};
