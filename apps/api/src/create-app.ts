import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CollabIoAdapter } from '@miroir/api/collab';
import { runMigrations } from '@miroir/api/db';
import { ApiExceptionFilter, createValidationPipe, originCheck, securityHeaders } from '@miroir/api/core';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';

/** Builds the whole api the same way for `main.ts` and for the integration tests. */
export async function createApp(options: AppOptions): Promise<INestApplication> {
  await runMigrations(options.database);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useWebSocketAdapter(new CollabIoAdapter(app, options.collab.maxUpdateBytes));
  app.set('trust proxy', process.env['TRUST_PROXY'] === '1' ? 1 : false);
  app.useBodyParser('json', { limit: '1mb' });
  app.use(securityHeaders());
  app.use(cookieParser());
  app.use('/api', originCheck([new URL(options.config.publicUrl).origin, ...options.config.allowedOrigins]));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Miroir API')
      .setDescription('Espace de travail collaboratif du groupe miroir DGS — CNFPT')
      .setVersion('1')
      .addCookieAuth('miroir_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
