import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { MembershipEvents, type MembershipChange } from '@miroir/api/auth';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Subject, type Subscription } from 'rxjs';
import { COLLAB_CONFIG, type CollabConfig } from './collab.config';

export type RelayMessage =
  | { kind: 'update'; doc: string; data: string }
  | { kind: 'awareness'; doc: string; data: string };

const CHANNEL = 'miroir:collab:v1';

/**
 * With REDIS_URL set, several api instances serve the same documents: each publishes the updates
 * and presences its own clients send (already validated and committed by it) and the membership
 * changes it made; the others apply them to their copy and forward them to their clients.
 * Without Redis it does nothing.
 */
@Injectable()
export class CollabRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CollabRelay.name);
  private readonly instanceId = randomUUID();
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private membershipSubscription: Subscription | undefined;
  readonly messages = new Subject<RelayMessage>();

  constructor(
    @Inject(COLLAB_CONFIG) private readonly config: CollabConfig,
    private readonly membershipEvents: MembershipEvents,
  ) {}

  get enabled(): boolean {
    return this.publisher !== null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.redisUrl) return;
    this.publisher = new Redis(this.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    this.subscriber = new Redis(this.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) client.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(CHANNEL);
    this.subscriber.on('message', (_channel: string, raw: string) => this.receive(raw));
    this.membershipSubscription = this.membershipEvents.changes.subscribe((change) => {
      if (!change.relayed) this.send({ kind: 'membership', change });
    });
    this.logger.log('multi-instance mode: relaying documents through Redis');
  }

  async onModuleDestroy(): Promise<void> {
    this.membershipSubscription?.unsubscribe();
    await Promise.all([this.publisher?.quit(), this.subscriber?.quit()].map((closing) => closing?.catch(() => undefined)));
  }

  publish(message: RelayMessage): void {
    if (this.publisher) this.send(message);
  }

  private send(message: RelayMessage | { kind: 'membership'; change: MembershipChange }): void {
    this.publisher?.publish(CHANNEL, JSON.stringify({ origin: this.instanceId, ...message })).catch((error: Error) => {
      this.logger.warn(`could not relay ${message.kind}: ${error.message}`);
    });
  }

  private receive(raw: string): void {
    let message: { origin?: string; kind?: string; doc?: unknown; data?: unknown; change?: MembershipChange };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.origin === this.instanceId) return;
    if (message.kind === 'membership' && message.change) {
      this.membershipEvents.publish({ ...message.change, relayed: true });
    } else if ((message.kind === 'update' || message.kind === 'awareness') && typeof message.doc === 'string' && typeof message.data === 'string') {
      this.messages.next({ kind: message.kind, doc: message.doc, data: message.data });
    }
  }
}
