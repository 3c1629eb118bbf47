#!/usr/bin/python3
"""M/M/c side-by-side model, SimPy 3 side: c = 3, lambda = 2.7, mu = 1, FIFO.

    /usr/bin/python3 bench/peers/simpy/mmc.py [seed=1] [customers=200000] [warmups=0]

Prints {"model":"mmc","events": 2*customers,"seconds","rssBytes","wq"}; Erlang-C gives Wq = 2.7235.
With warmups > 0 the model first runs that many times untimed (model "mmc-warm"), the protocol used for
the JIT-compiled engines' steady state; CPython has no JIT, so its figure should not change.
The same model on the drillsim kernel is bench/kernel-peer.ts (model "mmc").
"""
import random
import time

import simpy

from peer_util import emit, int_arg

C, LAMBDA, MU = 3, 2.7, 1.0


def mmc(seed, customers):
    started = time.perf_counter()
    rng = random.Random(seed)
    env = simpy.Environment()
    counter = simpy.Resource(env, capacity=C)
    total_wait = [0.0]

    def customer():
        arrive = env.now
        with counter.request() as req:
            yield req
            total_wait[0] += env.now - arrive
            yield env.timeout(rng.expovariate(MU))

    def source():
        for _ in range(customers):
            env.process(customer())
            yield env.timeout(rng.expovariate(LAMBDA))

    env.process(source())
    env.run()
    return time.perf_counter() - started, total_wait[0] / customers


def main():
    seed = int_arg(1, 1)
    customers = int_arg(2, 200000)
    warmups = int_arg(3, 0)
    for _ in range(warmups):
        mmc(seed, customers)
    seconds, wq = mmc(seed, customers)
    emit({'model': 'mmc-warm' if warmups > 0 else 'mmc', 'seed': seed, 'customers': customers,
          'events': 2 * customers, 'seconds': seconds, 'wq': wq})


if __name__ == '__main__':
    main()
