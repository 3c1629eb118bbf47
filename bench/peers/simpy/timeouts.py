#!/usr/bin/python3
"""Many-processes side-by-side model, SimPy 3 side: P processes each yield K exponential(1) timeouts.

    /usr/bin/python3 bench/peers/simpy/timeouts.py [seed=1] [processes=10000] [timeouts=50]

Prints {"model":"timeouts","events": P*K,"seconds","rssBytes", "rssBaseBytes","rssLiveBytes"}:
rssBaseBytes is the RSS just before the processes are created, rssLiveBytes the RSS once all of
them have started and each waits on a timeout (after run(until=0.001)); their difference over P
is the memory per live process. The timing covers creation and the whole run.
The same model on the drillsim kernel is bench/kernel-peer.ts (model "timeouts").
"""
import random
import time

import simpy

from peer_util import current_rss_bytes, emit, int_arg


def main():
    seed = int_arg(1, 1)
    processes = int_arg(2, 10000)
    timeouts = int_arg(3, 50)
    rng = random.Random(seed)
    rss_base = current_rss_bytes()
    started = time.perf_counter()
    env = simpy.Environment()

    def proc():
        for _ in range(timeouts):
            yield env.timeout(rng.expovariate(1.0))

    for _ in range(processes):
        env.process(proc())
    env.run(until=0.001)
    paused = time.perf_counter()
    rss_live = current_rss_bytes()
    resumed = time.perf_counter()
    env.run()
    seconds = (paused - started) + (time.perf_counter() - resumed)
    emit({'model': 'timeouts', 'seed': seed, 'processes': processes, 'timeouts': timeouts,
          'events': processes * timeouts, 'seconds': seconds, 'now': env.now,
          'rssBaseBytes': rss_base, 'rssLiveBytes': rss_live})


if __name__ == '__main__':
    main()
