import { FreshCoalescer } from './fresh-coalescer';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A lookup that records when it started and waits to be released. */
function controlled() {
  const started: Array<{ at: number; release: (value: string) => void; fail: (error: Error) => void }> = [];
  let clock = 0;
  const lookup = () =>
    new Promise<string>((release, fail) => {
      started.push({ at: ++clock, release, fail });
    });
  return { started, lookup, tick: () => ++clock };
}

describe('FreshCoalescer', () => {
  it('shares one lookup among the callers of one turn, per key', async () => {
    const coalescer = new FreshCoalescer<string>();
    const { started, lookup } = controlled();
    const answers = [coalescer.run('a', lookup), coalescer.run('a', lookup), coalescer.run('b', lookup), coalescer.run('a', lookup)];
    await turn();
    expect(started).toHaveLength(2);
    started[0]?.release('A');
    started[1]?.release('B');
    expect(await Promise.all(answers)).toEqual(['A', 'A', 'B', 'A']);
    expect(coalescer.size).toBe(0);
  });

  it('never answers a caller from a lookup that started before it asked', async () => {
    const coalescer = new FreshCoalescer<string>();
    const { started, lookup } = controlled();
    const first = coalescer.run('k', lookup);
    await turn();
    expect(started).toHaveLength(1);
    // Asked while the first lookup runs: served by the next one, which several callers share.
    const second = coalescer.run('k', lookup);
    const third = coalescer.run('k', lookup);
    await turn();
    expect(started).toHaveLength(1); // the next lookup waits for the running one to end
    started[0]?.release('old');
    expect(await first).toBe('old');
    await turn();
    expect(started).toHaveLength(2);
    started[1]?.release('new');
    expect(await Promise.all([second, third])).toEqual(['new', 'new']);
  });

  it('passes a failure to the callers of that lookup only', async () => {
    const coalescer = new FreshCoalescer<string>();
    const { started, lookup } = controlled();
    const failing = [coalescer.run('k', lookup), coalescer.run('k', lookup)];
    await turn();
    const later = coalescer.run('k', lookup);
    started[0]?.fail(new Error('database down'));
    await expect(Promise.all(failing)).rejects.toThrow('database down');
    await turn();
    started[1]?.release('back');
    expect(await later).toBe('back');
    expect(coalescer.size).toBe(0);
  });
});
