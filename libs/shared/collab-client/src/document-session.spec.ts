import { decodeBinary, encodeBinary } from '@miroir/shared/collab-protocol';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { DocumentSession } from './document-session';

type Reply = { ok: true } | { ok: false; code: string; message: string };

/** Just enough of a socket.io client socket: answers joins, and updates as the test says. */
function fakeSocket(answerUpdate: (update: Uint8Array) => Reply) {
  const emptyState = encodeBinary(Y.encodeStateVector(new Y.Doc()));
  const socket = {
    connected: true,
    id: 'connection-1',
    emit: jest.fn(),
    timeout: () => ({
      emitWithAck: async (event: string, payload: { update?: string }) => {
        if (event === 'doc:join') return { ok: true, readOnly: false, update: encodeBinary(Y.encodeStateAsUpdate(new Y.Doc())), stateVector: emptyState, awareness: '' };
        return answerUpdate(decodeBinary(payload.update) as Uint8Array);
      },
    }),
  };
  return socket as unknown as Socket;
}

describe('DocumentSession acknowledgements', () => {
  it('emits "acknowledged" with the bytes sent, only for updates the server accepted', async () => {
    let refuse = false;
    const session = new DocumentSession(
      fakeSocket(() => (refuse ? { ok: false, code: 'RATE_LIMITED', message: 'slow down' } : { ok: true })),
      'axis:x:proposal',
      new Y.Doc(),
    );
    try {
      await session.whenSynced();
      const acknowledged: Uint8Array[] = [];
      session.on('acknowledged', (update) => acknowledged.push(update));

      session.doc.getText('t').insert(0, 'accepté');
      await session.whenSaved();
      expect(acknowledged).toHaveLength(1);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, acknowledged[0] as Uint8Array);
      expect(copy.getText('t').toString()).toBe('accepté');

      refuse = true;
      const errors: string[] = [];
      session.on('error', (error) => errors.push(error.code));
      session.doc.getText('t').insert(0, 'refusé');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors).toEqual(['RATE_LIMITED']);
      expect(acknowledged).toHaveLength(1);
    } finally {
      session.destroy();
    }
  });
});
