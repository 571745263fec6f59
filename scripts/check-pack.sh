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
echo "pack check: ${packages[*]} install and import from tarballs"
