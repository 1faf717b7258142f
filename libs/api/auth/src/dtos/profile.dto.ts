import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  COLLECTIVITE_TYPES,
  POPULATION_BANDS,
  type CollectiviteType,
  type PopulationBand,
  type UpdateProfileRequest,
} from '@miroir/shared/contracts';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Profile fields, all optional: used to update a profile and when accepting an invitation. */
export class ProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ example: 'Claire Dupont' })
  // Not @IsOptional(): that would let null through to a NOT NULL column.
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ example: 'DGS', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(120)
  jobTitle?: string | null;

  @ApiPropertyOptional({ example: 'Commune de Sorgues', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(200)
  collectivite?: string | null;

  @ApiPropertyOptional({ enum: COLLECTIVITE_TYPES, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsIn(COLLECTIVITE_TYPES)
  collectiviteType?: CollectiviteType | null;

  @ApiPropertyOptional({ enum: POPULATION_BANDS, nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsIn(POPULATION_BANDS)
  populationBand?: PopulationBand | null;
}
