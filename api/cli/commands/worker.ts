/**
 * `drillsim worker --redis <url> [--concurrency N]`: pull chunks of distributed batches (`drillsim run
 * --redis <url>`) from Redis and run them, on as many machines as wanted, until Ctrl-C or SIGTERM. A chunk
 * whose worker dies is retried elsewhere (engine/batch/queue-worker.ts).
 */
import type { Command } from 'commander';
import { connectOrFail } from '../../../engine/batch/distributed.js';
import { defaultWorkerCount } from '../../../engine/batch/pool.js';
import { DEFAULT_QUEUE } from '../../../engine/batch/queue-names.js';
import { startQueueWorker } from '../../../engine/batch/queue-worker.js';
import { CliError, EXIT_FAILURE } from '../exit.js';
import { parseRedisUrl, parseWhole } from '../options.js';

interface WorkerFlags {
  redis: string;
  concurrency?: string;
  queue: string;
  lockDuration: string;
  stalledInterval: string;
  verbose?: boolean;
}

export function register(program: Command): void {
  program
    .command('worker')
    .description('run chunks of distributed batches from Redis (drillsim run --redis) until stopped')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .option('--concurrency <n>', 'chunks run at once, one thread each (default: the number of cores)')
    .option('--queue <name>', 'queue name (coordinator and workers must agree)', DEFAULT_QUEUE)
    .option('--lock-duration <ms>', "job lock time: a dead worker's chunk is retried after about this long", '10000')
    .option('--stalled-interval <ms>', 'how often to look for chunks of dead workers', '5000')
    .option('--verbose', 'a line on stderr per chunk')
    .action(async (flags: WorkerFlags) => {
      const redis = parseRedisUrl(flags.redis);
      const concurrency = flags.concurrency !== undefined ? parseWhole('--concurrency', flags.concurrency, 1, 1024) : defaultWorkerCount();
      const lockDurationMs = parseWhole('--lock-duration', flags.lockDuration, 500, 3_600_000);
      const stalledIntervalMs = parseWhole('--stalled-interval', flags.stalledInterval, 100, 3_600_000);
      try {
        (await connectOrFail(redis)).disconnect();
      } catch (err) {
        throw new CliError(err instanceof Error ? err.message : String(err), EXIT_FAILURE);
      }
      const handle = await startQueueWorker({
        redis,
        concurrency,
        queue: flags.queue,
        lockDurationMs,
        stalledIntervalMs,
        ...(flags.verbose === true ? { log: (line: string) => process.stderr.write(`drillsim worker: ${line}\n`) } : {}),
      });
      process.stderr.write(`drillsim worker: ready, ${concurrency} thread(s) on ${redis} (queue ${flags.queue}); Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: NodeJS.Signals): void => {
          // A second signal abandons running chunks (they are retried elsewhere); the first lets them finish.
          const force = stopping;
          stopping = true;
          process.stderr.write(`drillsim worker: ${signal}, ${force ? 'stopping now' : 'finishing running chunks'}\n`);
          void handle.close(force).finally(() => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.stderr.write(`drillsim worker: stopped after ${handle.completed} chunk(s)\n`);
    });
}
