/**
 * The server's SQLite database (better-sqlite3, WAL) under the --data directory. One file, `drillsim.db`,
 * holds stored documents (every version), batches (spec, status, progress, merged accumulator, results)
 * and API tokens (hashed). Schema changes are numbered migrations recorded in `PRAGMA user_version`, so an
 * older data directory is upgraded in place at start-up.
 *
 * WAL with `synchronous = NORMAL`: a committed transaction survives a process crash (SIGKILL), which is what
 * batch resumption relies on; only a power loss can drop the last few commits, and those are replayed by
 * re-running the lost chunks (results are deterministic).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export const DB_FILE = 'drillsim.db';

const MIGRATIONS: string[] = [
  `
  CREATE TABLE documents (
    kind       TEXT    NOT NULL,
    id         TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    format     TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    title      TEXT,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (kind, id, version)
  ) WITHOUT ROWID;

  CREATE TABLE batches (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    spec          TEXT    NOT NULL,
    snapshot      TEXT    NOT NULL,
    chunk_size    INTEGER NOT NULL,
    total         INTEGER NOT NULL,
    next_index    INTEGER NOT NULL,
    chunks_done   INTEGER NOT NULL DEFAULT 0,
    stopped_early INTEGER NOT NULL DEFAULT 0,
    accumulator   TEXT,
    result        TEXT,
    error         TEXT,
    created_at    TEXT NOT NULL,
    started_at    TEXT,
    finished_at   TEXT,
    updated_at    TEXT NOT NULL
  );
  CREATE INDEX batches_by_status ON batches (status, seq);

  CREATE TABLE tokens (
    id         TEXT PRIMARY KEY,
    role       TEXT NOT NULL,
    hash       BLOB NOT NULL,
    label      TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  `,
  // Issue 15: evaluations of drill logs against the script of a drill batch (the log as sent, the result).
  `
  CREATE TABLE drill_evaluations (
    id         TEXT PRIMARY KEY,
    drill      TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    owner      TEXT    NOT NULL,
    log_format TEXT    NOT NULL,
    log        TEXT    NOT NULL,
    evaluation TEXT    NOT NULL,
    created_at TEXT    NOT NULL
  );
  CREATE INDEX drill_evaluations_by_drill ON drill_evaluations (drill, seq);
  `,
];

/** Open (creating if needed) the database in `dataDir` and bring its schema up to date. */
export function openDatabase(dataDir: string): Db {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the data directory was written by a newer drillsim (schema ${current}; this one knows ${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** ISO-8601 UTC timestamp for records (wall clock is fine here: the server is not a replication). */
export function nowIso(): string {
  return new Date().toISOString();
}
