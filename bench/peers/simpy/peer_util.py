"""Helpers shared by the SimPy side of bench/kernel.bench.ts (see bench/kernel-peer.ts for ours).

Each peer script runs one model once in a fresh interpreter and prints one JSON line:
{"engine", "model", "seed", "events", "seconds", "rssBytes", ...}. "events" counts model
events as docs/models/engine.md section 1 does (M/M/c: 2 per customer; timeouts:
processes x timeouts), "seconds" is wall time of building and running the model (interpreter
start excluded), "rssBytes" the process's peak RSS.
Run with Debian's /usr/bin/python3 (the only interpreter that has python3-simpy3).
"""
import json
import resource
import sys

import simpy


def current_rss_bytes():
    """Resident set size now (not the peak), from /proc/self/statm."""
    with open('/proc/self/statm') as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize()


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports kB


def emit(record):
    record.setdefault('engine', 'simpy-' + simpy.__version__)
    record.setdefault('rssStartBytes', RSS_START)
    record.setdefault('rssBytes', peak_rss_bytes())
    sys.stdout.write(json.dumps(record) + '\n')


def int_arg(i, default):
    return int(sys.argv[i]) if len(sys.argv) > i else default


RSS_START = current_rss_bytes()
