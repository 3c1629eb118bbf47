/**
 * A test hook for fault tolerance: with DRILLSIM_TEST_CRASH_CHUNK=<n> and DRILLSIM_TEST_CRASH_MARKER=<file>
 * set, the first worker to start chunk n creates the marker file and dies mid-chunk; every later attempt
 * (the retry) finds the marker and runs normally. DRILLSIM_TEST_CRASH_MODE=process kills the whole process
 * (a `drillsim worker` dying) instead of only the worker thread. Without the variables this is one check.
 */
import { closeSync, openSync } from 'node:fs';

export function maybeCrashForTest(chunk: number): void {
  const target = process.env['DRILLSIM_TEST_CRASH_CHUNK'];
  const marker = process.env['DRILLSIM_TEST_CRASH_MARKER'];
  if (target === undefined || marker === undefined || Number(target) !== chunk) return;
  try {
    // 'wx' fails if the file exists: exactly one attempt, across threads and processes, crashes.
    closeSync(openSync(marker, 'wx'));
  } catch {
    return;
  }
  if (process.env['DRILLSIM_TEST_CRASH_MODE'] === 'process') process.kill(process.pid, 'SIGKILL');
  // In a worker thread this ends the thread only (piscina sees "worker exited with code: 1").
  process.exit(1);
}
