import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DESCRIPTION_MAX_LENGTH,
  PLAN_STATUSES,
  TITLE_MAX_LENGTH,
  type CreateAxisRequest,
  type CreatePlanRequest,
  type MoveAxisRequest,
  type PlanStatus,
  type UpdateAxisRequest,
  type UpdatePlanRequest,
} from '@miroir/shared/contracts';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf } from 'class-validator';

/** Title, description and status: the fields shared by plans and axes. */
export class EditableFieldsDto {
  @ApiProperty({ maxLength: TITLE_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_MAX_LENGTH)
  title!: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;
}

/** Absent means "unchanged", but null is refused: the columns are NOT NULL (`@IsOptional` would let null through). */
const UnlessAbsent = () => ValidateIf((_, value) => value !== undefined);

export class UpdateFieldsDto implements UpdatePlanRequest, UpdateAxisRequest {
  @ApiPropertyOptional({ maxLength: TITLE_MAX_LENGTH })
  @UnlessAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TITLE_MAX_LENGTH)
  title?: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX_LENGTH })
  @UnlessAbsent()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @UnlessAbsent()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;
}

export class CreatePlanDto extends EditableFieldsDto implements CreatePlanRequest {
  @ApiProperty()
  @IsUUID()
  workspaceId!: string;
}

export class CreateAxisDto extends EditableFieldsDto implements CreateAxisRequest {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Parent axis; a root axis when null or absent' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ minimum: 0, description: 'Index among its siblings; appended last when absent' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}

export class MoveAxisDto implements MoveAxisRequest {
  @ApiProperty({ nullable: true, type: String })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  parentId!: string | null;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  position!: number;
}
