/**
 * An append resolves only once what it wrote is on disk: between two acknowledgements, the store's
 * write-ahead log has been synced (fdatasync or fsync, seen by strace, completed before the next
 * acknowledgement is written). Without it a power cut could lose an acknowledged change.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'vigie-wal-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BATCHES = 8;

describe('the event store', () => {
  it('has each append on disk before it resolves', () => {
    const trace = join(dir, 'trace.txt');
    const script = resolve(import.meta.dirname, 'support/appendAndAcknowledge.ts');
    // -f: the sync may run on another thread; -y: file descriptors shown with their paths.
    const run = spawnSync(
      'strace',
      [
        '-f',
        '-y',
        '-e',
        'trace=fsync,fdatasync,write',
        '-o',
        trace,
        process.execPath,
        '--import',
        'tsx',
        script,
        join(dir, 'vigie.sqlite'),
        String(BATCHES),
      ],
      // tsx is the server's: loaded from its folder.
      { cwd: resolve(import.meta.dirname, '../../server'), encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toHaveLength(BATCHES);
    // In the order strace saw them: completed syncs of the WAL, and acknowledgements.
    const steps: string[] = [];
    const started = new Map<string, boolean>();
    for (const line of readFileSync(trace, 'utf8').split('\n')) {
      const pid = line.split(' ')[0]!;
      if (/f(data)?sync\(\d+<[^>]*vigie\.sqlite-wal>\) = 0/.test(line)) steps.push('synced');
      else if (/f(data)?sync\(\d+<[^>]*vigie\.sqlite-wal> <unfinished/.test(line)) started.set(pid, true);
      else if (/<\.\.\. f(data)?sync resumed>\) += 0/.test(line) && started.get(pid)) {
        started.delete(pid);
        steps.push('synced');
      } else if (/write\(1<[^>]*>, "acknowledged \d+/.test(line)) steps.push('acknowledged');
    }
    expect(steps.filter((s) => s === 'acknowledged')).toHaveLength(BATCHES);
    // Every acknowledgement follows a sync completed since the one before.
    let synced = false;
    for (const step of steps) {
      if (step === 'synced') synced = true;
      else {
        expect(synced).toBe(true);
        synced = false;
      }
    }
  });
});
