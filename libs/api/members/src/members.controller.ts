import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CallerId, setSessionCookie } from '@miroir/api/auth';
import { APP_CONFIG, Public, UuidParam, type AppConfig } from '@miroir/api/core';
import type { CurrentUser, InvitationCreated, InvitationPreview, Member, MembersPage } from '@miroir/shared/contracts';
import type { Response } from 'express';
import { AcceptInvitationDto, ChangeRoleDto, InviteMemberDto } from './dtos/members.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('workspaces/:workspaceId')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('members')
  list(@CallerId() callerId: string, @UuidParam('workspaceId') workspaceId: string): Promise<MembersPage> {
    return this.members.list(callerId, workspaceId);
  }

  @Post('invitations')
  invite(
    @CallerId() callerId: string,
    @UuidParam('workspaceId') workspaceId: string,
    @Body() body: InviteMemberDto,
  ): Promise<InvitationCreated> {
    return this.members.invite(callerId, workspaceId, body.email, body.role);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  revokeInvitation(
    @CallerId() callerId: string,
    @UuidParam('workspaceId') workspaceId: string,
    @UuidParam('invitationId') invitationId: string,
  ): Promise<void> {
    return this.members.revokeInvitation(callerId, workspaceId, invitationId);
  }

  @Patch('members/:userId')
  changeRole(
    @CallerId() callerId: string,
    @UuidParam('workspaceId') workspaceId: string,
    @UuidParam('userId') userId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<Member> {
    return this.members.changeRole(callerId, workspaceId, userId, body.role);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  remove(
    @CallerId() callerId: string,
    @UuidParam('workspaceId') workspaceId: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.members.remove(callerId, workspaceId, userId);
  }
}

@ApiTags('members')
@Controller('invitations/:token')
export class InvitationsController {
  constructor(
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.members.preview(token);
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  async accept(
    @Param('token') token: string,
    @Body() body: AcceptInvitationDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CurrentUser> {
    const { session, user } = await this.members.accept(token, body);
    setSessionCookie(response, session, this.config);
    return user;
  }
}
