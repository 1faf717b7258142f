import type { AxisDetail } from '@miroir/shared/contracts';
import { InvitationPage, ProfilePage, RequireAuth, SignInPage } from '@miroir/web/auth';
import { LiveProvider } from '@miroir/web/data-access';
import { MembersPage } from '@miroir/web/members';
import { NotificationsPage } from '@miroir/web/notifications';
import { AxisPage, PlanPage, PlansPage } from '@miroir/web/plans';
import { CollabProvider, ProposalEditor } from '@miroir/web/proposals';
import { ThreadsSection } from '@miroir/web/threads';
import { VotesSection } from '@miroir/web/votes';
import { Navigate, Route, Routes } from 'react-router';
import { AppShell } from './app-shell';
import { NotFoundPage } from './not-found-page';

/** The proposals feature, composed into the axis page through its slot. */
function renderProposal(axis: AxisDetail) {
  return <ProposalEditor key={axis.id} axisId={axis.id} workspaceId={axis.plan.workspaceId} />;
}

/** The votes feature, composed into the axis page through its slot. */
function renderVotes(axis: AxisDetail) {
  return <VotesSection key={axis.id} axisId={axis.id} workspaceId={axis.plan.workspaceId} />;
}

/** The threads feature, composed into the axis page through its slot. */
function renderThreads(axis: AxisDetail) {
  return <ThreadsSection key={axis.id} axisId={axis.id} workspaceId={axis.plan.workspaceId} axisStatus={axis.status} />;
}

export function App() {
  return (
    <CollabProvider>
      <LiveProvider>
        <Routes>
          <Route element={<AppShell />}>
            <Route path="/connexion" element={<SignInPage />} />
            <Route path="/invitation/:token" element={<InvitationPage />} />
            <Route element={<RequireAuth />}>
              <Route index element={<Navigate to="/plans" replace />} />
              <Route path="/plans" element={<PlansPage />} />
              <Route path="/plans/:planId" element={<PlanPage />} />
              <Route path="/axes/:axisId" element={<AxisPage renderProposal={renderProposal} renderVotes={renderVotes} renderThreads={renderThreads} />} />
              <Route path="/espace/:workspaceId/membres" element={<MembersPage />} />
              <Route path="/profil" element={<ProfilePage />} />
              <Route path="/notifications" element={<NotificationsPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </LiveProvider>
    </CollabProvider>
  );
}
