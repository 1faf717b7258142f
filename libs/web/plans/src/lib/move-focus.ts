/**
 * After an axis moved, React re-inserts its list item and the focused button loses focus:
 * put focus back on the same move button, or on the other one when the first became disabled.
 */
export function restoreMoveFocus(axisId: string, direction: 'up' | 'down'): void {
  const run = () => {
    const item = document.querySelector(`[data-axis-id="${typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(axisId) : axisId}"]`);
    const row = item?.querySelector('.axis-tree__manage');
    if (!row) return;
    const preferred = row.querySelector<HTMLButtonElement>(`[data-move="${direction}"]`);
    const other = row.querySelector<HTMLButtonElement>(`[data-move="${direction === 'up' ? 'down' : 'up'}"]`);
    (preferred && !preferred.disabled ? preferred : other)?.focus();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  else setTimeout(run, 0);
}
