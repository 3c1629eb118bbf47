/**
 * Random numbers for drillsim: named, independently seeded xoshiro128** streams (docs/architecture.md section 4).
 * The kernel calls createStream(seed, replication, name) once per name per replication and caches it.
 */
import { RandomStream } from './stream.js';
import { streamSeed, type MasterSeed } from './seed.js';

export { RandomStream, type EmpiricalPoint } from './stream.js';
export { Xoshiro128, type Xoshiro128State } from './xoshiro128.js';
export { streamSeed, encodeStreamKey, STREAM_KEY_TAG, type MasterSeed } from './seed.js';

/** The stream `name` of replication `replication` under `masterSeed`; same arguments, same sequence. */
export function createStream(masterSeed: MasterSeed, replication: number, name: string): RandomStream {
  return new RandomStream(name, streamSeed(masterSeed, replication, name));
}
