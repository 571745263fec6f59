// First: run the workspace packages from their sources, so the demo needs no build.
import '../../../../scripts/workspace-sources';
import { parseArgs } from 'node:util';
import { DemoConsole } from './demo-console';
import { reportRun } from './report-run';
import { runDemo } from './run-demo';
import { Teardown } from './teardown';

const USAGE = `usage: npm run demo [-- --registry HOST:PORT]

Runs the app-build pipeline (git-cloner, then image-pusher) on this machine: starts the local
control plane with its own nats-server, a registry, and both drivers; creates a small git
repository; applies examples/app-build's definition and pipeline and a resource pointing at the
repository; follows the run's logs; prints the commit and the image digest. It stops everything
and removes its temporary folders when it ends, also on Ctrl-C.

  --registry HOST:PORT  push to this registry (plain HTTP on loopback) instead of starting one

Exit codes: 0 the pipeline succeeded; 1 it failed; 2 the demo could not run; 130 interrupted.`;

const DEMO_OPTIONS = { registry: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const PIPELINE_TIMEOUT_MS = 3 * 60_000;

async function main(argv: readonly string[]): Promise<number> {
  let options: { registry?: string; help?: boolean };
  try {
    ({ values: options } = parseArgs({ args: [...argv], options: DEMO_OPTIONS }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const { registry } = options;

  const out = new DemoConsole();
  const teardown = new Teardown();
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupt.signal.aborted) process.exit(130); // a second Ctrl-C: the user insists
    out.problem(`${signal}: stopping everything the demo started…`);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

  out.line(out.paint('bold', 'Conveyor demo: the app-build pipeline, git-cloner → image-pusher'));
  let code: number;
  try {
    const run = await runDemo(
      { registry, timeoutMs: PIPELINE_TIMEOUT_MS, signal: interrupt.signal },
      out,
      teardown,
    );
    reportRun(run, out);
    code = run.status === 'succeeded' ? 0 : 1;
  } catch (error) {
    if (interrupt.signal.aborted) code = 130;
    else {
      out.problem(`the demo could not run: ${error instanceof Error ? error.message : String(error)}`);
      code = 2;
    }
  }
  const problems = await teardown.run();
  for (const problem of problems) out.problem(`could not stop ${problem}`);
  out.line(
    out.paint(
      'dim',
      problems.length === 0
        ? `Finished in ${out.elapsed()}; everything the demo started is stopped and its temporary folders are removed.`
        : `Finished in ${out.elapsed()}, but not everything could be stopped (see above).`,
    ),
  );
  return problems.length > 0 && code === 0 ? 1 : code;
}

// Exit explicitly: an HTTP keep-alive socket must not hold the demo open after the teardown.
void main(process.argv.slice(2)).then((code) => process.exit(code));
