import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSENT_OPTIONS,
  DOT_BUDGET_MAX,
  SCORE_MAX,
  SCORE_MIN,
  VOTE_KINDS,
  VOTE_MAX_OPTIONS,
  VOTE_MIN_OPTIONS,
  VOTE_OPTION_LABEL_MAX_LENGTH,
  VOTE_QUESTION_MAX_LENGTH,
  VOTE_REASON_MAX_LENGTH,
  type CastBallotRequest,
  type OpenVoteRequest,
  type VoteKind,
} from '@miroir/shared/contracts';
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** Absent or null both mean "none". */
const UnlessEmpty = () => ValidateIf((_, value) => value !== null && value !== undefined);

/**
 * The shape of each field; how they fit together (options per kind, budget, quorum range,
 * closing date, secret × live results) is checked by `checkVoteDefinition` in the domain.
 */
export class OpenVoteDto implements OpenVoteRequest {
  @ApiProperty({ maxLength: VOTE_QUESTION_MAX_LENGTH, example: 'Adoptez-vous la proposition de l’axe 2 ?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(VOTE_QUESTION_MAX_LENGTH)
  question!: string;

  @ApiProperty({ enum: VOTE_KINDS })
  @IsIn(VOTE_KINDS)
  kind!: VoteKind;

  @ApiPropertyOptional({
    type: [String],
    minItems: VOTE_MIN_OPTIONS,
    maxItems: VOTE_MAX_OPTIONS,
    description: `Labels of the options (1 to ${VOTE_OPTION_LABEL_MAX_LENGTH} characters, distinct), given ids o1, o2…; absent for consent, whose options are fixed (${CONSENT_OPTIONS.join(', ')}).`,
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  options?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: DOT_BUDGET_MAX, description: 'Points each member distributes: required for dot votes, refused otherwise.' })
  @UnlessEmpty()
  @IsInt()
  budget?: number;

  @ApiProperty({ description: 'Secret ballots never expose who voted what (not even to admins or in database exports); named ballots are listed with the results.' })
  @IsBoolean()
  secret!: boolean;

  @ApiPropertyOptional({ default: false, description: 'Show results before closing; refused with secret ballots.' })
  @IsOptional()
  @IsBoolean()
  resultsVisibleBeforeClose?: boolean;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, exclusiveMinimum: true, maximum: 1, description: 'Share of eligible members who must vote.' })
  @UnlessEmpty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  quorum?: number | null;

  @ApiPropertyOptional({ default: false, description: 'The quorum also requires a voter from every collectivité type present among eligible members.' })
  @IsOptional()
  @IsBoolean()
  quorumAllTypes?: boolean;

  @ApiProperty({ format: 'date-time', description: 'When the vote closes; in the future.' })
  @IsISO8601({ strict: true })
  closesAt!: string;
}

/** Exactly the fields of the vote's kind; `validateBallot` in the domain checks them against the vote. */
export class CastBallotDto implements CastBallotRequest {
  @ApiPropertyOptional({ description: `consent: one of ${CONSENT_OPTIONS.join(', ')}; single_choice: an option id.` })
  @IsOptional()
  @IsString()
  option?: string;

  @ApiPropertyOptional({ maxLength: VOTE_REASON_MAX_LENGTH, description: 'consent: required with an objection, optional otherwise.' })
  @IsOptional()
  @IsString()
  @MaxLength(VOTE_REASON_MAX_LENGTH)
  reason?: string;

  @ApiPropertyOptional({ type: [String], description: 'multiple_choice: one or more distinct option ids.' })
  @IsOptional()
  @IsArray()
  options?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: SCORE_MIN, maximum: SCORE_MAX },
    description: `score: option id → ${SCORE_MIN}..${SCORE_MAX}; unscored options mean "no opinion".`,
  })
  @IsOptional()
  @IsObject()
  scores?: Record<string, number>;

  @ApiPropertyOptional({ type: [String], description: 'ranking: every option id once, most preferred first (Borda count).' })
  @IsOptional()
  @IsArray()
  ranking?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    description: 'dot: option id → whole points; 1 to the vote budget in total.',
  })
  @IsOptional()
  @IsObject()
  points?: Record<string, number>;
}
