/**
 * The event store's schema on PostgreSQL (component `events`), the SQLite one's columns: JSON kept as
 * text (written and read back byte for byte, as the SQLite store does), seqs as integers.
 */
export const eventMigrations: readonly string[] = [
  `CREATE TABLE store_meta (key text PRIMARY KEY, value text NOT NULL);
   CREATE TABLE logs (
     log_id text PRIMARY KEY,
     ordinal integer NOT NULL UNIQUE,
     epoch integer NOT NULL DEFAULT 1,
     demo boolean NOT NULL,
     registry_version text NOT NULL,
     created_at text NOT NULL
   );
   CREATE TABLE events (
     log_id text NOT NULL REFERENCES logs(log_id),
     seq integer NOT NULL,
     type text NOT NULL,
     data text NOT NULL,
     actor text NOT NULL,
     actor_id text NOT NULL,
     recorded_at text NOT NULL,
     command_id text NOT NULL,
     idempotency_key text NOT NULL,
     origin text NOT NULL,
     item_key text,
     PRIMARY KEY (log_id, seq)
   );
   CREATE INDEX events_by_item ON events (log_id, item_key, seq) WHERE item_key IS NOT NULL;
   CREATE INDEX events_by_actor ON events (log_id, actor_id, seq);
   CREATE INDEX events_by_type ON events (log_id, type, seq);
   -- The event table is write-once: history is never edited.
   CREATE FUNCTION events_write_once() RETURNS trigger LANGUAGE plpgsql AS
     $$ BEGIN RAISE EXCEPTION 'events are write-once'; END $$;
   CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
     FOR EACH ROW EXECUTE FUNCTION events_write_once();
   CREATE TABLE idempotency (
     log_id text NOT NULL REFERENCES logs(log_id),
     actor_key text NOT NULL,
     key text NOT NULL,
     request_hash text NOT NULL,
     result text NOT NULL,
     PRIMARY KEY (log_id, actor_key, key)
   );
   CREATE TABLE snapshots (
     log_id text NOT NULL REFERENCES logs(log_id),
     seq integer NOT NULL,
     registry_version text NOT NULL,
     state text NOT NULL,
     PRIMARY KEY (log_id, seq)
   );
   CREATE TABLE registries (version text PRIMARY KEY, body text NOT NULL);
   CREATE TABLE series_chunks (
     log_id text NOT NULL REFERENCES logs(log_id),
     to_seq integer NOT NULL,
     from_seq integer NOT NULL,
     registry_version text NOT NULL,
     time double precision NOT NULL,
     last text NOT NULL,
     counts text NOT NULL,
     points bytea NOT NULL,
     PRIMARY KEY (log_id, to_seq)
   );`,
];
