import { decodeAwarenessEntries, encodeAwarenessEntries } from '@miroir/shared/collab-protocol';
import { stampAwareness } from './awareness-stamp';

const claire = { id: 'u-claire', name: 'Claire Mistral', color: '#000091' };

describe('stampAwareness', () => {
  it('overwrites the user a client claims with the session identity', () => {
    const update = encodeAwarenessEntries([{ clientId: 11, clock: 1, state: { user: { name: 'Admin', id: 'u-admin' }, cursor: 4 } }]);
    const stamped = stampAwareness(update, claire, new Set(), () => false);
    expect(stamped?.clientIds).toEqual([11]);
    expect(decodeAwarenessEntries(stamped?.update ?? new Uint8Array())).toEqual([
      { clientId: 11, clock: 1, state: { user: claire, cursor: 4 } },
    ]);
  });

  it('binds a client id to the first connection and drops entries for ids bound elsewhere', () => {
    const owned = new Set<number>();
    const update = encodeAwarenessEntries([
      { clientId: 1, clock: 1, state: { cursor: 1 } },
      { clientId: 2, clock: 1, state: { cursor: 2 } },
    ]);
    const stamped = stampAwareness(update, claire, owned, (clientId) => clientId === 2);
    expect(stamped?.clientIds).toEqual([1]);
    expect(owned).toEqual(new Set([1]));
    expect(decodeAwarenessEntries(stamped?.update ?? new Uint8Array())?.map((entry) => entry.clientId)).toEqual([1]);
  });

  it('keeps removals as removals and refuses malformed updates', () => {
    const removal = encodeAwarenessEntries([{ clientId: 3, clock: 2, state: null }]);
    expect(decodeAwarenessEntries(stampAwareness(removal, claire, new Set([3]), () => false)?.update ?? new Uint8Array())).toEqual([
      { clientId: 3, clock: 2, state: null },
    ]);
    expect(stampAwareness(new Uint8Array([1, 2, 3]), claire, new Set(), () => false)).toBeNull();
  });
});
