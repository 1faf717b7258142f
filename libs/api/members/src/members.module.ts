import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@miroir/api/auth';
import { InvitationEntity } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsController, MembersController } from './members.controller';
import { MembersService } from './members.service';

/** Admins invite people, change their roles and remove them. */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([InvitationEntity])],
  controllers: [MembersController, InvitationsController],
  providers: [InvitationsRepository, MembersService],
})
export class MembersModule {}
