import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProfileDto } from '@miroir/api/auth';
import {
  WORKSPACE_ROLES,
  type AcceptInvitationRequest,
  type ChangeRoleRequest,
  type InviteMemberRequest,
  type WorkspaceRole,
} from '@miroir/shared/contracts';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 10;

export class InviteMemberDto implements InviteMemberRequest {
  @ApiProperty({ example: 'dgs@mairie-exemple.fr' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES)
  role!: WorkspaceRole;
}

export class ChangeRoleDto implements ChangeRoleRequest {
  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES)
  role!: WorkspaceRole;
}

export class AcceptInvitationDto extends ProfileDto implements AcceptInvitationRequest {
  @ApiPropertyOptional({ description: `New password (at least ${PASSWORD_MIN_LENGTH} characters), or the existing account's password` })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password!: string;
}
