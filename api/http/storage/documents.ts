/**
 * Stored scenarios, plans and regions, with every version kept. A replace appends version n + 1; a delete
 * appends a tombstone, so the id disappears from listings and reads, while batches that ran on an older
 * version can still be traced to the exact text they used (and resumed after a restart). Re-creating a
 * deleted id continues its version numbers. The body is kept as sent (YAML or JSON text), so comments and
 * layout survive a round trip.
 */
import { nowIso, type Db } from './db.js';

export const DOCUMENT_KINDS = ['scenario', 'plan', 'region'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type BodyFormat = 'yaml' | 'json';

export interface StoredVersion {
  kind: DocumentKind;
  id: string;
  version: number;
  format: BodyFormat;
  body: string;
  title: string | null;
  createdAt: string;
}

export interface VersionInfo {
  version: number;
  title: string | null;
  createdAt: string;
}

interface Row {
  kind: string;
  id: string;
  version: number;
  deleted: number;
  format: string;
  body: string;
  title: string | null;
  created_at: string;
}

function stored(row: Row): StoredVersion {
  return {
    kind: row.kind as DocumentKind,
    id: row.id,
    version: row.version,
    format: row.format === 'json' ? 'json' : 'yaml',
    body: row.body,
    title: row.title,
    createdAt: row.created_at,
  };
}

export class DocumentStore {
  private gen = 0;
  constructor(private readonly db: Db) {}

  /** Changes with every put and delete through this store (for caches of listings). */
  get generation(): number {
    return this.gen;
  }

  /** A version was written through another connection (the document thread's, for a streamed region). */
  noteChange(): void {
    this.gen += 1;
  }

  /** The newest version, or undefined if the id was never stored or its newest entry is a deletion. */
  latest(kind: DocumentKind, id: string): StoredVersion | undefined {
    const row = this.db.prepare('SELECT * FROM documents WHERE kind = ? AND id = ? ORDER BY version DESC LIMIT 1').get(kind, id) as Row | undefined;
    return row === undefined || row.deleted !== 0 ? undefined : stored(row);
  }

  /** One version, also of a deleted id (batches keep referring to what they ran). */
  version(kind: DocumentKind, id: string, version: number): StoredVersion | undefined {
    const row = this.db.prepare('SELECT * FROM documents WHERE kind = ? AND id = ? AND version = ? AND deleted = 0').get(kind, id, version) as Row | undefined;
    return row === undefined ? undefined : stored(row);
  }

  /** Versions of a live id, oldest first; undefined when the id is absent or deleted. */
  versions(kind: DocumentKind, id: string): VersionInfo[] | undefined {
    if (this.latest(kind, id) === undefined) return undefined;
    const rows = this.db
      .prepare('SELECT version, title, created_at FROM documents WHERE kind = ? AND id = ? AND deleted = 0 ORDER BY version')
      .all(kind, id) as Array<{ version: number; title: string | null; created_at: string }>;
    return rows.map((r) => ({ version: r.version, title: r.title, createdAt: r.created_at }));
  }

  /** The newest version of every live id, by id. */
  list(kind: DocumentKind): StoredVersion[] {
    const rows = this.db
      .prepare(
        `SELECT d.* FROM documents d
           JOIN (SELECT id, MAX(version) AS v FROM documents WHERE kind = ? GROUP BY id) m ON d.id = m.id AND d.version = m.v
          WHERE d.kind = ? AND d.deleted = 0 ORDER BY d.id`,
      )
      .all(kind, kind) as Row[];
    return rows.map(stored);
  }

  /** Append a version; returns it and whether the id was live before (replace) or not (create). */
  put(kind: DocumentKind, id: string, format: BodyFormat, body: string, title: string | null): { version: StoredVersion; replaced: boolean } {
    return this.db.transaction(() => {
      const prev = this.db.prepare('SELECT version, deleted FROM documents WHERE kind = ? AND id = ? ORDER BY version DESC LIMIT 1').get(kind, id) as
        | { version: number; deleted: number }
        | undefined;
      const version = (prev?.version ?? 0) + 1;
      const createdAt = nowIso();
      this.db
        .prepare('INSERT INTO documents (kind, id, version, deleted, format, body, title, created_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?)')
        .run(kind, id, version, format, body, title, createdAt);
      this.gen += 1;
      return { version: { kind, id, version, format, body, title, createdAt }, replaced: prev !== undefined && prev.deleted === 0 };
    })();
  }

  /** Delete a live id (a tombstone version); false if it is not live. */
  delete(kind: DocumentKind, id: string): boolean {
    return this.db.transaction(() => {
      const prev = this.db.prepare('SELECT version, deleted FROM documents WHERE kind = ? AND id = ? ORDER BY version DESC LIMIT 1').get(kind, id) as
        | { version: number; deleted: number }
        | undefined;
      if (prev === undefined || prev.deleted !== 0) return false;
      this.db
        .prepare("INSERT INTO documents (kind, id, version, deleted, format, body, title, created_at) VALUES (?, ?, ?, 1, 'json', '', NULL, ?)")
        .run(kind, id, prev.version + 1, nowIso());
      this.gen += 1;
      return true;
    })();
  }
}
