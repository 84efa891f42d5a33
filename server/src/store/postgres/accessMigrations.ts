/**
 * The access store's schema on PostgreSQL (component `access`), the SQLite one's tables and
 * constraints. Ids and timestamps are text, the ISO strings the records carry, so they read back as
 * written; roles are a text array and a scope jsonb (`null` is the whole group: SQL NULL).
 *
 * Columns that are compared or sorted (expiries, logins, names) use the "C" collation: bytewise, as
 * SQLite compares text, whatever locale the database was created with (ISO timestamps then order as
 * instants, and `lower()` folds ASCII only, as SQLite's NOCASE does).
 */
export const ACCESS_COMPONENT = 'access';

export const accessMigrations: readonly string[] = [
  `CREATE TABLE accounts (
     id text PRIMARY KEY,
     login text COLLATE "C" NOT NULL CONSTRAINT accounts_login_key UNIQUE,
     name text COLLATE "C" NOT NULL,
     roles text[] NOT NULL,
     scope jsonb,
     password_hash text,
     disabled boolean NOT NULL DEFAULT false,
     created_at text NOT NULL,
     last_sign_in_at text
   );
   CREATE TABLE codes (
     hash text PRIMARY KEY,
     account_id text NOT NULL REFERENCES accounts(id),
     expires_at text COLLATE "C" NOT NULL,
     used_at text
   );
   CREATE TABLE screens (
     id text PRIMARY KEY,
     name text COLLATE "C" NOT NULL,
     created_at text NOT NULL,
     paired_at text,
     last_seen_at text,
     revoked_at text
   );
   CREATE TABLE pairings (
     hash text PRIMARY KEY,
     screen_id text NOT NULL REFERENCES screens(id),
     expires_at text COLLATE "C" NOT NULL,
     used_at text
   );
   -- A screen's open links, read by every screen listing and voided by each new link (pairings are never deleted).
   CREATE INDEX pairings_unused_by_screen ON pairings (screen_id) WHERE used_at IS NULL;
   CREATE TABLE sessions (
     id text PRIMARY KEY,
     token_hash text NOT NULL UNIQUE,
     account_id text REFERENCES accounts(id),
     screen_id text REFERENCES screens(id),
     created_at text NOT NULL,
     last_seen_at text NOT NULL,
     expires_at text COLLATE "C" NOT NULL,
     address text,
     user_agent text,
     ended_at text,
     end_reason text,
     CHECK ((account_id IS NULL) <> (screen_id IS NULL))
   );
   CREATE INDEX sessions_by_account ON sessions (account_id) WHERE ended_at IS NULL;
   CREATE INDEX sessions_by_screen ON sessions (screen_id) WHERE ended_at IS NULL;
   CREATE TABLE journal (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     at text NOT NULL,
     actor_id text NOT NULL,
     actor_name text NOT NULL,
     action text NOT NULL,
     target text NOT NULL,
     address text,
     session_id text
   );
   -- The journal is write-once: an access change stays on the record.
   CREATE FUNCTION journal_write_once() RETURNS trigger LANGUAGE plpgsql AS
     $$ BEGIN RAISE EXCEPTION 'the journal is write-once'; END $$;
   CREATE TRIGGER journal_no_change BEFORE UPDATE OR DELETE ON journal
     FOR EACH ROW EXECUTE FUNCTION journal_write_once();
   CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
     FOR EACH STATEMENT EXECUTE FUNCTION journal_write_once();`,
];
