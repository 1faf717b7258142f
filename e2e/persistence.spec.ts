import type { PlanDetail, PlanSummary } from '@miroir/shared/contracts';
import { createStorage, sessionCookie, startServer, type RunningServer } from './support/server';

jest.setTimeout(120_000);

async function api(server: RunningServer, cookie: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { ...init, headers: { 'content-type': 'application/json', cookie, ...init.headers } });
}

describe('data kept across restarts', () => {
  it('keeps every acknowledged change after a kill -9 of the api, and seeds the demo only once', async () => {
    const storage = await createStorage();
    let server = await startServer(storage);
    try {
      const cookie = await sessionCookie(server.url, 'moderation@miroir.test');
      const [plan] = (await (await api(server, cookie, '/api/plans')).json()) as [PlanSummary];
      const titles = Array.from({ length: 5 }, (_, index) => `Action ajoutée avant l'arrêt brutal n°${index + 1}`);
      for (const title of titles) {
        expect((await api(server, cookie, `/api/plans/${plan.id}/axes`, { method: 'POST', body: JSON.stringify({ title }) })).status).toBe(201);
      }

      await server.stop('SIGKILL');
      server = await startServer(storage);

      const cookieAfter = await sessionCookie(server.url, 'moderation@miroir.test');
      const plans = (await (await api(server, cookieAfter, '/api/plans')).json()) as PlanSummary[];
      expect(plans).toHaveLength(1);
      const detail = (await (await api(server, cookieAfter, `/api/plans/${plan.id}`)).json()) as PlanDetail;
      const rootTitles = detail.axes.map((axis) => axis.title);
      expect(rootTitles).toEqual(expect.arrayContaining(titles));
      expect(detail.axisCount).toBe(plan.axisCount + titles.length);
    } finally {
      await server.stop();
      await storage.dispose();
    }
  });
});
