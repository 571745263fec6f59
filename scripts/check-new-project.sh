#!/usr/bin/env bash
# docs/getting-started.md, run: packs the packages, makes a project with `conveyor new`, installs it from
# the tarballs, runs its tests, then runs its driver against `conveyor dev` and applies a resource with
# --wait. Every command of the guide is run here (checked below). Needs `npm run build` and nats-server.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
guide="$root/docs/getting-started.md"
work=$(mktemp -d)
pids=()
# SIGTERM: a script's background jobs ignore SIGINT. Both commands stop gracefully on it.
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
export CONVEYOR_NATS_SERVER=${CONVEYOR_NATS_SERVER:-$root/.tools/bin/nats-server}
export npm_config_loglevel=error npm_config_fund=false npm_config_audit=false

# The guide's commands, as run below (with the tarball folder for the registry the packages are not on yet).
commands=(
  'npm pack --pack-destination "$TARBALLS" -w @conveyor-ts/core -w @conveyor-ts/decorators -w @conveyor-ts/control-plane -w @conveyor-ts/cli'
  'node "$CONVEYOR_TS"/packages/cli/dist/bin.js new my-driver --from "$TARBALLS"'
  'cd my-driver'
  'npm install'
  'npm test'
  'npx conveyor dev'
  'npx conveyor run src/index.ts'
  'npx conveyor apply -f conveyor/greeting.yaml -f conveyor/hello.yaml --wait'
  'npx conveyor runs'
)
for command in "${commands[@]}"; do
  grep -qxF "$command" "$guide" || { echo "error: docs/getting-started.md lacks: $command" >&2; exit 1; }
done

export TARBALLS="$work/tarballs" CONVEYOR_TS="$root"
mkdir -p "$TARBALLS"
for p in core decorators control-plane cli; do
  [ -f "$root/packages/$p/dist/index.js" ] || { echo "error: packages/$p is not built; run npm run build" >&2; exit 1; }
done
(cd "$root" && eval "${commands[0]}" >/dev/null)
cd "$work"
eval "${commands[1]}" >/dev/null 2>&1
eval "${commands[2]}"
eval "${commands[3]} --prefer-offline" >/dev/null
eval "${commands[4]}" 2>&1 | tail -5

# `conveyor dev` and the driver run until stopped: in the background (the binary npx runs, so the
# signal reaches it), with free ports.
node_modules/.bin/conveyor dev --port 0 --nats-port 0 >"$work/dev.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do grep -q 'Press Ctrl-C' "$work/dev.log" && break; sleep 0.5; done
export CONVEYOR_API_URL=$(sed -n 's/^ *API: *//p' "$work/dev.log")
export CONVEYOR_NATS_URL=$(sed -n 's/^ *NATS: *//p' "$work/dev.log")
[ -n "$CONVEYOR_API_URL" ] || { cat "$work/dev.log" >&2; echo "error: conveyor dev did not start" >&2; exit 1; }
node_modules/.bin/conveyor run src/index.ts >"$work/run.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do grep -q 'running greeter' "$work/run.log" && break; sleep 0.5; done
grep -q 'running greeter' "$work/run.log" || { cat "$work/run.log" >&2; echo "error: conveyor run did not start" >&2; exit 1; }
applied=$(eval "${commands[7]}" 2>&1) || { echo "$applied" >&2; echo "error: the run did not succeed" >&2; exit 1; }
grep -q 'Greet (greeter) succeeded: hello world' <<<"$applied" || { echo "$applied" >&2; exit 1; }
eval "${commands[8]}" | grep -q 'greeting/hello +greet +succeeded' -E
echo "new project check: conveyor new, npm install from tarballs, npm test, conveyor run against conveyor dev"
