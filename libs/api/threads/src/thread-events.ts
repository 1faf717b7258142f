import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

export type ThreadEventType = 'created' | 'commented' | 'edited' | 'deleted' | 'resolved' | 'reopened' | 'disposition';

export interface ThreadEvent {
  type: ThreadEventType;
  threadId: string;
  axisId: string;
  workspaceId: string;
  /** The comment concerned (created, commented, edited, deleted). */
  commentId?: string;
  /** Who did it. */
  actorId: string;
}

/** Changes to threads and comments, for live push; emitted after the change is committed. */
@Injectable()
export class ThreadEvents {
  private readonly subject = new Subject<ThreadEvent>();
  readonly events: Observable<ThreadEvent> = this.subject.asObservable();

  publish(event: ThreadEvent): void {
    this.subject.next(event);
  }
}
