import type { Command } from 'commander';
import type { CliContext, GlobalOptions } from '../cli-context';
import { createProject } from '../new/create-project';
import { packageSources } from '../new/package-sources';

/** `conveyor new DIR [--from TARBALLS]`: a driver project with tests, ready for `npm install`. */
export function newCommand(
  program: Command,
  context: (o: GlobalOptions) => CliContext,
  version: string,
): void {
  program
    .command('new')
    .description('make a driver project: a driver, its unit and integration tests, a pipeline, a README')
    .argument('<dir>', 'the folder to create (its name becomes the package name)')
    .option(
      '--from <folder>',
      'install the framework from the npm pack tarballs in this folder instead of the registry',
    )
    .action((dir: string, o: { from?: string }, cmd: Command) => {
      const ctx = context(cmd.optsWithGlobals());
      const files = createProject(dir, packageSources(version, o.from));
      for (const file of files) ctx.note(`  ${ctx.paintErr('green', 'created')} ${file}`);
      ctx.print(`Next: cd ${dir} && npm install && npm test`);
    });
}
