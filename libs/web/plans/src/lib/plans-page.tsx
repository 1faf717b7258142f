import type { PlanSummary, WorkspaceMembershipSummary } from '@miroir/shared/contracts';
import { can } from '@miroir/shared/domain';
import { useCreatePlan, usePlans, useSession } from '@miroir/web/data-access';
import { errorMessage, errorTitle, formatDate, useTranslation } from '@miroir/web/i18n';
import { Alert, Button, EmptyState, LoadingState, PageHeader, SelectField, StatusBadge, excerpt, usePageTitle } from '@miroir/web/ui';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ItemForm } from './item-form';

export function PlansPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const plans = usePlans();
  const [creating, setCreating] = useState(false);
  usePageTitle(t('app.pageTitle', { page: t('plans.title') }));

  const memberships = user?.memberships ?? [];
  const manageable = memberships.filter((membership) => can(membership.role, 'plan.manage'));

  // Group by workspace only when the user belongs to several.
  const groups: Array<{ workspace: WorkspaceMembershipSummary | null; plans: PlanSummary[] }> =
    memberships.length > 1
      ? memberships
          .map((workspace) => ({ workspace, plans: (plans.data ?? []).filter((plan) => plan.workspaceId === workspace.workspaceId) }))
          .filter((group) => group.plans.length > 0)
      : [{ workspace: null, plans: plans.data ?? [] }];

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        actions={
          manageable.length > 0 && !creating ? (
            <Button onClick={() => setCreating(true)} icon="+">
              {t('plans.create.open')}
            </Button>
          ) : null
        }
      >
        <p className="lead">{t('plans.intro')}</p>
      </PageHeader>

      {creating ? <CreatePlanPanel workspaces={manageable} onClose={() => setCreating(false)} /> : null}

      {plans.isPending ? (
        <LoadingState label={t('common.loading')} />
      ) : plans.isError ? (
        <Alert type="error" title={errorTitle(t, plans.error)}>
          {errorMessage(t, plans.error)}
        </Alert>
      ) : plans.data.length === 0 ? (
        <EmptyState title={manageable.length > 0 ? t('plans.emptyManager') : t('plans.empty')} />
      ) : (
        groups.map((group) => (
          <section
            key={group.workspace?.workspaceId ?? 'all'}
            className="workspace-group"
            aria-label={group.workspace ? t('plans.workspaceGroup', { workspace: group.workspace.workspaceName }) : t('plans.title')}
          >
            {group.workspace ? <h2>{t('plans.workspaceGroup', { workspace: group.workspace.workspaceName })}</h2> : null}
            <ul className="card-grid">
              {group.plans.map((plan) => (
                <li key={plan.id}>
                  <PlanCard plan={plan} headingLevel={group.workspace ? 3 : 2} language={i18n.language} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}

function PlanCard({ plan, headingLevel, language }: { plan: PlanSummary; headingLevel: 2 | 3; language: string }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="card">
      <div>
        <StatusBadge status={plan.status} label={t(`statuses.${plan.status}`)} />
      </div>
      <Heading className="card__title">
        <Link to={`/plans/${plan.id}`}>{plan.title}</Link>
      </Heading>
      <p className="card__desc">
        {plan.description ? excerpt(plan.description) : <span className="muted">{t('plans.noDescription')}</span>}
      </p>
      <div className="card__footer">
        <span>{t('plans.axisCount', { count: plan.axisCount })}</span>
        <span>{t('plans.updatedAt', { date: formatDate(plan.updatedAt, language) })}</span>
      </div>
    </article>
  );
}

function CreatePlanPanel({ workspaces, onClose }: { workspaces: WorkspaceMembershipSummary[]; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePlan();
  const headingId = useId();
  const [workspaceId, setWorkspaceId] = useState(workspaces[0]?.workspaceId ?? '');

  return (
    <section className="panel panel--bordered" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('plans.create.title')}</h2>
      <ItemForm
        label={t('plans.create.title')}
        submitLabel={t('plans.create.submit')}
        onCancel={onClose}
        before={
          workspaces.length > 1 ? (
            <SelectField
              label={t('plans.create.workspace')}
              name="workspaceId"
              options={workspaces.map((workspace) => ({ value: workspace.workspaceId, label: workspace.workspaceName }))}
              value={workspaceId}
              onChange={(event) => setWorkspaceId(event.target.value)}
            />
          ) : null
        }
        onSubmit={async ({ title, description }) => {
          const plan = await create.mutateAsync({ workspaceId, title, description });
          navigate(`/plans/${plan.id}`);
        }}
      />
    </section>
  );
}
