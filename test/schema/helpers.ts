/** Test helpers for the schema suite: run the CLI in-process with the validate and schema commands. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { commands } from '../../api/cli/commands.js';
import { main } from '../../api/cli/main.js';
import { register as registerSchema } from '../../api/cli/commands/schema.js';
import { register as registerValidate } from '../../api/cli/commands/validate.js';

// The lead wires these into api/cli/commands.ts; until then (and harmlessly after) the tests add them.
for (const r of [registerValidate, registerSchema]) if (!commands.includes(r)) commands.push(r);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    const code = await main(['node', 'drillsim', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'drillsim-schema-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
