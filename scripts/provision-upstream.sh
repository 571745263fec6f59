#!/usr/bin/env bash
# Build the real Conveyor server (open-ug/conveyor) for the upstream suite, as
# $CONVEYOR_TOOLS_DIR/bin/conveyor-upstream (default ./.tools; build tree in .tools/upstream). It uses
# the recipe in ../shared/upstream-server/ beside the repository (beside the main checkout, for a git
# worktree), or $CONVEYOR_UPSTREAM_RECIPE; the path is recorded in .tools/upstream/recipe for the tests. Its
# build.sh fetches Debian's Go toolchain and libraries (`apt-get download`, this system's Debian mirror,
# nothing installed system-wide; pinned versions gone from the archive fall back to unpinned names) and
# builds in GOPATH mode. Without a recipe it says so and succeeds: the suite then skips itself.
# Idempotent (rebuilds only when the recipe changes) and quiet on success.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../packages/core/scripts/debian-mirror.sh
. "$root/packages/core/scripts/debian-mirror.sh"
tools=${CONVEYOR_TOOLS_DIR:-$PWD/.tools}
target="$tools/bin/conveyor-upstream"
work="$tools/upstream"
recipe=${CONVEYOR_UPSTREAM_RECIPE:-$root/../shared/upstream-server}
if [ -z "${CONVEYOR_UPSTREAM_RECIPE:-}" ] && [ ! -f "$recipe/build.sh" ]; then
  main_checkout=$(cd "$(git -C "$root" rev-parse --git-common-dir 2>/dev/null || echo .)/.." && pwd)
  [ -f "$main_checkout/../shared/upstream-server/build.sh" ] && recipe=$main_checkout/../shared/upstream-server
fi
recipe=$(cd "$recipe" 2>/dev/null && pwd || echo "$recipe")

if [ ! -f "$recipe/build.sh" ]; then
  if [ -n "${CONVEYOR_UPSTREAM_RECIPE:-}" ]; then
    echo "error: CONVEYOR_UPSTREAM_RECIPE=$recipe holds no build.sh (the real Conveyor server's recipe)." >&2
    exit 3
  fi
  echo "note: no real Conveyor server recipe at $recipe (or set CONVEYOR_UPSTREAM_RECIPE);" >&2
  echo "      npm run test:upstream will skip its suites." >&2
  exit 0
fi

# The binary is current when it was built from this very recipe (script, pins and source tarball).
stamp=$(cat "$recipe/build.sh" "$recipe/pins.txt" "$recipe"/*.tar.gz 2>/dev/null | sha256sum | cut -c1-64)
if [ -x "$target" ] && [ "$(cat "$work/recipe.sha256" 2>/dev/null)" = "$stamp" ]; then
  echo "$recipe" >"$work/recipe"
  exit 0
fi

for tool in apt-get dpkg-deb tar; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: cannot build the real Conveyor server: '$tool' is missing (the recipe needs a Debian or" >&2
    echo "       Ubuntu system with apt-get, dpkg-deb and tar)." >&2
    exit 3
  fi
done
debian_mirror >/dev/null # fails with a clear message when apt has no Debian archive configured

rm -rf "$work" "$target"
mkdir -p "$work" "$tools/bin"
log="$tools/upstream-build.log"
if ! bash "$recipe/build.sh" "$work" >"$log" 2>&1 || [ ! -x "$work/conveyor" ]; then
  tail -30 "$log" >&2
  echo "error: building the real Conveyor server with $recipe/build.sh failed (full log: $log)." >&2
  if grep -q 'no Debian mirror found' "$log"; then
    echo "       The recipe reads only /etc/apt/sources.list and /etc/apt/sources.list.d/*.sources;" >&2
    echo "       this system's Debian archive ($(debian_mirror)) must be listed in one of them." >&2
  fi
  exit 3
fi
if grep -q 'retrying unpinned' "$log"; then
  echo "note: some of the recipe's pinned Debian versions are gone from the archive; the real Conveyor" >&2
  echo "      server was built with the archive's current versions instead (log: $log)." >&2
fi
# Only the binary is needed; the toolchain, libraries and build cache are about 3 GB.
find "$work" -mindepth 1 -maxdepth 1 ! -name conveyor -exec rm -rf {} +
ln -sf ../upstream/conveyor "$target" # relative: the tools folder can move
echo "$recipe" >"$work/recipe"
echo "$stamp" >"$work/recipe.sha256"
