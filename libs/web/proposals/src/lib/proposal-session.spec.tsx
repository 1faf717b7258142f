import 'fake-indexeddb/auto';
import type { CollabClient, DocumentSessionEvents, SyncStatus } from '@miroir/shared/collab-client';
import { makeUser, mockFetch, renderWithProviders } from '@miroir/web/testing';
import { screen, waitFor } from '@testing-library/react';
import { ObservableV2 } from 'lib0/observable';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CollabProvider } from './collab-provider';
import { presencesOf } from './presence';
import { ProposalEditor } from './proposal-editor';
import { isSafeLinkUrl, normaliseLinkUrl } from './safe-url';

class FakeSession extends ObservableV2<DocumentSessionEvents> {
  readonly awareness: Awareness;
  status: SyncStatus = 'syncing';
  readOnly = false;
  destroyed = false;

  constructor(readonly doc: Y.Doc) {
    super();
    this.awareness = new Awareness(doc);
  }

  override destroy() {
    this.destroyed = true;
    this.awareness.destroy();
    super.destroy();
  }
}

function fakeClient() {
  const sessions: { name: string; session: FakeSession }[] = [];
  const socket = { connected: false, connect: vi.fn(), disconnect: vi.fn() };
  const client = {
    socket,
    open: vi.fn((name: string, doc: Y.Doc) => {
      const session = new FakeSession(doc);
      sessions.push({ name, session });
      return session;
    }),
    close: vi.fn(),
  };
  return { client, sessions, asClient: () => client as unknown as CollabClient };
}

beforeAll(() => {
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  document.elementFromPoint = () => null;
});

describe('ProposalEditor', () => {
  it('opens the axis proposal on the tab client, read-only for observers, and closes it on unmount', async () => {
    mockFetch([{ path: '/api/auth/me', body: makeUser('observer', { id: 'u-9', displayName: 'Paul Rigaud' }) }]);
    const fake = fakeClient();
    const { unmount } = renderWithProviders(
      <CollabProvider createClient={fake.asClient}>
        <ProposalEditor axisId="a-1" workspaceId="ws-1" />
      </CollabProvider>,
    );

    const area = await screen.findByRole('textbox', { name: 'Proposition' });
    expect(fake.client.open).toHaveBeenCalledTimes(1);
    expect(fake.sessions[0]?.name).toBe('axis:a-1:proposal');
    expect(area).toHaveAttribute('contenteditable', 'false');
    expect(screen.getByText('Lecture seule')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Synchronisation…');
    expect(screen.getByRole('region', { name: 'Présents sur cette proposition' })).toHaveTextContent('Paul Rigaud (vous)');

    // The browser going offline drops the socket at once; coming back reconnects it.
    window.dispatchEvent(new Event('offline'));
    expect(fake.client.socket.disconnect).toHaveBeenCalled();
    window.dispatchEvent(new Event('online'));
    expect(fake.client.socket.connect).toHaveBeenCalled();

    unmount();
    await waitFor(() => expect(fake.sessions[0]?.session.destroyed).toBe(true));
    expect(fake.client.close).toHaveBeenCalled();
  });

  it('lets members edit', async () => {
    mockFetch([{ path: '/api/auth/me', body: makeUser('member') }]);
    const fake = fakeClient();
    renderWithProviders(
      <CollabProvider createClient={fake.asClient}>
        <ProposalEditor axisId="a-2" workspaceId="ws-1" />
      </CollabProvider>,
    );
    const area = await screen.findByRole('textbox', { name: 'Proposition' });
    expect(area).toHaveAttribute('contenteditable', 'true');
    expect(screen.getByRole('toolbar')).toBeInTheDocument();
  });
});

describe('presencesOf', () => {
  it('puts yourself first and counts a person with two tabs once', async () => {
    const { Doc } = await import('yjs');
    const { applyAwarenessUpdate, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const mine = new Awareness(new Doc());
    mine.setLocalStateField('user', { id: 'u-1', name: 'Claire Mistral', color: '#000091' });
    const tabs = [1, 2].map(() => {
      const other = new Awareness(new Doc());
      other.setLocalStateField('user', { id: 'u-2', name: 'Antoine Bérard', color: 'red; background: url(x)' });
      return other;
    });
    for (const other of tabs) applyAwarenessUpdate(mine, encodeAwarenessUpdate(other, [other.clientID]), 'server');

    const list = presencesOf(mine, 'u-1');
    expect(list.map(({ name, self }) => ({ name, self }))).toEqual([
      { name: 'Claire Mistral', self: true },
      { name: 'Antoine Bérard', self: false },
    ]);
    expect(list[1]?.color).toBe('#666666'); // an invalid colour never reaches a style attribute
    [mine, ...tabs].forEach((awareness) => awareness.destroy());
  });
});

describe('link targets', () => {
  it.each([
    ['https://www.cnfpt.fr/', 'https://www.cnfpt.fr/'],
    ['http://example.org', 'http://example.org'],
    ['mailto:dgs@sorgues.fr', 'mailto:dgs@sorgues.fr'],
    ['www.cnfpt.fr', 'https://www.cnfpt.fr'],
    ['cnfpt.fr/offre', 'https://cnfpt.fr/offre'],
    ['dgs@sorgues.fr', 'mailto:dgs@sorgues.fr'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normaliseLinkUrl(input)).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>', 'vbscript:x', '/relatif', 'ftp://x.fr', '', 'deux mots'])(
    'refuses %s',
    (input) => {
      expect(normaliseLinkUrl(input)).toBeNull();
      expect(isSafeLinkUrl(input)).toBe(false);
    },
  );
});
