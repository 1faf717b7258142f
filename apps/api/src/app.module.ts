import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@miroir/api/auth';
import { CollabModule, type CollabConfig } from '@miroir/api/collab';
import { CoreModule, HealthModule, type AppConfig } from '@miroir/api/core';
import { buildDataSourceOptions, type DatabaseConnection } from '@miroir/api/db';
import { DemoSeedModule } from '@miroir/api/demo-seed';
import { MembersModule } from '@miroir/api/members';
import { AxisProposalResolver, PlansAxisOwnerResolver, PlansModule } from '@miroir/api/plans';
import { RealtimeModule, type RealtimeConfig } from '@miroir/api/realtime';
import { ThreadsModule } from '@miroir/api/threads';
import { VotesModule } from '@miroir/api/votes';
import { LoggerModule } from 'nestjs-pino';
import { existsSync } from 'node:fs';

export interface AppOptions {
  config: AppConfig;
  collab: CollabConfig;
  realtime: RealtimeConfig;
  database: DatabaseConnection;
  /** Built web app to serve on `/`; absent in api-only tests. */
  webDistDir?: string;
  logLevel: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    const serveWeb =
      options.webDistDir && existsSync(options.webDistDir)
        ? [ServeStaticModule.forRoot({ rootPath: options.webDistDir, exclude: ['/api/{*path}', '/socket.io/{*path}'] })]
        : [];
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options.config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: options.logLevel,
            redact: ['req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (request) => request.url === '/api/health' },
          },
        }),
        TypeOrmModule.forRoot({ ...buildDataSourceOptions(options.database), autoLoadEntities: true }),
        HealthModule,
        AuthModule,
        MembersModule,
        PlansModule,
        RealtimeModule.forRoot({ config: options.realtime, resolverModule: PlansModule, resolver: PlansAxisOwnerResolver }),
        CollabModule.register({ config: options.collab, resolverModule: PlansModule, resolver: AxisProposalResolver }),
        VotesModule.register({ resolverModule: PlansModule, resolver: PlansAxisOwnerResolver }),
        ThreadsModule.register({ resolverModule: PlansModule, resolver: PlansAxisOwnerResolver }),
        DemoSeedModule,
        ...serveWeb,
      ],
    };
  }
}
