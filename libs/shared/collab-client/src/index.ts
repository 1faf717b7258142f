export * from './collab-client';
export * from './document-session';
