#!/usr/bin/env node
// `npm test`: every tier in turn — api unit and integration (jest), web components (vitest),
// browser end-to-end (jest + Chromium) — then one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { totals } from './test-results.mjs';

const resultsDir = resolve(process.env.TEST_RESULTS_DIR ?? 'tmp/test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_INTERACTIVE: 'false' };

const steps = [
  ['api', 'npx', ['jest', '--selectProjects', 'unit', 'integration', '--json', `--outputFile=${join(resultsDir, 'api.json')}`]],
  ['web', 'npx', ['vitest', 'run', '--config', 'apps/web/vite.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(resultsDir, 'web.json')}`]],
  ['e2e', 'npx', ['jest', '--selectProjects', 'e2e', '--runInBand', '--json', `--outputFile=${join(resultsDir, 'e2e.json')}`]],
];

let exitCode = 0;
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name} tests ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) exitCode = 1;
}

const { passed, failed } = totals(steps.map(([name]) => join(resultsDir, `${name}.json`)));
if (failed > 0) exitCode = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode);
