// Reads the JSON reports that jest and vitest write (same top-level counters) and totals them.
import { existsSync, readFileSync } from 'node:fs';

export function totals(files) {
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    if (!existsSync(file)) {
      failed += 1; // a runner that crashed before reporting counts as a failure
      console.error(`no test report at ${file}`);
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  }
  return { passed, failed };
}
