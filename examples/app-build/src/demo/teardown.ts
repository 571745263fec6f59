/**
 * What to undo, newest first: each part of the demo registers its own stop as soon as it exists,
 * so a failure or Ctrl-C at any point stops exactly what was started.
 */
export class Teardown {
  private readonly steps: Array<{ what: string; undo: () => unknown }> = [];

  add(what: string, undo: () => unknown): void {
    this.steps.unshift({ what, undo });
  }

  /** Runs every step even when one fails; returns what could not be undone. Safe to call twice. */
  async run(): Promise<string[]> {
    const problems: string[] = [];
    for (let step = this.steps.shift(); step; step = this.steps.shift()) {
      try {
        await step.undo();
      } catch (error) {
        problems.push(`${step.what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return problems;
  }
}
