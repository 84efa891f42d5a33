/** Schema migrations, applied in order inside one transaction each; `user_version` records the last. */
export const migrations: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
   CREATE TABLE logs (
     log_id TEXT PRIMARY KEY,
     ordinal INTEGER NOT NULL UNIQUE,
     epoch INTEGER NOT NULL DEFAULT 1,
     demo INTEGER NOT NULL,
     registry_version TEXT NOT NULL,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE events (
     log_id TEXT NOT NULL REFERENCES logs(log_id),
     seq INTEGER NOT NULL,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     actor TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     recorded_at TEXT NOT NULL,
     command_id TEXT NOT NULL,
     idempotency_key TEXT NOT NULL,
     origin TEXT NOT NULL,
     item_key TEXT,
     PRIMARY KEY (log_id, seq)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX events_by_item ON events (log_id, item_key, seq) WHERE item_key IS NOT NULL;
   CREATE INDEX events_by_actor ON events (log_id, actor_id, seq);
   -- The event table is write-once: history is never edited.
   CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are write-once'); END;
   CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are write-once'); END;
   CREATE TABLE idempotency (
     log_id TEXT NOT NULL REFERENCES logs(log_id),
     actor_key TEXT NOT NULL,
     key TEXT NOT NULL,
     request_hash TEXT NOT NULL,
     result TEXT NOT NULL,
     PRIMARY KEY (log_id, actor_key, key)
   ) STRICT, WITHOUT ROWID;
   CREATE TABLE snapshots (
     log_id TEXT NOT NULL REFERENCES logs(log_id),
     seq INTEGER NOT NULL,
     registry_version TEXT NOT NULL,
     state TEXT NOT NULL,
     PRIMARY KEY (log_id, seq)
   ) STRICT, WITHOUT ROWID;
   CREATE TABLE registries (version TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT;`,
  // The main courante (and any one kind of event) read a page at a time, newest first.
  `CREATE INDEX events_by_type ON events (log_id, type, seq);`,
  // Chart points, appended with each snapshot: only those added since the previous one, so a snapshot
  // never rewrites what did not change. `points` holds, for each series counted in `counts`, its times
  // then its values as float64 (native byte order).
  `CREATE TABLE series_chunks (
     log_id TEXT NOT NULL REFERENCES logs(log_id),
     to_seq INTEGER NOT NULL,
     from_seq INTEGER NOT NULL,
     registry_version TEXT NOT NULL,
     time INTEGER NOT NULL,
     last TEXT NOT NULL,
     counts TEXT NOT NULL,
     points BLOB NOT NULL,
     PRIMARY KEY (log_id, to_seq)
   ) STRICT;`,
];
