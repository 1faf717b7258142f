import { AxisCloseChecks } from './axis-close-checks';

describe('AxisCloseChecks', () => {
  it('lets an axis close when no check objects', async () => {
    const checks = new AxisCloseChecks();
    expect(await checks.firstBlocker('axis')).toBeNull();
    checks.register(async () => null);
    expect(await checks.firstBlocker('axis')).toBeNull();
  });

  it('answers the first objection, in the order checks were registered', async () => {
    const checks = new AxisCloseChecks();
    const seen: string[] = [];
    checks.register(async (axisId) => {
      seen.push(`first ${axisId}`);
      return null;
    });
    checks.register(async () => ({ code: 'THREADS_WITHOUT_DISPOSITION', message: '2 threads' }));
    checks.register(async () => ({ code: 'CONFLICT', message: 'never asked' }));
    expect(await checks.firstBlocker('a1')).toEqual({ code: 'THREADS_WITHOUT_DISPOSITION', message: '2 threads' });
    expect(seen).toEqual(['first a1']);
  });
});
