/**
 * Probes for process supervisors: /healthz (the process answers), /readyz (store open, situation
 * rebuilt, not stopping). /readyz also says whether the demo plays: the sign-in and pairing pages,
 * which open no socket, read it to show the DÉMONSTRATION band.
 */
import type { Express } from 'express';

interface Status {
  ready: boolean;
  logId: string;
  seq: number;
  buildId: string;
  demo: boolean;
  /**
   * Whether changes can be recorded now. A node whose database cannot be written stays ready: it still
   * serves the picture it has (every node shares the database, so another would be no better off).
   */
  writable: boolean;
}

export function serveHealth(app: Express, status: () => Status): void {
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', (_req, res) => {
    const { ready, ...rest } = status();
    res.status(ready ? 200 : 503).json({ ok: ready, ...rest });
  });
}
