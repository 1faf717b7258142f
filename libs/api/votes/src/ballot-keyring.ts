import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@miroir/api/core';
import { createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VotesRepository } from './votes.repository';

export const BALLOT_SECRET_MIN_LENGTH = 32;
const FINGERPRINT_LABEL = 'miroir:ballot-key-fingerprint:v1';

function checkSecret(secret: string, origin: string): string {
  const trimmed = secret.trim();
  if (trimmed.length < BALLOT_SECRET_MIN_LENGTH) {
    throw new Error(`${origin} must hold at least ${BALLOT_SECRET_MIN_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`);
  }
  return trimmed;
}

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown }).code;
}

/**
 * The ballot secret kept in `path`, created when absent: 32 random bytes written to a private
 * temporary file then hard-linked into place, so that instances starting together all end up
 * with the one secret that won (a link fails on an existing name, and the file is complete
 * before it has its name).
 */
export async function readOrCreateSecretFile(path: string): Promise<string> {
  try {
    return checkSecret(await readFile(path, 'utf8'), path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  return checkSecret(await readFile(path, 'utf8'), path);
}

/** HMAC-SHA256 of `message` under `key`, base64url. */
export function hmac(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url');
}

/**
 * Stands for a member on a secret ballot: `voterKey(vote, user)` is an HMAC under a secret kept
 * outside the database, so a database export alone cannot tell whose ballot a row is, while the
 * server can still find the caller's ballot to change it. The secret is loaded on first use and
 * checked against the fingerprint recorded in the database by the first instance that used it.
 */
@Injectable()
export class BallotKeyring {
  private secret?: Promise<string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly votes: VotesRepository,
  ) {
    // A configured secret that is too short stops the start-up rather than the first secret vote.
    if (config.ballotSecret !== null) checkSecret(config.ballotSecret, 'BALLOT_SECRET');
  }

  async voterKey(voteId: string, userId: string): Promise<string> {
    return hmac(await this.key(), `ballot:${voteId}:${userId}`);
  }

  private key(): Promise<string> {
    this.secret ??= this.load().catch((error: unknown) => {
      this.secret = undefined;
      throw error;
    });
    return this.secret;
  }

  private async load(): Promise<string> {
    const secret =
      this.config.ballotSecret !== null ? checkSecret(this.config.ballotSecret, 'BALLOT_SECRET') : await readOrCreateSecretFile(this.config.ballotSecretFile);
    const fingerprint = hmac(secret, FINGERPRINT_LABEL);
    const recorded = await this.votes.recordKeyFingerprint(fingerprint);
    if (recorded !== fingerprint) {
      throw new Error(
        'The ballot secret differs from the one secret ballots were cast with: give every api instance the same BALLOT_SECRET (or BALLOT_SECRET_FILE)',
      );
    }
    return secret;
  }
}
