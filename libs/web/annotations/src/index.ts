export { AnnotationsStore, type AnchoredThread, type AnnotationsSnapshot } from './lib/annotations-store';
export { AnnotationsProvider, useAnnotations, useAnnotationsStore } from './lib/annotations-context';
