import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { AuthModule } from '@miroir/api/auth';
import { AxisOwnerResolver } from '@miroir/api/core';
import { LiveHub } from './live-hub.gateway';
import { REALTIME_CONFIG, type RealtimeConfig } from './realtime.config';
import { RedisBus } from './redis-bus.service';
import { SocketAuthenticator } from './socket-authenticator';

export interface RealtimeModuleOptions {
  config: RealtimeConfig;
  /** The module exporting the resolver, and the resolver that says which workspace owns an axis. */
  resolverModule: NonNullable<ModuleMetadata['imports']>[number];
  resolver: Type<AxisOwnerResolver>;
}

/**
 * The socket.io platform shared by the namespaces: the handshake authenticator, the Redis bus of
 * the instances, and the `/live` hub. Global and registered once by the app: every feature may
 * authenticate sockets or push live events without registering it again.
 */
@Module({})
export class RealtimeModule {
  static forRoot(options: RealtimeModuleOptions): DynamicModule {
    return {
      module: RealtimeModule,
      global: true,
      imports: [AuthModule, options.resolverModule],
      providers: [
        { provide: REALTIME_CONFIG, useValue: options.config },
        { provide: AxisOwnerResolver, useExisting: options.resolver },
        SocketAuthenticator,
        RedisBus,
        LiveHub,
      ],
      exports: [SocketAuthenticator, RedisBus, LiveHub],
    };
  }
}
