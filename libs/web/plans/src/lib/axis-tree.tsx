import type { AxisActivity, AxisNode } from '@miroir/shared/contracts';
import { useTranslation } from '@miroir/web/i18n';
import { Badge, StatusBadge } from '@miroir/web/ui';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { parentIds, withoutArchived } from './tree-utils';

export type MoveDirection = 'up' | 'down';

export interface AxisTreeProps {
  axes: readonly AxisNode[];
  planTitle: string;
  /** Shows archived axes and the reorder buttons; without it archived axes are filtered out. */
  canManage: boolean;
  onMove?: (axis: AxisNode, direction: MoveDirection, siblings: readonly AxisNode[]) => void;
  /** Id of the axis being moved: its buttons are disabled meanwhile. */
  movingId?: string | null;
  /** What is new on each axis since the user's last visit, by axis id (badges; none when absent). */
  activity?: ReadonlyMap<string, AxisActivity>;
  /** Also shows how many threads still need a disposition (for moderators). */
  showDispositions?: boolean;
}

/**
 * The plan structure as nested lists: each item with children has a disclosure button
 * (aria-expanded / aria-controls) so the tree stays usable with a keyboard and screen readers.
 */
export function AxisTree({ axes, planTitle, canManage, onMove, movingId, activity, showDispositions = false }: AxisTreeProps) {
  const { t } = useTranslation();
  const visible = useMemo(() => (canManage ? [...axes] : withoutArchived(axes)), [axes, canManage]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const baseId = useId();
  const allParents = useMemo(() => parentIds(visible), [visible]);

  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="axis-tree-wrapper">
      {allParents.length > 0 ? (
        <div className="tree-toolbar">
          <button type="button" className="btn btn--tertiary btn--sm" onClick={() => setCollapsed(new Set())}>
            {t('tree.expandAll')}
          </button>
          <button type="button" className="btn btn--tertiary btn--sm" onClick={() => setCollapsed(new Set(allParents))}>
            {t('tree.collapseAll')}
          </button>
        </div>
      ) : null}
      <ul className="axis-tree" aria-label={t('tree.label', { title: planTitle })}>
        {visible.map((axis, index) => (
          <AxisTreeItem
            key={axis.id}
            axis={axis}
            index={index}
            siblings={visible}
            depth={0}
            baseId={baseId}
            collapsed={collapsed}
            onToggle={toggle}
            canManage={canManage}
            onMove={onMove}
            movingId={movingId}
            activity={activity}
            showDispositions={showDispositions}
          />
        ))}
      </ul>
    </div>
  );
}

interface AxisTreeItemProps {
  axis: AxisNode;
  index: number;
  siblings: readonly AxisNode[];
  depth: number;
  baseId: string;
  collapsed: ReadonlySet<string>;
  onToggle: (id: string) => void;
  canManage: boolean;
  onMove?: AxisTreeProps['onMove'];
  movingId?: string | null;
  activity?: AxisTreeProps['activity'];
  showDispositions: boolean;
}

function AxisTreeItem({
  axis,
  index,
  siblings,
  depth,
  baseId,
  collapsed,
  onToggle,
  canManage,
  onMove,
  movingId,
  activity,
  showDispositions,
}: AxisTreeItemProps) {
  const { t } = useTranslation();
  const hasChildren = axis.children.length > 0;
  const expanded = !collapsed.has(axis.id);
  const groupId = `${baseId}-group-${axis.id}`;
  const busy = movingId === axis.id;
  const classes = ['axis-tree__item', `axis-tree__item--depth-${depth}`, axis.archived ? 'axis-tree__item--archived' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <li className={classes} data-axis-id={axis.id}>
      <div className="axis-tree__row">
        {hasChildren ? (
          <button
            type="button"
            className="axis-tree__toggle"
            aria-expanded={expanded}
            aria-controls={groupId}
            aria-label={t('tree.toggle', { title: axis.title })}
            onClick={() => onToggle(axis.id)}
          >
            <span className="axis-tree__toggle-icon" aria-hidden="true">
              ▸
            </span>
          </button>
        ) : (
          <span className="axis-tree__spacer" aria-hidden="true" />
        )}
        <Link className="axis-tree__link" to={`/axes/${axis.id}`}>
          {axis.title}
        </Link>
        <span className="axis-tree__meta">
          <Badge tone="info" className="badge--kind">
            {t(`kinds.${axis.kind}`)}
          </Badge>
          <StatusBadge status={axis.status} label={t(`statuses.${axis.status}`)} />
          {axis.archived ? <Badge tone="muted">{t('axis.archived')}</Badge> : null}
          {hasChildren ? <span className="muted">{t('tree.childCount', { count: axis.children.length })}</span> : null}
          <ActivityBadges activity={activity?.get(axis.id)} showDispositions={showDispositions} />
        </span>
        {canManage && onMove ? (
          <span className="axis-tree__manage">
            <button
              type="button"
              className="icon-button"
              data-move="up"
              aria-label={t('tree.moveUp', { title: axis.title })}
              title={t('tree.moveUpShort')}
              disabled={index === 0 || busy}
              onClick={() => onMove(axis, 'up', siblings)}
            >
              <span aria-hidden="true">↑</span>
            </button>
            <button
              type="button"
              className="icon-button"
              data-move="down"
              aria-label={t('tree.moveDown', { title: axis.title })}
              title={t('tree.moveDownShort')}
              disabled={index === siblings.length - 1 || busy}
              onClick={() => onMove(axis, 'down', siblings)}
            >
              <span aria-hidden="true">↓</span>
            </button>
          </span>
        ) : null}
      </div>
      {hasChildren ? (
        <ul id={groupId} hidden={!expanded}>
          {axis.children.map((child, childIndex) => (
            <AxisTreeItem
              key={child.id}
              axis={child}
              index={childIndex}
              siblings={axis.children}
              depth={depth + 1}
              baseId={baseId}
              collapsed={collapsed}
              onToggle={onToggle}
              canManage={canManage}
              onMove={onMove}
              movingId={movingId}
              activity={activity}
              showDispositions={showDispositions}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** « 3 nouveaux commentaires » and, for moderators, « 2 sans suite » (read in full by screen readers). */
function ActivityBadges({ activity, showDispositions }: { activity: AxisActivity | undefined; showDispositions: boolean }) {
  const { t } = useTranslation();
  if (!activity) return null;
  const pending = showDispositions ? activity.withoutDisposition : 0;
  return (
    <>
      {activity.newComments > 0 ? (
        <Badge tone="info" className="badge--activity">
          {t('activity.newComments', { count: activity.newComments })}
        </Badge>
      ) : null}
      {pending > 0 ? (
        <Badge tone="warning" className="badge--activity">
          <span aria-hidden="true">{t('activity.withoutDisposition', { count: pending })}</span>
          <span className="sr-only">{t('activity.withoutDispositionLong', { count: pending })}</span>
        </Badge>
      ) : null}
    </>
  );
}
