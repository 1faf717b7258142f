export const queryKeys = {
  me: ['auth', 'me'] as const,
  plans: ['plans'] as const,
  plan: (planId: string) => ['plans', planId] as const,
  axes: ['axes'] as const,
  axis: (axisId: string) => ['axes', axisId] as const,
  members: (workspaceId: string) => ['members', workspaceId] as const,
  invitation: (token: string) => ['invitation', token] as const,
  axisVotes: (axisId: string) => ['votes', 'axis', axisId] as const,
  vote: (voteId: string) => ['votes', 'vote', voteId] as const,
  axisThreads: (axisId: string) => ['threads', 'axis', axisId] as const,
  planActivity: (planId: string) => ['threads', 'activity', planId] as const,
  notifications: ['notifications'] as const,
};
