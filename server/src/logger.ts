/** Structured logs (JSON lines): secrets and personal headers are redacted before they are written. */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'vigie' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.code',
        '*.secret',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
  return pino(options, destination ?? standardOutput());
}

/**
 * Standard output, written as each line is logged (lines are few: one per HTTP request, a few per hour
 * otherwise). Pino's default writes later and flushes on exit, retrying a failed write forever: with
 * the output's reader gone (a supervisor's pipe closed, a journal restarted) the process could never
 * stop, even on SIGTERM. Written at once, a broken pipe is one error after which lines are dropped.
 */
const standardOutput = () => pino.destination({ dest: 1, sync: true });

/** A logger that writes nothing (tests). */
export const silentLogger: Logger = pino({ level: 'silent' });
