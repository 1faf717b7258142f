import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { AuthModule } from '@miroir/api/auth';
import { AxisOwnerResolver } from '@miroir/api/core';
import { ThreadEvents } from './thread-events';
import { ThreadsController } from './threads.controller';
import { ThreadsRepository } from './threads.repository';
import { ThreadsService } from './threads.service';
import { ThreadsLiveForwarder } from './threads-live.forwarder';

export interface ThreadsModuleOptions {
  /** The module exporting the resolver, and the resolver that says which workspace owns an axis. */
  resolverModule: NonNullable<ModuleMetadata['imports']>[number];
  resolver: Type<AxisOwnerResolver>;
}

/**
 * Threads of discussion on axes, comments with mentions, notifications and last visits; changes
 * are pushed live through the app's `LiveHub` (RealtimeModule, registered once for the app).
 */
@Module({})
export class ThreadsModule {
  static register(options: ThreadsModuleOptions): DynamicModule {
    return {
      module: ThreadsModule,
      imports: [AuthModule, options.resolverModule],
      controllers: [ThreadsController],
      providers: [{ provide: AxisOwnerResolver, useExisting: options.resolver }, ThreadsRepository, ThreadEvents, ThreadsService, ThreadsLiveForwarder],
      exports: [ThreadEvents, ThreadsService, ThreadsLiveForwarder],
    };
  }
}
