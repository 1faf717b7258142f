import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerId } from '@miroir/api/auth';
import { UuidParam } from '@miroir/api/core';
import type { VoteDetail, VoteParticipation, VoteSummary } from '@miroir/shared/contracts';
import { CastBallotDto, OpenVoteDto } from './dtos/votes.dto';
import { VotesService } from './votes.service';

@ApiTags('votes')
@Controller()
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  @Post('axes/:axisId/votes')
  @ApiOperation({ summary: 'Open a vote on an axis (moderators and admins)' })
  open(@CallerId() callerId: string, @UuidParam('axisId') axisId: string, @Body() body: OpenVoteDto): Promise<VoteDetail> {
    return this.votes.open(callerId, axisId, body);
  }

  @Get('axes/:axisId/votes')
  @ApiOperation({ summary: 'The votes of an axis, newest first' })
  list(@CallerId() callerId: string, @UuidParam('axisId') axisId: string): Promise<VoteSummary[]> {
    return this.votes.list(callerId, axisId);
  }

  @Get('votes/:voteId')
  @ApiOperation({ summary: 'A vote with the caller’s ballot, and its results when visible' })
  get(@CallerId() callerId: string, @UuidParam('voteId') voteId: string): Promise<VoteDetail> {
    return this.votes.get(callerId, voteId);
  }

  @Get('votes/:voteId/participation')
  @ApiOperation({ summary: 'Turnout, by type of collectivité and population band' })
  participation(@CallerId() callerId: string, @UuidParam('voteId') voteId: string): Promise<VoteParticipation> {
    return this.votes.participation(callerId, voteId);
  }

  @Put('votes/:voteId/ballot')
  @ApiOperation({ summary: 'Cast or change the caller’s ballot (members, moderators, admins)' })
  @ApiConflictResponse({ description: 'VOTE_CLOSED: the vote is closed' })
  cast(@CallerId() callerId: string, @UuidParam('voteId') voteId: string, @Body() body: CastBallotDto): Promise<VoteDetail> {
    return this.votes.cast(callerId, voteId, body);
  }

  @Post('votes/:voteId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a vote early (moderators and admins)' })
  @ApiConflictResponse({ description: 'VOTE_CLOSED: the vote is already closed' })
  close(@CallerId() callerId: string, @UuidParam('voteId') voteId: string): Promise<VoteDetail> {
    return this.votes.close(callerId, voteId);
  }
}
