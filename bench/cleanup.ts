type Step = { label: string; run: () => Promise<void> | void };

/**
 * Undo steps (stop the API, drop the database, delete the temp dir) run newest first, each
 * once, whether the benchmark finished, threw, or was interrupted with Ctrl-C.
 */
export class Cleanup {
  private steps: Step[] = [];
  private running: Promise<string[]> | null = null;

  add(label: string, run: Step['run']): void {
    this.steps.push({ label, run });
  }

  /**
   * Runs every pending step even when one fails; returns the failures as readable lines. An
   * interrupt and the failing benchmark may both ask: they share one run, so steps keep their order.
   */
  run(): Promise<string[]> {
    this.running ??= this.runSteps().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runSteps(): Promise<string[]> {
    const failures: string[] = [];
    while (this.steps.length > 0) {
      const step = this.steps.pop() as Step;
      try {
        await step.run();
      } catch (error) {
        failures.push(`${step.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failures;
  }
}

/** Runs `work` with a cleanup list; a failed cleanup is an error too (a leaked database must be noticed). */
export async function withCleanup<T>(work: (cleanup: Cleanup) => Promise<T>, log: (line: string) => void): Promise<T> {
  const cleanup = new Cleanup();
  const interrupted = (signal: NodeJS.Signals) => {
    log(`interrupted (${signal}): cleaning up`);
    void cleanup.run().then((failures) => {
      for (const failure of failures) log(`cleanup failed: ${failure}`);
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let failed = false;
  try {
    return await work(cleanup);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    const failures = await cleanup.run();
    for (const failure of failures) log(`cleanup failed: ${failure}`);
    if (failures.length > 0 && !failed) throw new Error(`cleanup failed: ${failures.join('; ')}`);
  }
}
