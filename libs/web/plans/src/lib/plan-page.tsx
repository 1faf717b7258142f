import type { AxisActivity, AxisNode, PlanActivity, PlanDetail } from '@miroir/shared/contracts';
import { useCan, useCreateAxis, useMoveAxis, usePlan, usePlanActivity, useUpdatePlan } from '@miroir/web/data-access';
import { errorMessage, errorTitle, formatDate, useTranslation } from '@miroir/web/i18n';
import {
  Alert,
  Breadcrumbs,
  Button,
  EmptyState,
  LiveMessage,
  LoadingState,
  PageHeader,
  PlainText,
  Section,
  StatusBadge,
  usePageTitle,
} from '@miroir/web/ui';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { AxisTree, type MoveDirection } from './axis-tree';
import { ItemForm } from './item-form';
import { restoreMoveFocus } from './move-focus';
import { flattenTree, withoutArchived } from './tree-utils';

export function PlanPage() {
  const { t } = useTranslation();
  const { planId } = useParams();
  const plan = usePlan(planId);
  usePageTitle(t('app.pageTitle', { page: plan.data?.title ?? t('plans.title') }));

  if (plan.isPending) return <LoadingState label={t('common.loading')} />;
  if (plan.isError) {
    return (
      <>
        <Breadcrumbs
          label={t('common.breadcrumbs')}
          items={[{ label: t('plans.title'), to: '/plans' }, { label: errorTitle(t, plan.error) }]}
        />
        <h1>{errorTitle(t, plan.error)}</h1>
        <Alert type="error">{errorMessage(t, plan.error)}</Alert>
      </>
    );
  }
  return <PlanView plan={plan.data} />;
}

function PlanView({ plan }: { plan: PlanDetail }) {
  const { t, i18n } = useTranslation();
  const canManagePlan = useCan(plan.workspaceId, 'plan.manage');
  const canManageAxes = useCan(plan.workspaceId, 'axis.manage');
  const canModerate = useCan(plan.workspaceId, 'thread.moderate');
  const activity = usePlanActivity(plan.id);
  const activityByAxis = useMemo(
    () => visibleActivity(canManageAxes ? plan.axes : withoutArchived(plan.axes), activity.data),
    [plan.axes, canManageAxes, activity.data],
  );
  const updatePlan = useUpdatePlan(plan.id);
  const createAxis = useCreateAxis(plan.id);
  const moveAxis = useMoveAxis();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [moveError, setMoveError] = useState<unknown>(null);

  function onMove(axis: AxisNode, direction: MoveDirection, siblings: readonly AxisNode[]) {
    const index = siblings.findIndex((sibling) => sibling.id === axis.id);
    const position = direction === 'up' ? index - 1 : index + 1;
    if (index < 0 || position < 0 || position >= siblings.length) return;
    setMessage(null);
    setMoveError(null);
    moveAxis.mutate(
      { axisId: axis.id, parentId: axis.parentId, position },
      {
        onSuccess: () => {
          setMessage(t('tree.moved', { title: axis.title }));
          restoreMoveFocus(axis.id, direction);
        },
        onError: (error) => setMoveError(error),
      },
    );
  }

  return (
    <>
      <Breadcrumbs label={t('common.breadcrumbs')} items={[{ label: t('plans.title'), to: '/plans' }, { label: plan.title }]} />
      <PageHeader
        title={plan.title}
        meta={
          <>
            <StatusBadge status={plan.status} label={t(`statuses.${plan.status}`)} />
            <span>{t('plans.axisCount', { count: plan.axisCount })}</span>
            <span>{t('plans.updatedAt', { date: formatDate(plan.updatedAt, i18n.language) })}</span>
          </>
        }
        actions={
          canManagePlan && !editing ? (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('plans.edit.open')}
            </Button>
          ) : null
        }
      />
      <ActivitySummary activity={activityByAxis} showDispositions={canModerate} />
      <LiveMessage message={message} />

      {editing ? (
        <section className="panel panel--bordered" aria-labelledby="plan-edit-title">
          <h2 id="plan-edit-title">{t('plans.edit.title')}</h2>
          <ItemForm
            label={t('plans.edit.title')}
            withStatus
            initial={plan}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              await updatePlan.mutateAsync(values);
              setEditing(false);
              setMessage(t('plans.edit.saved'));
            }}
          />
        </section>
      ) : plan.description ? (
        <PlainText text={plan.description} className="lead" />
      ) : (
        <p className="muted">{t('plans.noDescription')}</p>
      )}

      <Section
        title={t('plans.treeTitle')}
        titleId="plan-tree-title"
        actions={
          canManageAxes && !adding ? (
            <Button variant="secondary" size="sm" icon="+" onClick={() => setAdding(true)}>
              {t('axis.create.openRoot')}
            </Button>
          ) : null
        }
      >
        {adding ? (
          <div className="panel panel--bordered">
            <h3>{t('axis.create.titleRoot')}</h3>
            <ItemForm
              label={t('axis.create.titleRoot')}
              submitLabel={t('axis.create.submit')}
              onCancel={() => setAdding(false)}
              onSubmit={async ({ title, description }) => {
                await createAxis.mutateAsync({ title, description, parentId: null });
                setAdding(false);
                setMessage(t('axis.create.created', { title }));
              }}
            />
          </div>
        ) : null}
        {moveError ? (
          <Alert type="error" title={errorTitle(t, moveError)}>
            {errorMessage(t, moveError)}
          </Alert>
        ) : null}
        {plan.axes.length === 0 || (!canManageAxes && plan.axes.every((axis) => axis.archived)) ? (
          <EmptyState title={t('plans.treeEmpty')} />
        ) : (
          <AxisTree
            axes={plan.axes}
            planTitle={plan.title}
            canManage={canManageAxes}
            onMove={canManageAxes ? onMove : undefined}
            movingId={moveAxis.isPending ? (moveAxis.variables?.axisId ?? null) : null}
            activity={activityByAxis}
            showDispositions={canModerate}
          />
        )}
      </Section>
    </>
  );
}

/**
 * The activity of the axes shown in the tree, by axis id. Empty while the activity is loading
 * or when it cannot be read: it is an extra, the plan is shown without it.
 */
function visibleActivity(axes: readonly AxisNode[], activity: PlanActivity | undefined): ReadonlyMap<string, AxisActivity> {
  if (!activity) return new Map();
  const shown = new Set(flattenTree(axes).map((axis) => axis.id));
  return new Map(activity.axes.filter((entry) => shown.has(entry.axisId)).map((entry) => [entry.axisId, entry]));
}

/** « 5 nouveaux commentaires depuis votre dernière visite », over the axes of the tree. */
function ActivitySummary({ activity, showDispositions }: { activity: ReadonlyMap<string, AxisActivity>; showDispositions: boolean }) {
  const { t } = useTranslation();
  let newComments = 0;
  let withoutDisposition = 0;
  for (const entry of activity.values()) {
    newComments += entry.newComments;
    withoutDisposition += entry.withoutDisposition;
  }
  const pending = showDispositions ? withoutDisposition : 0;
  if (newComments === 0 && pending === 0) return null;
  return (
    <p className="plan-activity">
      {newComments > 0 ? <span>{t('activity.summary', { count: newComments })}</span> : null}
      {newComments > 0 && pending > 0 ? ' · ' : null}
      {pending > 0 ? <span>{t('activity.summaryWithoutDisposition', { count: pending })}</span> : null}
    </p>
  );
}
