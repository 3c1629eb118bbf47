/**
 * Start-up phase timings (`drillsim --timings`, or DRILLSIM_TIMINGS=1 for any command and for the HTTP
 * server): each phase is a mark, in ms since the process started, on the thread that reached it. Worker
 * threads post their marks to the main thread on a BroadcastChannel, so one table shows where the time
 * before the first replication goes (docs/performance.md, "Start-up, phase by phase").
 *
 * Why marks and not spans: phases overlap on purpose (workers load while the main thread compiles), so
 * the useful question is "when was X ready", not "how long did X take alone".
 *
 * Off (the default) every call is one property check. Marks never touch a replication: they are taken
 * around module loading, compilation and chunks, never inside the simulation.
 */
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';

export const TIMINGS_ENV = 'DRILLSIM_TIMINGS';
const CHANNEL = 'drillsim:timings';

export interface TimingMark {
  /** ms since the process started (the main thread's time origin). */
  atMs: number;
  /** 0 for the main thread, the worker's thread id otherwise. */
  thread: number;
  phase: string;
}

interface State {
  marks: TimingMark[];
  channel: BroadcastChannel | null;
}

let state: State | null | undefined;

function current(): State | null {
  if (state !== undefined) return state;
  const on = process.env[TIMINGS_ENV] === '1';
  if (!on) return (state = null);
  state = { marks: [], channel: null };
  if (isMainThread) {
    // Workers started from now on inherit the environment: they measure from the same origin.
    process.env['DRILLSIM_TIMINGS_ORIGIN'] = String(performance.timeOrigin);
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event) => state!.marks.push((event as { data: TimingMark }).data);
    // The channel must not keep the process alive once the command is done.
    channel.unref();
    state.channel = channel;
  }
  return state;
}

/** Switch timings on for this process and the worker threads it starts from now on (they inherit env). */
export function enableTimings(): void {
  process.env[TIMINGS_ENV] = '1';
  if (state === null) state = undefined;
  current();
}

export function timingsEnabled(): boolean {
  return current() !== null;
}

/** The process's start on the wall clock, ms: the main thread's time origin, also from a worker. */
function processStartMs(): number {
  // A worker's own time origin is its thread start; the main thread's is the process start. Workers get
  // the latter through the environment (set by the main thread when timings are switched on).
  const fromEnv = Number(process.env['DRILLSIM_TIMINGS_ORIGIN']);
  return isMainThread || !Number.isFinite(fromEnv) ? performance.timeOrigin : fromEnv;
}

/** Record that `phase` is reached now, on this thread. */
export function mark(phase: string): void {
  const s = current();
  if (s === null) return;
  const m: TimingMark = { atMs: performance.timeOrigin + performance.now() - processStartMs(), thread: isMainThread ? 0 : threadId, phase };
  if (isMainThread) {
    s.marks.push(m);
    return;
  }
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(m);
  channel.close();
}

/** The marks so far (main thread: every thread's), in time order. */
export function timingMarks(): TimingMark[] {
  return [...(current()?.marks ?? [])].sort((a, b) => a.atMs - b.atMs);
}

/** The marks as a table for stderr: time since start, the step since the thread's previous mark, thread, phase. */
export function formatTimings(marks: readonly TimingMark[]): string {
  const last = new Map<number, number>();
  const lines = ['start-up timings (ms since the process started; step = since the same thread\'s previous mark)', '      at     step  thread  phase'];
  for (const m of marks) {
    const step = m.atMs - (last.get(m.thread) ?? 0);
    last.set(m.thread, m.atMs);
    lines.push(`${m.atMs.toFixed(0).padStart(8)} ${step.toFixed(0).padStart(8)}  ${(m.thread === 0 ? 'main' : `w${m.thread}`).padStart(6)}  ${m.phase}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Let worker marks already posted arrive (BroadcastChannel delivers on a later turn of the event loop). */
export async function settleTimings(): Promise<void> {
  if (current() === null) return;
  await new Promise<void>((resolve) => setTimeout(resolve, 20));
}
