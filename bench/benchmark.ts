/** What bench/run.ts runs: each benchmark prints its own figures; throwing is an error, a missed target is not. */
export interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<void>;
}

export interface BenchContext {
  out: (line: string) => void;
  env: Record<string, string | undefined>;
}
