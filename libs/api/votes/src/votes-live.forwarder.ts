import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { LiveHub } from '@miroir/api/realtime';
import { LIVE_SERVER_EVENTS } from '@miroir/shared/contracts';
import type { Subscription } from 'rxjs';
import { VoteEvents } from './vote-events';

/** Pushes participation of every committed vote change to the axis' watchers: never who voted, nor what. */
@Injectable()
export class VotesLiveForwarder implements OnModuleInit, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(
    private readonly events: VoteEvents,
    private readonly live: LiveHub,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.events.subscribe(({ type, voteId, axisId, voters, eligible }) =>
      this.live.emitToAxis(axisId, LIVE_SERVER_EVENTS.vote, { type, voteId, axisId, voters, eligible }),
    );
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
