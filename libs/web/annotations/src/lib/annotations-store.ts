import type { ThreadAnchor } from '@miroir/shared/contracts';

/** A thread anchored to a passage of the proposal, as the editor needs it. */
export interface AnchoredThread {
  id: string;
  anchor: ThreadAnchor;
  resolved: boolean;
}

export interface AnnotationsSnapshot {
  /** Anchored threads of the axis, published by the threads section. */
  threads: readonly AnchoredThread[];
  /** The thread the user is looking at, set from either side (click on a passage or on a thread). */
  activeId: string | null;
  /** Bumped when the threads side asks the editor to scroll to the active thread's passage. */
  revealNonce: number;
  /** The editor's current non-empty selection, as an anchor a new thread can take. */
  selection: ThreadAnchor | null;
  /** Threads whose passage no longer exists in the proposal (deleted since), found by the editor. */
  detachedIds: ReadonlySet<string>;
}

/**
 * What the proposal editor and the threads section share on an axis page, without either
 * feature importing the other: a small external store read with `useSyncExternalStore`.
 */
export class AnnotationsStore {
  private snapshot: AnnotationsSnapshot = { threads: [], activeId: null, revealNonce: 0, selection: null, detachedIds: new Set() };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): AnnotationsSnapshot => this.snapshot;

  setThreads(threads: readonly AnchoredThread[]): void {
    this.update({ threads });
  }

  /** Select a thread; `reveal` also asks the editor to bring its passage into view. */
  activate(id: string | null, reveal = false): void {
    this.update({ activeId: id, revealNonce: reveal ? this.snapshot.revealNonce + 1 : this.snapshot.revealNonce });
  }

  setSelection(selection: ThreadAnchor | null): void {
    const current = this.snapshot.selection;
    if (current === selection || (current && selection && current.start === selection.start && current.end === selection.end && current.quote === selection.quote)) return;
    this.update({ selection });
  }

  setDetached(ids: ReadonlySet<string>): void {
    const current = this.snapshot.detachedIds;
    if (current.size === ids.size && [...ids].every((id) => current.has(id))) return;
    this.update({ detachedIds: ids });
  }

  private update(change: Partial<AnnotationsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
