// Removes optional dependencies that have no entry in package-lock.json from the lock, so `npm ci`
// accepts it. Needed because the registry reachable from our machines lacks some other-platform builds
// (for example @unrs/resolver-binding-darwin-arm64, pulled in by Jest 30), which npm then leaves out
// of the lock while still listing them as optional dependencies. Run after any `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
const pruned = [];
for (const [key, entry] of Object.entries(packages)) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    if (!packages[`node_modules/${dep}`] && !packages[`${key}/node_modules/${dep}`]) {
      delete entry.optionalDependencies[dep];
      pruned.push(`${key} -> ${dep}`);
    }
  }
}
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
if (pruned.length > 0) console.log(`pruned ${pruned.length} unresolvable optional dependencies`);
