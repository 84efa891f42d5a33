/** Worker-thread entry: checks a store file, or copies one (VACUUM INTO) and checks the copy; posts the inspection. */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { inspectStoreFile, type InspectOptions } from './inspectStore.ts';

type Task =
  { task: 'inspect'; path: string; options: InspectOptions } | { task: 'copy'; source: string; destination: string };

const task = workerData as Task;
if (task.task === 'copy') {
  // One read transaction on a connection of its own: a consistent snapshot while the server goes on
  // writing (WAL), and a compact, self-contained file.
  const source = new Database(task.source, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(task.destination);
  } finally {
    source.close();
  }
  parentPort?.postMessage(inspectStoreFile(task.destination));
} else {
  parentPort?.postMessage(inspectStoreFile(task.path, task.options));
}
