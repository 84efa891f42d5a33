/** Liveness for process supervisors. */
import type { Express } from 'express';

export function serveHealth(app: Express, status: () => { logId: string; seq: number; buildId: string }): void {
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, ...status() });
  });
}
