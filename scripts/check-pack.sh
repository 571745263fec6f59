#!/usr/bin/env bash
# Packs the publishable packages and installs the tarballs in an empty project, then imports every
# entry point, as a user would. Needs `npm run build` first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

packages=(core decorators control-plane cli)
tarballs=()
for p in "${packages[@]}"; do
  [ -f "$root/packages/$p/dist/index.js" ] || { echo "error: packages/$p is not built; run npm run build" >&2; exit 1; }
  tarballs+=("$work/$(cd "$root/packages/$p" && npm pack --silent --pack-destination "$work" 2>/dev/null | tail -1)")
done

# Every tarball ships its README and LICENSE, and no declaration map pointing at sources it does not ship.
for tarball in "${tarballs[@]}"; do
  listing=$(tar -tzf "$tarball")
  for f in package/README.md package/LICENSE; do
    grep -qx "$f" <<<"$listing" || { echo "error: $(basename "$tarball") lacks ${f#package/}" >&2; exit 1; }
  done
  if grep -q '\.d\.ts\.map$' <<<"$listing"; then
    echo "error: $(basename "$tarball") ships .d.ts.map files but not the sources they point at" >&2
    exit 1
  fi
done

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "${tarballs[@]}" >/dev/null
node -e "
  require('reflect-metadata');
  const core = require('@conveyor-ts/core');
  const testing = require('@conveyor-ts/core/testing');
  const decorators = require('@conveyor-ts/decorators');
  const missing = [];
  if (core.Subjects.driverResult !== 'pipelines.driver.result') missing.push('core.Subjects');
  if (typeof core.decodeDriverMessage !== 'function') missing.push('core.decodeDriverMessage');
  if (typeof testing.startTestEnvironment !== 'function') missing.push('testing.startTestEnvironment');
  if (typeof decorators.ConveyorApplication !== 'function') missing.push('decorators.ConveyorApplication');
  if (typeof require('@conveyor-ts/decorators/testing').createTestingDriver !== 'function') missing.push('decorators/testing');
  if (Object.keys(require('@conveyor-ts/control-plane')).length === 0) missing.push('control-plane exports');
  if (missing.length) { console.error('missing after install: ' + missing.join(', ')); process.exit(1); }
"
# What users share with the framework are peer dependencies with ranges, so one copy is installed
# (a second class-transformer silently drops @Type metadata).
node -e "
  const shared = { '@conveyor-ts/core': ['class-transformer', 'class-validator', 'reflect-metadata'],
    '@conveyor-ts/decorators': ['class-transformer', 'class-validator', 'reflect-metadata', 'tsyringe'] };
  const problems = [];
  for (const [name, deps] of Object.entries(shared)) {
    const pkg = require(name + '/package.json');
    for (const dep of deps) {
      if (!/^[\\^~>]/.test(pkg.peerDependencies?.[dep] ?? '')) problems.push(name + ': ' + dep + ' is not a peer dependency with a range');
      if (pkg.dependencies?.[dep]) problems.push(name + ': ' + dep + ' is also a dependency');
    }
  }
  if (problems.length) { console.error('error: ' + problems.join('; ')); process.exit(1); }
"
copies=$(find node_modules -type d -name class-transformer -path '*node_modules/class-transformer' | wc -l)
[ "$copies" -eq 1 ] || { echo "error: $copies copies of class-transformer installed" >&2; exit 1; }
# An ES module consumer imports the packages by name.
node --input-type=module -e "
  import 'reflect-metadata';
  import { Subjects } from '@conveyor-ts/core';
  import { ConveyorApplication, Driver } from '@conveyor-ts/decorators';
  import { createTestingDriver } from '@conveyor-ts/decorators/testing';
  import { ControlPlane } from '@conveyor-ts/control-plane';
  for (const [name, value] of Object.entries({ Subjects, ConveyorApplication, Driver, createTestingDriver, ControlPlane }))
    if (!value) { console.error('error: ESM import of ' + name + ' is undefined'); process.exit(1); }
"
# Type declarations resolve through the exports map.
cat >check.ts <<'TS'
import { Subjects, type DriverDefinition } from '@conveyor-ts/core';
import { startTestEnvironment } from '@conveyor-ts/core/testing';
const d: Partial<DriverDefinition> = { name: 'x' };
void [Subjects.driverResult, startTestEnvironment, d];
TS
"$root/node_modules/.bin/tsc" --strict --noEmit --module node16 --moduleResolution node16 --skipLibCheck check.ts
# The CLI's bin is linked and runs.
./node_modules/.bin/conveyor --help | grep -q 'apply' || { echo "error: conveyor --help failed" >&2; exit 1; }
echo "pack check: ${packages[*]} ship README and LICENSE, declare shared peers, install and import (CJS and ESM) from tarballs"
