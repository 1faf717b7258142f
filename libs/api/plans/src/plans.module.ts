import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@miroir/api/auth';
import { AxisEntity } from './axis.entity';
import { AxisOwnershipVersion } from './axis-ownership-version';
import { AxisProposalResolver } from './axis-proposal.resolver';
import { PlanEntity } from './plan.entity';
import { PlansAxisOwnerResolver } from './plans-axis-owner.resolver';
import { AxesController, PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

/** Plans and their tree of axes (axe → sous-axe → action). */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([PlanEntity, AxisEntity])],
  controllers: [PlansController, AxesController],
  providers: [AxisOwnershipVersion, PlansRepository, PlansService, AxisProposalResolver, PlansAxisOwnerResolver],
  exports: [AxisOwnershipVersion, PlansRepository, AxisProposalResolver, PlansAxisOwnerResolver],
})
export class PlansModule {}
