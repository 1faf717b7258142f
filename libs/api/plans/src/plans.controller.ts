import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CallerId } from '@miroir/api/auth';
import { UuidParam } from '@miroir/api/core';
import type { AxisDetail, PlanDetail, PlanSummary } from '@miroir/shared/contracts';
import { CreateAxisDto, CreatePlanDto, MoveAxisDto, UpdateFieldsDto } from './dtos/plans.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  list(@CallerId() callerId: string): Promise<PlanSummary[]> {
    return this.plans.list(callerId);
  }

  @Post()
  create(@CallerId() callerId: string, @Body() body: CreatePlanDto): Promise<PlanDetail> {
    return this.plans.create(callerId, body);
  }

  @Get(':planId')
  get(@CallerId() callerId: string, @UuidParam('planId') planId: string): Promise<PlanDetail> {
    return this.plans.get(callerId, planId);
  }

  @Patch(':planId')
  update(
    @CallerId() callerId: string,
    @UuidParam('planId') planId: string,
    @Body() body: UpdateFieldsDto,
  ): Promise<PlanDetail> {
    return this.plans.update(callerId, planId, body);
  }

  @Post(':planId/axes')
  createAxis(
    @CallerId() callerId: string,
    @UuidParam('planId') planId: string,
    @Body() body: CreateAxisDto,
  ): Promise<AxisDetail> {
    return this.plans.createAxis(callerId, planId, body);
  }
}

@ApiTags('plans')
@Controller('axes/:axisId')
export class AxesController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  get(@CallerId() callerId: string, @UuidParam('axisId') axisId: string): Promise<AxisDetail> {
    return this.plans.getAxis(callerId, axisId);
  }

  @Patch()
  update(
    @CallerId() callerId: string,
    @UuidParam('axisId') axisId: string,
    @Body() body: UpdateFieldsDto,
  ): Promise<AxisDetail> {
    return this.plans.updateAxis(callerId, axisId, body);
  }

  @Post('move')
  @HttpCode(200)
  move(@CallerId() callerId: string, @UuidParam('axisId') axisId: string, @Body() body: MoveAxisDto): Promise<PlanDetail> {
    return this.plans.moveAxis(callerId, axisId, body);
  }

  @Post('archive')
  @HttpCode(200)
  archive(@CallerId() callerId: string, @UuidParam('axisId') axisId: string): Promise<AxisDetail> {
    return this.plans.setArchived(callerId, axisId, true);
  }

  @Post('restore')
  @HttpCode(200)
  restore(@CallerId() callerId: string, @UuidParam('axisId') axisId: string): Promise<AxisDetail> {
    return this.plans.setArchived(callerId, axisId, false);
  }
}
