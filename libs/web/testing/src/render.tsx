import type { CurrentUser, WorkspaceRole } from '@miroir/shared/contracts';
import { SessionProvider } from '@miroir/web/data-access';
import { I18nextProvider, i18n } from '@miroir/web/i18n';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';

export interface MockRoute {
  method?: string;
  path: string | RegExp;
  status?: number;
  body?: unknown;
}

/** Replaces `fetch` with a tiny router answering JSON for the listed routes (404 otherwise). */
export function mockFetch(routes: MockRoute[]) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const route = routes.find(
      (candidate) =>
        (candidate.method ?? 'GET') === method && (typeof candidate.path === 'string' ? candidate.path === url : candidate.path.test(url)),
    );
    const status = route ? (route.status ?? 200) : 404;
    const body = route ? route.body : { statusCode: 404, code: 'NOT_FOUND', message: `No mock for ${method} ${url}` };
    return new Response(status === 204 || body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function requestsTo(fetchMock: ReturnType<typeof mockFetch>, method: string, path: string) {
  return fetchMock.mock.calls
    .filter(([input, init]) => String(input) === path && (init?.method ?? 'GET') === method)
    .map(([, init]) => (init?.body ? JSON.parse(String(init.body)) : undefined));
}

export function makeUser(role: WorkspaceRole = 'member', overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'u-1',
    email: 'camille.martin@cavaillon.fr',
    displayName: 'Camille Martin',
    jobTitle: 'DGS',
    collectivite: 'Commune de Cavaillon',
    collectiviteType: 'commune',
    populationBand: '20000_50000',
    memberships: [{ workspaceId: 'ws-1', workspaceName: 'Groupe miroir Vaucluse', role }],
    ...overrides,
  };
}

export const UNAUTHENTICATED = { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Unauthorized' };

export function renderWithProviders(ui: ReactNode, { route = '/' }: { route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const rendered = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[route]}>
          <SessionProvider>{ui}</SessionProvider>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...rendered, queryClient: client };
}
