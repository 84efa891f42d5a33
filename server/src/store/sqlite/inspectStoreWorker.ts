/** Worker-thread entry: inspects one store file and posts the result (see inspectInWorker). */
import { parentPort, workerData } from 'node:worker_threads';
import { inspectStoreFile, type InspectOptions } from './inspectStore.ts';

const { path, options } = workerData as { path: string; options: InspectOptions };
parentPort?.postMessage(inspectStoreFile(path, options));
