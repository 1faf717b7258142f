import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { AuthModule } from '@miroir/api/auth';
import { DocumentAccessResolver } from '@miroir/api/core';
import { COLLAB_CONFIG, type CollabConfig } from './collab.config';
import { CollabGateway } from './collab.gateway';
import { CollabRelay } from './collab-relay.service';
import { DocumentRegistry } from './document-registry.service';
import { GroupCommitWriter } from './group-commit.writer';
import { UpdateLogRepository } from './update-log.repository';

export interface CollabModuleOptions {
  config: CollabConfig;
  /** The module exporting the resolver, and the resolver that says who owns a document. */
  resolverModule: NonNullable<ModuleMetadata['imports']>[number];
  resolver: Type<DocumentAccessResolver>;
}

/** Real-time co-editing of Yjs documents over socket.io, durable in PostgreSQL. */
@Module({})
export class CollabModule {
  static register(options: CollabModuleOptions): DynamicModule {
    return {
      module: CollabModule,
      imports: [AuthModule, options.resolverModule],
      providers: [
        { provide: COLLAB_CONFIG, useValue: options.config },
        { provide: DocumentAccessResolver, useExisting: options.resolver },
        UpdateLogRepository,
        GroupCommitWriter,
        DocumentRegistry,
        CollabRelay,
        CollabGateway,
      ],
      exports: [DocumentRegistry],
    };
  }
}
