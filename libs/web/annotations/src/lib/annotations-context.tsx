import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import { AnnotationsStore, type AnnotationsSnapshot } from './annotations-store';

const AnnotationsContext = createContext<AnnotationsStore | null>(null);

/** One store per axis page: key it on the axis so that nothing leaks from one axis to the next. */
export function AnnotationsProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => new AnnotationsStore());
  return <AnnotationsContext.Provider value={store}>{children}</AnnotationsContext.Provider>;
}

/** The page's store, or null outside a provider (the editor and threads then work on their own). */
export function useAnnotationsStore(): AnnotationsStore | null {
  return useContext(AnnotationsContext);
}

const EMPTY: AnnotationsSnapshot = { threads: [], activeId: null, revealNonce: 0, selection: null, detachedIds: new Set() };
const noSubscription = () => () => undefined;

export function useAnnotations(): AnnotationsSnapshot {
  const store = useAnnotationsStore();
  return useSyncExternalStore(store?.subscribe ?? noSubscription, store?.getSnapshot ?? (() => EMPTY));
}
