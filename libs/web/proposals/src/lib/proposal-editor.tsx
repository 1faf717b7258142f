import { presenceColor } from '@miroir/shared/collab-protocol';
import { useCan, useSession } from '@miroir/web/data-access';
import { useTranslation } from '@miroir/web/i18n';
import { LoadingState } from '@miroir/web/ui';
import { lazy, Suspense, useMemo } from 'react';
import { useProposalSession } from './use-proposal-session';

// The editor (TipTap, ProseMirror) is loaded with the first proposal opened, not with the app;
// the service worker precaches its chunk, so it opens offline too.
const ProposalEditorView = lazy(() => import('./proposal-editor-view').then((module) => ({ default: module.ProposalEditorView })));

export interface ProposalEditorProps {
  axisId: string;
  /** Workspace of the axis: the caller's role there decides whether the proposal is editable. */
  workspaceId: string;
}

/** The co-edited proposal of an axis: toolbar, live text, carets, presence and saving status. */
export function ProposalEditor({ axisId, workspaceId }: ProposalEditorProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const canEdit = useCan(workspaceId, 'proposal.edit');
  const connection = useProposalSession(axisId);
  // Keyed on the values, not on the user object that every refetch of /api/auth/me replaces.
  const userId = user?.id;
  const displayName = user?.displayName;
  const self = useMemo(
    () => (userId && displayName ? { id: userId, name: displayName, color: presenceColor(userId) } : null),
    [userId, displayName],
  );

  const loading = <LoadingState label={t('proposal.loading')} />;
  if (!connection || !self) return loading;
  return (
    <Suspense fallback={loading}>
      <ProposalEditorView key={connection.key} doc={connection.doc} session={connection.session} self={self} canEdit={canEdit} />
    </Suspense>
  );
}
