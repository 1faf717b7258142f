export * from './collab-io.adapter';
export * from './collab.config';
export * from './collab.module';
export * from './document-registry.service';
