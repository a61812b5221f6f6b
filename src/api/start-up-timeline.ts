/**
 * When each step of the API's start-up was reached, in milliseconds since the process started
 * (`performance.now()`). Steps may overlap: the database opens while the HTTP side loads.
 */
export class StartUpTimeline {
  private readonly marks = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Records `step` at `at` (default: now); a step marked twice keeps its first moment. */
  mark(step: string, at: number = this.now()): void {
    if (!this.marks.has(step)) this.marks.set(step, at);
  }

  /**
   * One line for the log, the steps in the order they were reached, e.g. "modules loaded 412 ms,
   * listening 440 ms, database open 690 ms, ready 702 ms after the process started (at …)".
   */
  describe(startedAt: Date): string {
    const steps = [...this.marks].sort((a, b) => a[1] - b[1]).map(([step, at]) => `${step} ${Math.round(at)} ms`);
    return `${steps.join(', ')} after the process started (at ${startedAt.toISOString()})`;
  }
}
