import type { AxisDetail, AxisNode } from '@miroir/shared/contracts';
import { AnnotationsProvider } from '@miroir/web/annotations';
import { useArchiveAxis, useAxis, useCan, useCreateAxis, useMoveAxis, usePlan, useUpdateAxis } from '@miroir/web/data-access';
import { errorMessage, errorTitle, useTranslation } from '@miroir/web/i18n';
import {
  Alert,
  Badge,
  Breadcrumbs,
  Button,
  ConfirmPanel,
  EmptyState,
  LiveMessage,
  LoadingState,
  PageHeader,
  PlainText,
  SelectField,
  StatusBadge,
  usePageTitle,
} from '@miroir/web/ui';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ItemForm } from './item-form';
import { childKindOf, moveTargets, withoutArchived } from './tree-utils';

export interface AxisPageProps {
  /**
   * Renders the co-edited proposal of the axis. A slot rather than an import: the proposals
   * feature is composed in by the app (features do not depend on each other).
   */
  renderProposal?: (axis: AxisDetail) => ReactNode;
  /** Renders the votes of the axis (a section with its own h2), composed in by the app. */
  renderVotes?: (axis: AxisDetail) => ReactNode;
  /** Renders the discussion threads of the axis (a section with its own h2), composed in by the app. */
  renderThreads?: (axis: AxisDetail) => ReactNode;
}

export function AxisPage({ renderProposal, renderVotes, renderThreads }: AxisPageProps = {}) {
  const { t } = useTranslation();
  const { axisId } = useParams();
  const axis = useAxis(axisId);
  usePageTitle(t('app.pageTitle', { page: axis.data?.title ?? t('kinds.axis') }));

  if (axis.isPending) return <LoadingState label={t('common.loading')} />;
  if (axis.isError) {
    return (
      <>
        <Breadcrumbs
          label={t('common.breadcrumbs')}
          items={[{ label: t('plans.title'), to: '/plans' }, { label: errorTitle(t, axis.error) }]}
        />
        <h1>{errorTitle(t, axis.error)}</h1>
        <Alert type="error">{errorMessage(t, axis.error)}</Alert>
      </>
    );
  }
  return (
    <AxisView key={axis.data.id} axis={axis.data} renderProposal={renderProposal} renderVotes={renderVotes} renderThreads={renderThreads} />
  );
}

function AxisView({
  axis,
  renderProposal,
  renderVotes,
  renderThreads,
}: { axis: AxisDetail } & Pick<AxisPageProps, 'renderProposal' | 'renderVotes' | 'renderThreads'>) {
  const { t } = useTranslation();
  const canManage = useCan(axis.plan.workspaceId, 'axis.manage');
  const [message, setMessage] = useState<string | null>(null);
  const childrenKey = childKindOf(axis.kind);
  const children = canManage ? axis.children : withoutArchived(axis.children);

  const crumbs = [
    { label: t('plans.title'), to: '/plans' },
    { label: axis.plan.title, to: `/plans/${axis.plan.id}` },
    ...axis.breadcrumbs.map((crumb) => ({ label: crumb.title, to: `/axes/${crumb.id}` })),
    { label: axis.title },
  ];

  return (
    // One annotations store per axis, shared by the proposal editor and the threads section.
    <AnnotationsProvider key={axis.id}>
      <Breadcrumbs label={t('common.breadcrumbs')} items={crumbs} />
      <PageHeader
        overline={t(`kinds.${axis.kind}`)}
        title={axis.title}
        meta={
          <>
            <span>
              {t('common.labelColon', { label: t('axis.status') })}{' '}
              <StatusBadge status={axis.status} label={t(`statuses.${axis.status}`)} />
            </span>
            {axis.archived ? <Badge tone="muted">{t('axis.archived')}</Badge> : null}
            <span>
              {t('common.labelColon', { label: t('axis.plan') })} <Link to={`/plans/${axis.plan.id}`}>{axis.plan.title}</Link>
            </span>
          </>
        }
      />
      <LiveMessage message={message} />
      {axis.archived ? <Alert type="warning">{t('axis.archive.archivedNotice')}</Alert> : null}

      <div className={canManage ? 'detail-layout detail-layout--with-aside' : 'detail-layout'}>
        <div>
          <section aria-labelledby="axis-description-title">
            <h2 id="axis-description-title" className="sr-only">
              {t('plans.description')}
            </h2>
            {axis.description ? <PlainText text={axis.description} /> : <p className="muted">{t('axis.noDescription')}</p>}
          </section>

          {renderProposal ? (
            <section className="section" aria-labelledby="axis-proposal-title">
              <div className="section__header">
                <h2 className="section__title" id="axis-proposal-title">
                  {t('axis.proposal')}
                </h2>
              </div>
              {renderProposal(axis)}
            </section>
          ) : null}

          {renderThreads ? renderThreads(axis) : null}

          {renderVotes ? renderVotes(axis) : null}

          {childrenKey ? (
            <section className="section" aria-labelledby="axis-children-title">
              <div className="section__header">
                <h2 className="section__title" id="axis-children-title">
                  {t(`axis.children.${childrenKey}`)}
                </h2>
              </div>
              {children.length === 0 ? <EmptyState title={t(`axis.childrenEmpty.${childrenKey}`)} /> : <ChildList items={children} />}
            </section>
          ) : (
            <p className="muted section">{t('axis.actionLeaf')}</p>
          )}
        </div>

        {canManage ? <ManagePanel axis={axis} onMessage={setMessage} /> : null}
      </div>
    </AnnotationsProvider>
  );
}

