import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMMENT_BODY_MAX_LENGTH,
  DISPOSITION_REASON_MAX_LENGTH,
  THREAD_DISPOSITIONS,
  THREAD_QUOTE_MAX_LENGTH,
  type CommentRequest,
  type CreateThreadRequest,
  type DispositionRequest,
  type ThreadAnchor,
  type ThreadDisposition,
} from '@miroir/shared/contracts';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, ValidateIf } from 'class-validator';

const CLIENT_ID_DESCRIPTION =
  'Optional uuid chosen by the client for this comment. Sending it again (a replay after a lost answer) returns the existing thread ' +
  'instead of inserting a duplicate; 409 CONFLICT if another member already used it.';

const BODY_DESCRIPTION =
  `Markdown, 1 to ${COMMENT_BODY_MAX_LENGTH} characters, no NUL; stored raw, rendered sanitised by the client. ` +
  'Mentions are written `@[Display Name](user:<uuid>)`: members of the workspace so mentioned are notified, other ids are ignored.';

/** Shapes only; blank bodies, sizes, NUL and anchors are checked by the domain (`checkCommentBody`, `checkAnchor`). */
export class CreateThreadDto implements CreateThreadRequest {
  @ApiProperty({ description: BODY_DESCRIPTION, maxLength: COMMENT_BODY_MAX_LENGTH })
  @IsString()
  body!: string;

  @ApiPropertyOptional({
    nullable: true,
    description: `Absent or null: the thread is on the axis as a whole. Else {start, end}: Yjs relative positions (base64) and quote: the selected text (≤ ${THREAD_QUOTE_MAX_LENGTH} characters).`,
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsObject()
  anchor?: ThreadAnchor | null;

  @ApiPropertyOptional({ format: 'uuid', description: CLIENT_ID_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  clientId?: string;
}

export class CommentDto implements CommentRequest {
  @ApiProperty({ description: BODY_DESCRIPTION, maxLength: COMMENT_BODY_MAX_LENGTH })
  @IsString()
  body!: string;

  @ApiPropertyOptional({ format: 'uuid', description: `${CLIENT_ID_DESCRIPTION} Replies only: ignored when editing.` })
  @IsOptional()
  @IsUUID()
  clientId?: string;
}

export class DispositionDto implements DispositionRequest {
  @ApiProperty({ enum: THREAD_DISPOSITIONS, nullable: true, description: 'null clears the disposition.' })
  @ValidateIf((_, value) => value !== null)
  @IsIn(THREAD_DISPOSITIONS)
  disposition!: ThreadDisposition | null;

  @ApiPropertyOptional({ nullable: true, maxLength: DISPOSITION_REASON_MAX_LENGTH, description: 'Required for ecarte; optional otherwise.' })
  @IsOptional()
  @IsString()
  reason?: string | null;
}
