import { Injectable } from '@nestjs/common';
import type { ThreadChangeType } from '@miroir/shared/contracts';
import { Subject, type Observable } from 'rxjs';

export interface ThreadEvent {
  type: ThreadChangeType;
  threadId: string;
  axisId: string;
  workspaceId: string;
  /** The comment concerned (created, commented, edited, deleted). */
  commentId?: string;
  /** Who did it. */
  actorId: string;
}

/** A notification just created for a user (a mention). */
export interface NotificationCreated {
  notificationId: string;
  userId: string;
  axisId: string;
  threadId: string;
}

/** Changes to threads and comments, and new notifications, for live push; emitted after the change is committed. */
@Injectable()
export class ThreadEvents {
  private readonly subject = new Subject<ThreadEvent>();
  private readonly notificationSubject = new Subject<NotificationCreated>();
  readonly events: Observable<ThreadEvent> = this.subject.asObservable();
  readonly notifications: Observable<NotificationCreated> = this.notificationSubject.asObservable();

  publish(event: ThreadEvent): void {
    this.subject.next(event);
  }

  publishNotification(notification: NotificationCreated): void {
    this.notificationSubject.next(notification);
  }
}