function ChildList({ items }: { items: readonly AxisNode[] }) {
  const { t } = useTranslation();
  return (
    <ul className="child-list">
      {items.map((child) => (
        <li key={child.id} className={child.archived ? 'child-list__item child-list__item--archived' : 'child-list__item'}>
          <Link to={`/axes/${child.id}`}>{child.title}</Link>
          <span className="axis-tree__meta">
            <Badge tone="info" className="badge--kind">
              {t(`kinds.${child.kind}`)}
            </Badge>
            <StatusBadge status={child.status} label={t(`statuses.${child.status}`)} />
            {child.archived ? <Badge tone="muted">{t('axis.archived')}</Badge> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

type Panel = 'edit' | 'add' | 'archive' | null;

function ManagePanel({ axis, onMessage }: { axis: AxisDetail; onMessage: (message: string | null) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Panel>(null);
  const updateAxis = useUpdateAxis(axis.id);
  const createAxis = useCreateAxis(axis.planId);
  const archive = useArchiveAxis();
  const childrenKey = childKindOf(axis.kind);

  const show = (panel: Panel) => {
    onMessage(null);
    setOpen(panel);
  };

  return (
    <aside className="aside-panel" aria-labelledby="axis-manage-title">
      <h2 id="axis-manage-title">{t('axis.manageTitle')}</h2>

      {open === 'edit' ? (
        <>
          <h3>{t('axis.edit.title', { title: axis.title })}</h3>
          <ItemForm
            label={t('axis.edit.title', { title: axis.title })}
            withStatus
            initial={axis}
            submitLabel={t('common.save')}
            onCancel={() => setOpen(null)}
            onSubmit={async (values) => {
              await updateAxis.mutateAsync(values);
              setOpen(null);
              onMessage(t('axis.edit.saved'));
            }}
          />
        </>
      ) : open === 'add' && childrenKey ? (
        <>
          <h3>{t(`axis.create.titleChild.${childrenKey}`)}</h3>
          <ItemForm
            label={t(`axis.create.titleChild.${childrenKey}`)}
            submitLabel={t('axis.create.submit')}
            onCancel={() => setOpen(null)}
            onSubmit={async ({ title, description }) => {
              await createAxis.mutateAsync({ title, description, parentId: axis.id });
              setOpen(null);
              onMessage(t('axis.create.created', { title }));
            }}
          />
        </>
      ) : (
        <div className="btn-group">
          <Button variant="secondary" size="sm" onClick={() => show('edit')}>
            {t('axis.edit.open')}
          </Button>
          {childrenKey && !axis.archived ? (
            <Button variant="secondary" size="sm" icon="+" onClick={() => show('add')}>
              {t(`axis.create.openChild.${childrenKey}`)}
            </Button>
          ) : null}
          {axis.archived ? (
            <Button
              variant="secondary"
              size="sm"
              busy={archive.isPending}
              onClick={() =>
                archive.mutate({ axisId: axis.id, archived: false }, { onSuccess: () => onMessage(t('axis.archive.restored')) })
              }
            >
              {t('axis.archive.restore')}
            </Button>
          ) : open !== 'archive' ? (
            <Button variant="tertiary" size="sm" onClick={() => show('archive')}>
              {t('axis.archive.open')}
            </Button>
          ) : null}
        </div>
      )}

      {open === 'archive' && !axis.archived ? (
        <ConfirmPanel
          message={t('axis.archive.confirm', { title: axis.title })}
          confirmLabel={t('axis.archive.confirmButton')}
          cancelLabel={t('common.cancel')}
          busy={archive.isPending}
          onCancel={() => setOpen(null)}
          onConfirm={() =>
            archive.mutate(
              { axisId: axis.id, archived: true },
              {
                onSuccess: () => {
                  setOpen(null);
                  onMessage(t('axis.archive.done'));
                },
              },
            )
          }
        />
      ) : null}
      {archive.isError ? <Alert type="error">{errorMessage(t, archive.error)}</Alert> : null}

      <MoveForm axis={axis} onMoved={() => onMessage(t('axis.move.moved'))} />
    </aside>
  );
}

function MoveForm({ axis, onMoved }: { axis: AxisDetail; onMoved: () => void }) {
  const { t } = useTranslation();
  const plan = usePlan(axis.planId);
  const move = useMoveAxis();
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (plan.isPending) return null;
  if (plan.isError) return null;

  const targets = moveTargets(plan.data.axes, axis.id);
  const ROOT = '__root__';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const chosen = targets.find((candidate) => (candidate.parentId ?? ROOT) === target);
    if (!chosen) {
      setError(t('validation.required'));
      return;
    }
    try {
      await move.mutateAsync({ axisId: axis.id, parentId: chosen.parentId, position: chosen.position });
      setTarget('');
      onMoved();
    } catch (caught) {
      setError(errorMessage(t, caught));
    }
  }

  return (
    <>
      <h3 id="axis-move-title">{t('axis.move.title')}</h3>
      {targets.length === 0 ? (
        <p className="muted">{t('axis.move.noTarget')}</p>
      ) : (
        <form aria-labelledby="axis-move-title" noValidate onSubmit={(event) => void onSubmit(event)}>
          <SelectField
            label={t('axis.move.parent')}
            hint={t('axis.move.parentHint')}
            name="parentId"
            placeholder={t('common.chooseOption')}
            value={target}
            onChange={(event) => setTarget(event.target.value)}
            error={error}
            options={targets.map((candidate) => ({
              value: candidate.parentId ?? ROOT,
              label: candidate.axis
                ? `${'— '.repeat(candidate.axis.depth)}${t('common.labelValue', { label: t(`kinds.${candidate.axis.kind}`), value: candidate.axis.title })}`
                : t('axis.move.root'),
            }))}
          />
          <Button type="submit" variant="secondary" size="sm" busy={move.isPending}>
            {t('axis.move.submit')}
          </Button>
        </form>
      )}
    </>
  );
}
