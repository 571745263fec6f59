import { TestRepository } from '../../../git-cloner/src/testing';
import type { Teardown } from './teardown';

/** The small application the demo builds: what its image will hold under /app. */
const FILES = {
  'README.md': '# hello-app\n\nBuilt by the Conveyor demo: cloned by git-cloner, pushed by image-pusher.\n',
  'package.json': '{\n  "name": "hello-app",\n  "version": "1.0.0",\n  "main": "src/index.js"\n}\n',
  'src/index.js': "console.log('Hello from a Conveyor-built image');\n",
  'bin/start.sh': { content: '#!/bin/sh\nexec node "$(dirname "$0")/../src/index.js"\n', mode: 0o755 },
};

/** Creates a local git repository (branch `main`) in a temporary folder, removed on teardown. */
export function createDemoRepository(teardown: Teardown): { path: string; commit: string } {
  let repo: TestRepository;
  try {
    repo = new TestRepository('main');
  } catch (error) {
    throw new Error(`cannot create a git repository (is git installed?): ${(error as Error).message}`, {
      cause: error,
    });
  }
  teardown.add('the example repository', () => repo.remove());
  const commit = repo.commit('hello-app 1.0.0', FILES);
  return { path: repo.path, commit };
}
