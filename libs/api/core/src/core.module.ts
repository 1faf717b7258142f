import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './app-config';
import { AxisCloseChecks } from './axis-close-checks';

/** Makes the app configuration, and the checks run before an axis closes, injectable everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CoreModule, providers: [{ provide: APP_CONFIG, useValue: config }, AxisCloseChecks], exports: [APP_CONFIG, AxisCloseChecks] };
  }
}
