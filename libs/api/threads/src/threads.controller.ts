import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallerId } from '@miroir/api/auth';
import { UuidParam } from '@miroir/api/core';
import type { AppNotification, AxisThreads, PlanActivity, Thread, ThreadsSummary } from '@miroir/shared/contracts';
import { CommentDto, CreateThreadDto, DispositionDto } from './dtos/threads.dto';
import { ThreadsService } from './threads.service';

@ApiTags('threads')
@Controller()
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get('axes/:axisId/threads')
  @ApiOperation({ summary: 'The threads of an axis with their comments, and what is new since the caller’s last visit' })
  list(@CallerId() callerId: string, @UuidParam('axisId') axisId: string): Promise<AxisThreads> {
    return this.threads.list(callerId, axisId);
  }

  @Get('axes/:axisId/threads/summary')
  @ApiOperation({ summary: 'Counts of threads; the axis should not be closed while some have no disposition' })
  summary(@CallerId() callerId: string, @UuidParam('axisId') axisId: string): Promise<ThreadsSummary> {
    return this.threads.summary(callerId, axisId);
  }

  @Get('plans/:planId/activity')
  @ApiOperation({ summary: 'Per axis of the plan having threads: new comments since the caller’s last visit, open threads, threads without disposition' })
  activity(@CallerId() callerId: string, @UuidParam('planId') planId: string): Promise<PlanActivity> {
    return this.threads.activity(callerId, planId);
  }

  @Post('axes/:axisId/threads')
  @ApiConflictResponse({ description: 'AXIS_CLOSED: the axis is closed' })
  @ApiOperation({ summary: 'Open a thread on the axis or on a passage of its proposal, with its first comment (not observers)' })
  create(@CallerId() callerId: string, @UuidParam('axisId') axisId: string, @Body() body: CreateThreadDto): Promise<Thread> {
    return this.threads.create(callerId, axisId, body);
  }

  @Post('axes/:axisId/visit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the caller has seen the axis now' })
  visit(@CallerId() callerId: string, @UuidParam('axisId') axisId: string): Promise<{ axisId: string; lastVisitAt: string }> {
    return this.threads.visit(callerId, axisId);
  }

  @Post('threads/:threadId/comments')
  @ApiOperation({ summary: 'Reply in a thread (not observers)' })
  @ApiConflictResponse({ description: 'THREAD_RESOLVED: reopen the thread first; AXIS_CLOSED: the axis is closed' })
  reply(@CallerId() callerId: string, @UuidParam('threadId') threadId: string, @Body() body: CommentDto): Promise<Thread> {
    return this.threads.reply(callerId, threadId, body);
  }

  @Post('threads/:threadId/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a thread (its author, moderators, admins)' })
  @ApiConflictResponse({ description: 'THREAD_RESOLVED: already resolved' })
  resolve(@CallerId() callerId: string, @UuidParam('threadId') threadId: string): Promise<Thread> {
    return this.threads.resolve(callerId, threadId);
  }

  @Post('threads/:threadId/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a resolved thread (its author, moderators, admins)' })
  @ApiConflictResponse({ description: 'THREAD_NOT_RESOLVED: already open' })
  reopen(@CallerId() callerId: string, @UuidParam('threadId') threadId: string): Promise<Thread> {
    return this.threads.reopen(callerId, threadId);
  }

  @Put('threads/:threadId/disposition')
  @ApiOperation({ summary: 'Give a thread its disposition, or clear it with null (moderators, admins)' })
  dispose(@CallerId() callerId: string, @UuidParam('threadId') threadId: string, @Body() body: DispositionDto): Promise<Thread> {
    return this.threads.dispose(callerId, threadId, body);
  }

  @Patch('comments/:commentId')
  @ApiOperation({ summary: 'Edit one’s own comment' })
  @ApiConflictResponse({ description: 'COMMENT_DELETED: the comment was deleted' })
  edit(@CallerId() callerId: string, @UuidParam('commentId') commentId: string, @Body() body: CommentDto): Promise<Thread> {
    return this.threads.edit(callerId, commentId, body);
  }

  @Delete('comments/:commentId')
  @ApiOperation({ summary: 'Delete one’s own comment: it stays as « commentaire supprimé », without its text' })
  @ApiConflictResponse({ description: 'COMMENT_DELETED: already deleted' })
  remove(@CallerId() callerId: string, @UuidParam('commentId') commentId: string): Promise<Thread> {
    return this.threads.remove(callerId, commentId);
  }

  @Get('notifications')
  @ApiOperation({ summary: 'The caller’s notifications (mentions), newest first, at most 100' })
  notifications(@CallerId() callerId: string): Promise<AppNotification[]> {
    return this.threads.notifications(callerId);
  }

  @Post('notifications/:notificationId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller’s notifications read' })
  markRead(@CallerId() callerId: string, @UuidParam('notificationId') notificationId: string): Promise<AppNotification> {
    return this.threads.markRead(callerId, notificationId);
  }
}
