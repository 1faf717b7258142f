import { DEFAULT_MAX_UPDATE_BYTES } from '@miroir/shared/contracts';

/** Limits and timings of co-editing, read once from the environment. */
export interface CollabConfig {
  maxUpdateBytes: number;
  /** Updates per second a connection may send, and the burst it may save up. */
  updateRate: { perSecond: number; burst: number };
  awarenessRate: { perSecond: number; burst: number };
  /** How long a document stays in memory after its last client left. */
  unloadDelayMs: number;
  /** Length of the update log past which it is folded into the snapshot. */
  compactionThreshold: number;
  validationTimeoutMs: number;
  redisUrl: string | null;
}

export const COLLAB_CONFIG = Symbol('COLLAB_CONFIG');

export function readCollabConfig(env: NodeJS.ProcessEnv): CollabConfig {
  const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  return {
    maxUpdateBytes: number('COLLAB_MAX_UPDATE_BYTES', DEFAULT_MAX_UPDATE_BYTES),
    updateRate: { perSecond: number('COLLAB_UPDATES_PER_SECOND', 200), burst: number('COLLAB_UPDATE_BURST', 400) },
    awarenessRate: { perSecond: number('COLLAB_AWARENESS_PER_SECOND', 60), burst: number('COLLAB_AWARENESS_BURST', 120) },
    unloadDelayMs: number('COLLAB_UNLOAD_DELAY_MS', 30_000),
    compactionThreshold: number('COLLAB_COMPACTION_THRESHOLD', 500),
    validationTimeoutMs: number('COLLAB_VALIDATION_TIMEOUT_MS', 2_000),
    redisUrl: env['REDIS_URL'] || null,
  };
}
