/**
 * API tokens. A token is `dst_<id>_<secret>`: the id (12 hex digits) finds the row, the secret (32 random
 * bytes, base64url) is what proves possession. Only SHA-256 of the secret is stored: the secret has 256
 * bits of entropy, so a slow password hash (scrypt) would add nothing but latency to every request. The
 * stored and presented digests are compared with `timingSafeEqual`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { nowIso, type Db } from './db.js';

export const ROLES = ['viewer', 'author', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** viewer < author < admin: a role may do what every lower role may. */
export function roleAllows(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface TokenInfo {
  id: string;
  role: Role;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedToken extends TokenInfo {
  /** The full token: shown once, never stored. */
  token: string;
}

const TOKEN_PATTERN = /^dst_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

interface TokenRow {
  id: string;
  role: string;
  hash: Buffer;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

function info(row: TokenRow): TokenInfo {
  return { id: row.id, role: row.role as Role, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at };
}

export class TokenStore {
  constructor(private readonly db: Db) {}

  create(role: Role, label?: string): CreatedToken {
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const createdAt = nowIso();
    this.db
      .prepare('INSERT INTO tokens (id, role, hash, label, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, role, digest(secret), label ?? null, createdAt);
    return { id, role, label: label ?? null, createdAt, revokedAt: null, token: `dst_${id}_${secret}` };
  }

  /** The token's record if the presented string is a valid, unrevoked token; undefined otherwise. */
  verify(presented: string): TokenInfo | undefined {
    const m = TOKEN_PATTERN.exec(presented);
    if (m === null) return undefined;
    const row = this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(m[1]) as TokenRow | undefined;
    // Hash even when the id is unknown, so a miss costs the same as a wrong secret.
    const presentedDigest = digest(m[2]!);
    const stored = row?.hash ?? Buffer.alloc(32);
    const equal = timingSafeEqual(presentedDigest, stored);
    if (row === undefined || !equal || row.revoked_at !== null || !isRole(row.role)) return undefined;
    return info(row);
  }

  list(): TokenInfo[] {
    return (this.db.prepare('SELECT * FROM tokens ORDER BY created_at, id').all() as TokenRow[]).map(info);
  }

  get(id: string): TokenInfo | undefined {
    const row = this.db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row === undefined ? undefined : info(row);
  }

  /** Revoke; false if there is no such token. Revoking twice keeps the first time. */
  revoke(id: string): boolean {
    const r = this.db.prepare('UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(nowIso(), id);
    return r.changes > 0;
  }

  /** Active tokens per role. */
  activeCounts(): Record<Role, number> {
    const out: Record<Role, number> = { viewer: 0, author: 0, admin: 0 };
    const rows = this.db.prepare('SELECT role, COUNT(*) AS n FROM tokens WHERE revoked_at IS NULL GROUP BY role').all() as Array<{ role: string; n: number }>;
    for (const r of rows) if (isRole(r.role)) out[r.role] = r.n;
    return out;
  }
}
