/**
 * One run of the compiled CLI in a fresh process, with the process's own resource usage read at exit
 * (wall time since the process started, CPU of all threads, peak RSS): what the import and region-load
 * benches time.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './compiled.js';

export interface CliSample {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

/** `drillsim <args>` from dist/; throws with its stderr when it fails or exits non-zero. */
export function cliSample(args: string[]): CliSample {
  const main = pathToFileURL(join(ROOT, 'dist', 'api', 'cli', 'main.js')).href;
  const script = `
    const { main } = await import(${JSON.stringify(main)});
    const code = await main(${JSON.stringify(['node', 'drillsim', ...args])});
    const r = process.resourceUsage();
    process.stderr.write('\\nSAMPLE ' + JSON.stringify({ code, wallMs: performance.now(), cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000, maxRssMb: r.maxRSS / 1024 }) + '\\n');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('SAMPLE '));
  if (line === undefined) throw new Error(`${args.slice(0, 2).join(' ')} failed: ${r.stderr.slice(0, 2000)}`);
  const s = JSON.parse(line.slice(7)) as CliSample & { code: number };
  if (s.code !== 0) throw new Error(`${args.slice(0, 2).join(' ')} exited ${s.code}: ${r.stderr.slice(0, 2000)}`);
  return s;
}
