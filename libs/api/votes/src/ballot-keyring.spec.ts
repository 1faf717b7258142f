import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hmac, readOrCreateSecretFile } from './ballot-keyring';

describe('readOrCreateSecretFile', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'miroir-ballot-secret-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates a private random secret once, then reads the same one back', async () => {
    const path = join(dir, 'nested', 'ballot-secret');
    const secret = await readOrCreateSecretFile(path);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readOrCreateSecretFile(path)).toBe(secret);
  });

  it('gives every concurrent caller the one secret that won, leaving no temporary file', async () => {
    const path = join(dir, 'ballot-secret');
    const secrets = await Promise.all(Array.from({ length: 20 }, () => readOrCreateSecretFile(path)));
    expect(new Set(secrets).size).toBe(1);
    expect((await readFile(path, 'utf8')).trim()).toBe(secrets[0]);
    expect(await readdir(dir)).toEqual(['ballot-secret']);
  });

  it('refuses a secret file that is too short', async () => {
    const path = join(dir, 'ballot-secret');
    await writeFile(path, 'court\n');
    await expect(readOrCreateSecretFile(path)).rejects.toThrow(/at least 32 characters/);
  });
});

describe('hmac', () => {
  it('is keyed: another key or another vote gives another voter key', () => {
    const key = 'k'.repeat(32);
    const user = '6a8e0c1e-2f1b-4a8e-9c1d-2b7f7e4f9a10';
    expect(hmac(key, `ballot:vote-1:${user}`)).toBe(hmac(key, `ballot:vote-1:${user}`));
    expect(hmac(key, `ballot:vote-1:${user}`)).not.toBe(hmac('x'.repeat(32), `ballot:vote-1:${user}`));
    expect(hmac(key, `ballot:vote-1:${user}`)).not.toBe(hmac(key, `ballot:vote-2:${user}`));
    expect(hmac(key, `ballot:vote-1:${user}`)).not.toContain(user);
  });
});
