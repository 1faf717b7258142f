import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

export interface VoteEvent {
  type: 'opened' | 'ballot' | 'closed';
  voteId: string;
  axisId: string;
  workspaceId: string;
  /** Participation after the event. Never who voted, nor what. */
  voters: number;
  eligible: number;
}

/**
 * Votes opened, ballots cast or changed, votes closed (early or when their time ran out), for
 * live participation; emitted after the change is committed.
 */
@Injectable()
export class VoteEvents {
  private readonly subject = new Subject<VoteEvent>();
  readonly events: Observable<VoteEvent> = this.subject.asObservable();

  publish(event: VoteEvent): void {
    this.subject.next(event);
  }
}
