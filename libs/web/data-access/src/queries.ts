import type {
  AcceptInvitationRequest,
  AxisDetail,
  CastBallotRequest,
  CreateAxisRequest,
  MoveAxisRequest,
  OpenVoteRequest,
  PlanDetail,
  UpdateAxisRequest,
  UpdatePlanRequest,
  UpdateProfileRequest,
  VoteDetail,
  WorkspaceRole,
} from '@miroir/shared/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, type CreatePlanInput } from './endpoints';
import { queryKeys } from './query-keys';
import { useLiveFallbackInterval } from './live';
import { offlineMutationKeys, queuedMutationOptions, useQueuedSubmit, type CastBallotVariables } from './offline-queue';

/* ----------------------------------------------------------------- reads */

export function usePlans() {
  return useQuery({ queryKey: queryKeys.plans, queryFn: ({ signal }) => api.listPlans(signal) });
}

export function usePlan(planId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.plan(planId ?? ''),
    queryFn: ({ signal }) => api.getPlan(planId as string, signal),
    enabled: Boolean(planId),
  });
}

export function useAxis(axisId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.axis(axisId ?? ''),
    queryFn: ({ signal }) => api.getAxis(axisId as string, signal),
    enabled: Boolean(axisId),
  });
}

export function useMembers(workspaceId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.members(workspaceId ?? ''),
    queryFn: ({ signal }) => api.listMembers(workspaceId as string, signal),
    enabled: Boolean(workspaceId) && enabled,
  });
}

export function useInvitationPreview(token: string | undefined) {
  return useQuery({
    queryKey: queryKeys.invitation(token ?? ''),
    queryFn: ({ signal }) => api.previewInvitation(token as string, signal),
    enabled: Boolean(token),
    staleTime: Infinity,
  });
}

/* ------------------------------------------------------------- plan writes */

function refreshPlanData(client: QueryClient) {
  return Promise.all([client.invalidateQueries({ queryKey: queryKeys.plans }), client.invalidateQueries({ queryKey: queryKeys.axes })]);
}

export function useCreatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePlanInput) => api.createPlan(input),
    onSuccess: async (plan) => {
      client.setQueryData(queryKeys.plan(plan.id), plan);
      await client.invalidateQueries({ queryKey: queryKeys.plans, exact: true });
    },
  });
}

export function useUpdatePlan(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePlanRequest) => api.updatePlan(planId, body),
    onSuccess: async (plan) => {
      client.setQueryData(queryKeys.plan(plan.id), plan);
      await refreshPlanData(client);
    },
  });
}

export function useCreateAxis(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAxisRequest) => api.createAxis(planId, body),
    onSuccess: () => refreshPlanData(client),
  });
}

export function useUpdateAxis(axisId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAxisRequest) => api.updateAxis(axisId, body),
    onSuccess: async (axis: AxisDetail) => {
      client.setQueryData(queryKeys.axis(axis.id), axis);
      await refreshPlanData(client);
    },
  });
}

export function useMoveAxis() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ axisId, ...body }: MoveAxisRequest & { axisId: string }) => api.moveAxis(axisId, body),
    onSuccess: async (plan: PlanDetail) => {
      client.setQueryData(queryKeys.plan(plan.id), plan);
      await refreshPlanData(client);
    },
  });
}

export function useArchiveAxis() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ axisId, archived }: { axisId: string; archived: boolean }) =>
      archived ? api.archiveAxis(axisId) : api.restoreAxis(axisId),
    onSuccess: async (axis: AxisDetail) => {
      client.setQueryData(queryKeys.axis(axis.id), axis);
      await refreshPlanData(client);
    },
  });
}

/* ---------------------------------------------------------- member writes */

export function useInviteMember(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: WorkspaceRole }) => api.invite(workspaceId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.revokeInvitation(workspaceId, invitationId),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
  });
}

export function useChangeRole(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: WorkspaceRole }) => api.changeRole(workspaceId, userId, { role }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
        client.invalidateQueries({ queryKey: queryKeys.me }),
      ]),
  });
}

export function useRemoveMember(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.removeMember(workspaceId, userId),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
  });
}

/* ---------------------------------------------------------- account writes */

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProfileRequest) => api.updateProfile(body),
    onSuccess: async (user) => {
      client.setQueryData(queryKeys.me, user);
      await client.invalidateQueries({ queryKey: ['members'] });
    },
  });
}

export function useAcceptInvitation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInvitationRequest) => api.acceptInvitation(token, body),
    onSuccess: async (user) => {
      await client.cancelQueries({ queryKey: queryKeys.me });
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
      client.setQueryData(queryKeys.me, user);
    },
  });
}

/* ------------------------------------------------------------------ votes */

/*
 * Votes opened, ballots cast and votes closed by others arrive as live events (`useAxisLive`),
 * which invalidate these queries; they are polled only while those events do not arrive.
 */

export function useAxisVotes(axisId: string | undefined) {
  const refetchInterval = useLiveFallbackInterval();
  return useQuery({
    queryKey: queryKeys.axisVotes(axisId ?? ''),
    queryFn: ({ signal }) => api.listVotes(axisId as string, signal),
    enabled: Boolean(axisId),
    refetchInterval,
  });
}

export function useVote(voteId: string | undefined) {
  const refetchInterval = useLiveFallbackInterval();
  return useQuery({
    queryKey: queryKeys.vote(voteId ?? ''),
    queryFn: ({ signal }) => api.getVote(voteId as string, signal),
    enabled: Boolean(voteId),
    refetchInterval: (query) => (query.state.data?.status === 'closed' ? false : refetchInterval),
  });
}

function storeVote(client: QueryClient, vote: VoteDetail) {
  client.setQueryData(queryKeys.vote(vote.id), vote);
  return client.invalidateQueries({ queryKey: queryKeys.axisVotes(vote.axisId) });
}

export function useOpenVote(axisId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenVoteRequest) => api.openVote(axisId, body),
    onSuccess: (vote) => storeVote(client, vote),
  });
}

/** Ballots go through the offline queue (`offline-queue.ts`); casting again replaces (an upsert). */
export const castBallotMutation = queuedMutationOptions<VoteDetail, CastBallotVariables>({
  mutationKey: offlineMutationKeys.castBallot,
  mutationFn: ({ voteId, body }) => api.castBallot(voteId, body),
  onSuccess: (vote, _variables, _result, { client }) => {
    void storeVote(client, vote);
  },
});

/** `submit` resolves with the server's answer or, offline, `null` once queued (see `submitQueued`). */
export function useCastBallot(voteId: string, axisId: string) {
  const { submit, isPending } = useQueuedSubmit(castBallotMutation);
  return { isPending, submit: (body: CastBallotRequest) => submit({ axisId, voteId, body }) };
}

export function useCloseVote(voteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.closeVote(voteId),
    onSuccess: (vote) => storeVote(client, vote),
  });
}
