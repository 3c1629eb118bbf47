/**
 * The floor: the M/M/c model on the smallest generator kernel that can run it, to show what the side-by-side
 * target asks of the JavaScript engine itself. It has a (time, seq) heap, a FIFO for zero-delay events, generator
 * processes, timeouts and a FIFO resource - and nothing else: no conditions, interrupts, failures, priorities,
 * preemption, monitors, checks or `run({ until })`. It draws from drillsim's own random streams (from dist/),
 * in the same order as bench/kernel-peer.ts, so it processes the very same event sequence and must report the
 * same wq to the last digit; the wall-time difference is then the price of drillsim's features and checks.
 *
 *   node bench/peers/floor/mmc.mjs [seed=1] [customers=200000] [warmups=0]
 *
 * Plain JavaScript on purpose: run without tsx, nothing is added to these classes (tsx's name-keeping helper
 * would slow their construction down). Prints one JSON line like kernel-peer.ts. Benchmark harness code, so
 * wall-clock reads are fine.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'engine', 'random', 'index.js');
if (!existsSync(dist)) throw new Error(`bench floor: ${dist} is missing; run \`npm run build\` first`);
const { createStream } = await import(pathToFileURL(dist).href);
const rssStart = process.memoryUsage.rss();

/** An event: its single waiter (a process) and its value. */
class FloorEvent {
  constructor() {
    this.waiter = null;
    this.value = undefined;
  }
}

class FloorKernel {
  constructor() {
    this.now = 0;
    this.seq = 0;
    this.times = new Float64Array(1024);
    this.orders = new Float64Array(1024);
    this.items = new Array(1024).fill(null);
    this.size = 0;
    this.due = []; // zero-delay events, FIFO
    this.dueHead = 0;
  }

  schedule(event, delay) {
    if (delay === 0) {
      this.due.push(event);
      return;
    }
    const time = this.now + delay;
    const order = this.seq++;
    if (this.size === this.times.length) this.grow();
    const { times, orders, items } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p] < time || (times[p] === time && orders[p] < order)) break;
      times[i] = times[p];
      orders[i] = orders[p];
      items[i] = items[p];
      i = p;
    }
    times[i] = time;
    orders[i] = order;
    items[i] = event;
  }

  grow() {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    times.set(this.times);
    const orders = new Float64Array(n);
    orders.set(this.orders);
    this.times = times;
    this.orders = orders;
    while (this.items.length < n) this.items.push(null);
  }

  pop() {
    const { times, orders, items } = this;
    const top = items[0];
    this.now = times[0];
    const n = --this.size;
    const t = times[n];
    const o = orders[n];
    const it = items[n];
    items[n] = null;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (times[c + 1] < times[c] || (times[c + 1] === times[c] && orders[c + 1] < orders[c]))) c++;
      if (t < times[c] || (t === times[c] && o < orders[c])) break;
      times[i] = times[c];
      orders[i] = orders[c];
      items[i] = items[c];
      i = c;
    }
    times[i] = t;
    orders[i] = o;
    items[i] = it;
    return top;
  }

  timeout(delay) {
    const ev = new FloorEvent();
    this.schedule(ev, delay);
    return ev;
  }

  /** A process starts through a zero-delay event whose waiter is the process itself. */
  process(generator) {
    const proc = new FloorProcess(generator);
    const start = new FloorEvent();
    start.waiter = proc;
    this.schedule(start, 0);
  }

  run() {
    for (;;) {
      let ev;
      if (this.dueHead < this.due.length) {
        ev = this.due[this.dueHead++];
        if (this.dueHead === this.due.length) {
          this.due.length = 0;
          this.dueHead = 0;
        }
      } else if (this.size > 0) ev = this.pop();
      else return;
      const w = ev.waiter;
      if (w !== null) {
        ev.waiter = null;
        w.resume(ev.value);
      }
    }
  }
}

class FloorProcess {
  constructor(generator) {
    this.generator = generator;
  }

  resume(value) {
    const step = this.generator.next(value);
    if (!step.done) step.value.waiter = this;
  }
}

class FloorResource {
  constructor(kernel, capacity) {
    this.kernel = kernel;
    this.capacity = capacity;
    this.busy = 0;
    this.waiting = [];
    this.head = 0;
  }

  request() {
    const ev = new FloorEvent();
    if (this.busy < this.capacity && this.head === this.waiting.length) {
      this.busy++;
      this.kernel.schedule(ev, 0);
    } else this.waiting.push(ev);
    return ev;
  }

  release() {
    this.busy--;
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head++];
      if (this.head === this.waiting.length) {
        this.waiting.length = 0;
        this.head = 0;
      }
      this.busy++;
      this.kernel.schedule(next, 0);
    }
  }
}

/** Same code shape and draws as mmc() in bench/kernel-peer.ts. */
function mmc(seed, customers) {
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  const k = new FloorKernel();
  const counter = new FloorResource(k, 3);
  const arrivals = createStream(seed, 0, 'arrivals');
  const service = createStream(seed, 0, 'service');
  let totalWait = 0;
  function* customer() {
    const arrive = k.now;
    const req = counter.request();
    yield req;
    totalWait += k.now - arrive;
    yield k.timeout(service.exponential(1));
    counter.release(req);
  }
  function* source() {
    for (let i = 0; i < customers; i++) {
      k.process(customer());
      yield k.timeout(arrivals.exponential(2.7));
    }
  }
  k.process(source());
  k.run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, wq: totalWait / customers };
}

function intArg(i, fallback) {
  const raw = process.argv[i];
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (!Number.isInteger(x) || x < 0) throw new Error(`argument ${i - 1} must be a non-negative integer, got ${raw}`);
  return x;
}

const seed = intArg(2, 1);
const customers = intArg(3, 200_000);
const warmups = intArg(4, 0);
for (let i = 0; i < warmups; i++) mmc(seed, customers);
const { seconds, cpuSeconds, wq } = mmc(seed, customers);
process.stdout.write(
  `${JSON.stringify({
    engine: `floor-kernel-node-${process.versions.node}`,
    model: warmups > 0 ? 'mmc-warm' : 'mmc',
    seed,
    customers,
    events: 2 * customers,
    seconds,
    cpuSeconds,
    wq,
    rssBytes: process.resourceUsage().maxRSS * 1024,
    rssStartBytes: rssStart,
  })}\n`,
);
