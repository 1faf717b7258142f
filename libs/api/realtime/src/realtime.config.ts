/** Settings of the live events, read once from the environment by the composition root. */
export interface RealtimeConfig {
  /** With it, several api instances share their live events through Redis pub/sub. */
  redisUrl: string | null;
  /** Watch and unwatch requests per second a connection may send, and the burst it may save up. */
  requestRate: { perSecond: number; burst: number };
}

export const REALTIME_CONFIG = Symbol('REALTIME_CONFIG');

export function readRealtimeConfig(env: NodeJS.ProcessEnv): RealtimeConfig {
  const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  return {
    redisUrl: env['REDIS_URL'] || null,
    requestRate: { perSecond: number('LIVE_REQUESTS_PER_SECOND', 10), burst: number('LIVE_REQUEST_BURST', 40) },
  };
}
