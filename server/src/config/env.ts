/** Settings from the environment, parsed once at start; a bad value stops start-up naming it. */
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** demo: plays the reference incident in its own store file; live: a real incident, no scenario. */
  VIGIE_MODE: z.enum(['demo', 'live']).default('demo'),
  VIGIE_DATA_DIR: z.string().default(resolve(import.meta.dirname, '../../../data')),
  VIGIE_REGISTRY: z.string().optional(),
  /** Simulated seconds per real second in the demo (60 = one hour per minute). */
  VIGIE_DEMO_SPEED: z.coerce.number().positive().max(1_000_000).default(60),
  VIGIE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** Changes arriving within this window after a broadcast go out together in the next one. */
  VIGIE_COALESCE_MS: z.coerce.number().int().min(0).max(1000).default(75),
  /** How wide that window grows while changes pour in (a storm), so viewers get fewer, fuller updates. */
  VIGIE_COALESCE_MAX_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  /** A client further behind than this many events gets a snapshot instead of a patch. */
  VIGIE_MAX_CATCHUP_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  /** Origins the dashboard is opened from, comma-separated (every name and address people type). */
  ALLOWED_ORIGINS: z.string().optional(),
  /** Proxies whose X-Forwarded-For/-Proto are believed, comma-separated (addresses, CIDRs, `loopback`). */
  TRUST_PROXY: z.string().default(''),
  /** Reading without an account (anonymous = viewer); default: on in the demo, off for a real incident. */
  VIGIE_OPEN_READ: flag.optional(),
  /** Requests per second one connection may send (a benchmark raises it). */
  VIGIE_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Requests per second one account may send over all its connections (default: twice a connection's). */
  VIGIE_ACCOUNT_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** Requests per second the anonymous readers of one address may send together (default: ten connections'). */
  VIGIE_ADDRESS_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(10_000_000).optional(),
  /** Main-courante entries one person may add per minute, and in a row. */
  VIGIE_LOG_ENTRIES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  VIGIE_LOG_ENTRY_BURST: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Most data (KiB) the server holds unsent for one connection; beyond it the connection is shed. */
  VIGIE_MAX_QUEUED_KB: z.coerce.number().int().min(64).max(1_048_576).default(4096),
  /** How long the one-time codes of a printed sheet stay valid. */
  VIGIE_CODE_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  VIGIE_BUILD_ID: z.string().optional(),
  /**
   * A PostgreSQL database shared by every server of a deployment (several nodes, two sites); unset:
   * the embedded SQLite files in VIGIE_DATA_DIR, for one server.
   */
  VIGIE_DATABASE_URL: z.string().min(1).optional(),
  /** Where scheduled online backups go (a second disk, ideally); unset: no scheduled backups. */
  VIGIE_BACKUP_DIR: z.string().optional(),
  VIGIE_BACKUP_EVERY_MIN: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  VIGIE_BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(96),
  /** Start a new empty incident although the access store shows the deployment in use (its log is missing or empty). */
  VIGIE_START_AFRESH: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  mode: 'demo' | 'live';
  /** The shared PostgreSQL database; null: the SQLite files at storePath and accessStorePath. */
  databaseUrl: string | null;
  storePath: string;
  registryPath: string;
  demoSpeed: number;
  heartbeatMs: number;
  coalesceMs: number;
  coalesceMaxMs: number;
  maxCatchUpEvents: number;
  accessStorePath: string;
  openRead: boolean;
  /** Null when not configured: then only this host's own localhost origins, on the port taken. */
  allowedOrigins: string[] | null;
  trustProxy: string[];
  requestsPerSecond: number;
  /** Unset: the app's default (twice a connection's). */
  accountRequestsPerSecond: number | undefined;
  /** Unset: the app's default (ten connections'). */
  addressRequestsPerSecond: number | undefined;
  logEntries: { perMinute: number; burst: number };
  maxQueuedBytes: number;
  codeTtlMs: number;
  buildId: string | undefined;
  backup: { dir: string; everyMs: number; keep: number } | null;
  startAfresh: boolean;
  logLevel: string;
};

const list = (value: string | undefined) => {
  const items = value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
};

/** The default registry shipped with the project (AP-HP). */
export const DEFAULT_REGISTRY_PATH = resolve(import.meta.dirname, '../../registry/aphp.json');

/** Reads the settings; the demo and the live incident never share a store file. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid settings: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    mode: e.VIGIE_MODE,
    databaseUrl: e.VIGIE_DATABASE_URL ?? null,
    storePath: resolve(e.VIGIE_DATA_DIR, e.VIGIE_MODE === 'demo' ? 'demo.sqlite' : 'vigie.sqlite'),
    registryPath: e.VIGIE_REGISTRY ? resolve(e.VIGIE_REGISTRY) : DEFAULT_REGISTRY_PATH,
    demoSpeed: e.VIGIE_DEMO_SPEED,
    heartbeatMs: e.VIGIE_HEARTBEAT_MS,
    coalesceMs: e.VIGIE_COALESCE_MS,
    coalesceMaxMs: Math.max(e.VIGIE_COALESCE_MS, e.VIGIE_COALESCE_MAX_MS),
    maxCatchUpEvents: e.VIGIE_MAX_CATCHUP_EVENTS,
    accessStorePath: resolve(e.VIGIE_DATA_DIR, e.VIGIE_MODE === 'demo' ? 'demo-access.sqlite' : 'vigie-access.sqlite'),
    openRead: e.VIGIE_OPEN_READ ?? e.VIGIE_MODE === 'demo',
    allowedOrigins: list(e.ALLOWED_ORIGINS) ?? null,
    trustProxy: list(e.TRUST_PROXY) ?? [],
    requestsPerSecond: e.VIGIE_REQUESTS_PER_SECOND,
    accountRequestsPerSecond: e.VIGIE_ACCOUNT_REQUESTS_PER_SECOND,
    addressRequestsPerSecond: e.VIGIE_ADDRESS_REQUESTS_PER_SECOND,
    logEntries: { perMinute: e.VIGIE_LOG_ENTRIES_PER_MINUTE, burst: e.VIGIE_LOG_ENTRY_BURST },
    maxQueuedBytes: e.VIGIE_MAX_QUEUED_KB * 1024,
    codeTtlMs: e.VIGIE_CODE_TTL_HOURS * 3_600_000,
    buildId: e.VIGIE_BUILD_ID,
    backup: e.VIGIE_BACKUP_DIR
      ? { dir: resolve(e.VIGIE_BACKUP_DIR), everyMs: e.VIGIE_BACKUP_EVERY_MIN * 60_000, keep: e.VIGIE_BACKUP_KEEP }
      : null,
    startAfresh: e.VIGIE_START_AFRESH,
    logLevel: e.LOG_LEVEL,
  };
}
