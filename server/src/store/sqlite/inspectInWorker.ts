/**
 * Store work that takes seconds on a large store (about 0.7 s to check and 1.2 s to copy a million
 * events) runs in a worker thread: it must neither stall a running server's event loop nor add to
 * start-up, where the check runs alongside the rebuild.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InspectOptions, StoreInspection } from './inspectStore.ts';

/** inspectStoreFile, in a worker thread. */
export function inspectInWorker(path: string, options: InspectOptions = {}): Promise<StoreInspection> {
  return run({ task: 'inspect', path, options });
}

/** Copies a store file to `destination` (which must not exist) and inspects the copy, in a worker thread. */
export function copyInWorker(source: string, destination: string): Promise<StoreInspection> {
  return run({ task: 'copy', source, destination });
}

function run(task: object): Promise<StoreInspection> {
  // The server runs from TypeScript sources: the worker loads its entry through tsx's require hook,
  // which (unlike module hooks on Node 20) works inside a worker, under tsx and under vitest alike.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./inspectStoreWorker.ts', import.meta.url));
  const worker = new Worker(
    `require(${JSON.stringify(tsx)}).require(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`,
    { eval: true, execArgv: [], workerData: task },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (inspection: StoreInspection) => {
      resolve(inspection);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`store worker stopped (exit ${code})`)));
  });
}
