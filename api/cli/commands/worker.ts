/**
 * `drillsim worker --redis <url> [--concurrency N]`: pull chunks of distributed batches (`drillsim run
 * --redis <url>`) from Redis and run them, on as many machines as wanted, until Ctrl-C or SIGTERM. A chunk
 * whose worker dies is retried elsewhere (engine/batch/queue-worker.ts). Stopping is bounded in time whatever
 * Redis does: --grace for running chunks, then they are abandoned (and retried elsewhere).
 */
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { connectOrFail } from '../../../engine/batch/distributed.js';
import { defaultWorkerCount } from '../../../engine/batch/pool.js';
import { DEFAULT_QUEUE } from '../../../engine/batch/queue-names.js';
import { DEFAULT_STOP_GRACE_MS, startQueueWorker, type QueueWorkerHandle } from '../../../engine/batch/queue-worker.js';
import { CliError, EXIT_FAILURE } from '../exit.js';
import { parseRedisUrl, parseWhole } from '../options.js';

interface WorkerFlags {
  redis: string;
  concurrency?: string;
  queue: string;
  lockDuration: string;
  stalledInterval: string;
  grace: string;
  verbose?: boolean;
}

/** Teardown after the grace (BullMQ, sockets, threads) is bounded at about 2 s; this is the margin beyond it. */
const HARD_STOP_MARGIN_MS = 4000;

export function register(program: Command): void {
  program
    .command('worker')
    .description(commandDescription('worker'))
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .option('--concurrency <n>', 'chunks run at once, one thread each (default: the number of cores)')
    .option('--queue <name>', 'queue name (coordinator and workers must agree)', DEFAULT_QUEUE)
    .option('--lock-duration <ms>', "job lock time: a dead worker's chunk is retried after about this long", '10000')
    .option('--stalled-interval <ms>', 'how often to look for chunks of dead workers', '5000')
    .option('--verbose', 'a line on stderr per chunk')
    .option('--grace <ms>', 'on SIGTERM or Ctrl-C, how long running chunks may finish before they are abandoned (to be retried by other workers)', String(DEFAULT_STOP_GRACE_MS))
    .addHelpText(
      'after',
      `
Stopping: the process exits within --grace plus about 3 s of SIGTERM or Ctrl-C, whatever Redis does (a second
signal abandons running chunks at once); another worker retries an abandoned chunk once its lock expires
(--lock-duration). While Redis is unreachable the worker says so once and keeps retrying.`,
    )
    .action(async (flags: WorkerFlags) => {
      const redis = parseRedisUrl(flags.redis);
      const concurrency = flags.concurrency !== undefined ? parseWhole('--concurrency', flags.concurrency, 1, 1024) : defaultWorkerCount();
      const lockDurationMs = parseWhole('--lock-duration', flags.lockDuration, 500, 3_600_000);
      const stalledIntervalMs = parseWhole('--stalled-interval', flags.stalledInterval, 100, 3_600_000);
      const graceMs = parseWhole('--grace', flags.grace, 0, 60_000);
      const say = (line: string): void => void process.stderr.write(`drillsim worker: ${line}\n`);

      // Signals are taken from the start: Redis may vanish while the worker is still connecting, and a
      // SIGTERM then must end the process too, not wait on a connection that never comes.
      let handle: QueueWorkerHandle | null = null;
      let signals = 0;
      let stopRequested: () => void = () => {};
      const stopped = new Promise<void>((resolve) => {
        stopRequested = resolve;
      });
      const onSignal = (signal: NodeJS.Signals): void => {
        signals += 1;
        // A second signal abandons running chunks (they are retried elsewhere); the first lets them finish.
        const force = signals > 1;
        say(`${signal}, ${force ? 'stopping now' : 'finishing running chunks'}`);
        if (signals === 1) {
          // The last resort should a teardown step hang despite its own bounds: the promise is an exit
          // within 10 s of the first signal.
          setTimeout(() => {
            say('could not stop cleanly in time; exiting');
            process.exit(EXIT_FAILURE);
          }, graceMs + HARD_STOP_MARGIN_MS).unref();
        }
        void handle?.close(force, graceMs);
        stopRequested();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const connecting = (async () => {
          try {
            (await connectOrFail(redis)).disconnect();
          } catch (err) {
            throw new CliError(err instanceof Error ? err.message : String(err), EXIT_FAILURE);
          }
          return startQueueWorker({
            redis,
            concurrency,
            queue: flags.queue,
            lockDurationMs,
            stalledIntervalMs,
            notice: say,
            ...(flags.verbose === true ? { log: say } : {}),
          });
        })();
        const started = await Promise.race([connecting, stopped.then(() => null)]);
        if (started === null) {
          // Stopped while still connecting: whatever did connect meanwhile is closed, without waiting for it.
          void connecting.then((h) => h.close(true, 0), () => undefined);
          say('stopped before it was ready');
          return;
        }
        handle = started;
        say(`ready, ${concurrency} thread(s) on ${redis} (queue ${flags.queue}); Ctrl-C to stop`);
        await stopped;
        await handle.close(signals > 1, graceMs);
        say(`stopped after ${handle.completed} chunk(s)`);
        // With Redis away, BullMQ's run loop leaves a retry timer behind (runRetryDelay, 15 s) that close()
        // does not clear; nothing useful runs after this point, so a leftover timer must not keep the process.
        setTimeout(() => process.exit(), 200).unref();
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
