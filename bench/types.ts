/** One benchmark figure, printed as a JSON line by `npm run bench -- --json` (docs/architecture.md section 10). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The peer measured side by side in the same run, if any. */
  peer?: string;
  peerValue?: number;
  /** value / peerValue, oriented so that > 1 means drillsim is better. */
  ratio?: number;
}

export type BenchSuite = () => Promise<BenchResult[]>;
