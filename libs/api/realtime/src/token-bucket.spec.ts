import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  afterEach(() => jest.useRealTimers());

  it('allows the burst, then refills at the given rate', () => {
    jest.useFakeTimers({ now: 0 });
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 });
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    jest.setSystemTime(100);
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    jest.setSystemTime(10_000);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});
