import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { LiveHub } from '@miroir/api/realtime';
import { LIVE_SERVER_EVENTS } from '@miroir/shared/contracts';
import type { Subscription } from 'rxjs';
import { ThreadEvents } from './thread-events';

/** Pushes every committed thread change to the axis' watchers, and every new mention to the member concerned. */
@Injectable()
export class ThreadsLiveForwarder implements OnModuleInit, OnModuleDestroy {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly events: ThreadEvents,
    private readonly live: LiveHub,
  ) {}

  onModuleInit(): void {
    this.subscriptions.push(
      this.events.events.subscribe(({ axisId, threadId, type, commentId, actorId }) =>
        this.live.emitToAxis(axisId, LIVE_SERVER_EVENTS.thread, { axisId, threadId, type, actorId, ...(commentId ? { commentId } : {}) }),
      ),
      this.events.notifications.subscribe(({ notificationId, userId, axisId, threadId }) =>
        this.live.emitToUser(userId, LIVE_SERVER_EVENTS.notification, { notificationId, axisId, threadId }),
      ),
    );
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }
}
