/**
 * Runs inspectStoreFile in a worker thread: checking every page of a large store takes seconds
 * (about 1.5 s for a million events), which must neither block the event loop of a running server
 * nor add to start-up, where it runs alongside the rebuild.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InspectOptions, StoreInspection } from './inspectStore.ts';

export function inspectInWorker(path: string, options: InspectOptions = {}): Promise<StoreInspection> {
  // The server runs from TypeScript sources: the worker loads its entry through tsx's require hook,
  // which (unlike module hooks on Node 20) works inside a worker, under tsx and under vitest alike.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./inspectStoreWorker.ts', import.meta.url));
  const worker = new Worker(
    `require(${JSON.stringify(tsx)}).require(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`,
    {
      eval: true,
      execArgv: [],
      workerData: { path, options },
    },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (inspection: StoreInspection) => {
      resolve(inspection);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`store check of ${path} stopped (exit ${code})`)));
  });
}
