import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { REALTIME_CONFIG, type RealtimeConfig } from './realtime.config';

type Handler = (message: unknown) => void;

/**
 * One Redis publisher and one subscriber for the app, shared by the features that must hear what
 * the other api instances did. A message comes back to every instance but the one that sent it;
 * without REDIS_URL nothing is sent and nothing arrives.
 */
@Injectable()
export class RedisBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RedisBus.name);
  private readonly instanceId = randomUUID();
  private readonly handlers = new Map<string, Handler[]>();
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;

  constructor(@Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig) {}

  get enabled(): boolean {
    return this.publisher !== null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.redisUrl) return;
    const publisher = new Redis(this.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    const subscriber = new Redis(this.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    for (const client of [publisher, subscriber]) client.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    subscriber.on('message', (channel: string, raw: string) => this.receive(channel, raw));
    await Promise.all([publisher.connect(), subscriber.connect()]);
    if (this.handlers.size > 0) await subscriber.subscribe(...this.handlers.keys());
    this.publisher = publisher;
    this.subscriber = subscriber;
  }

  async onModuleDestroy(): Promise<void> {
    const clients = [this.publisher, this.subscriber];
    this.publisher = null;
    this.subscriber = null;
    await Promise.all(clients.map((client) => client?.quit().catch(() => undefined)));
  }

  /** Hears the messages other instances publish on `channel` (best registered before the app starts). */
  on(channel: string, handler: Handler): void {
    const known = this.handlers.get(channel);
    if (known) return void known.push(handler);
    this.handlers.set(channel, [handler]);
    this.subscriber?.subscribe(channel).catch((error: Error) => this.logger.warn(`could not subscribe to ${channel}: ${error.message}`));
  }

  publish(channel: string, message: unknown): void {
    this.publisher?.publish(channel, JSON.stringify({ origin: this.instanceId, message })).catch((error: Error) => {
      this.logger.warn(`could not publish on ${channel}: ${error.message}`);
    });
  }

  private receive(channel: string, raw: string): void {
    let envelope: { origin?: unknown; message?: unknown };
    try {
      envelope = JSON.parse(raw);
    } catch {
      return;
    }
    if (envelope.origin === this.instanceId) return;
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(envelope.message);
      } catch (error) {
        this.logger.error(`handler of ${channel} failed: ${String(error)}`);
      }
    }
  }
}
