import { Module } from '@nestjs/common';
import { AuthModule } from '@miroir/api/auth';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [AuthModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoSeedModule {}
