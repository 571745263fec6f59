#!/usr/bin/env bash
# Make an OCI registry (CNCF Distribution 2.8) available as $CONVEYOR_TOOLS_DIR/bin/docker-registry
# (default ./.tools), for the example drivers' tests and the demo. Order: the tools folder if already
# there; a `docker-registry` or `registry` on PATH (linked); else Debian bookworm's `docker-registry`
# package, unpacked without installing anything system-wide. Idempotent and quiet on success.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=${CONVEYOR_TOOLS_DIR:-$PWD/.tools}
target="$tools/bin/docker-registry"

# `--version` prints e.g. "docker-registry github.com/docker/distribution 2.8.2+ds1" (upstream: "v2.8.2").
is_distribution_2() {
  "$1" --version 2>/dev/null | grep -Eq 'distribution v?2\.'
}

if [ -x "$target" ] && is_distribution_2 "$target"; then exit 0; fi

for name in docker-registry registry; do
  if on_path=$(command -v "$name") && is_distribution_2 "$on_path"; then
    mkdir -p "$tools/bin"
    ln -sf "$on_path" "$target"
    exit 0
  fi
done

if ! "$root/packages/core/scripts/fetch-debian-binary.sh" docker-registry bookworm \
  usr/bin/docker-registry "$target"; then
  echo "error: no OCI registry found. Install Debian's 'docker-registry' package (or Distribution 2.8" >&2
  echo "       from https://github.com/distribution/distribution), or set CONVEYOR_REGISTRY to its path." >&2
  exit 3
fi
if ! is_distribution_2 "$target"; then
  echo "error: $target does not report Distribution v2 ($("$target" --version 2>&1 | head -1))." >&2
  exit 3
fi
