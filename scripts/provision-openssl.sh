#!/usr/bin/env bash
# Make the `openssl` command available for the tests that create certificates (auth, protocol §6).
# Order: PATH (most systems have it); .tools/bin/openssl if already fetched; else Debian bookworm's
# `openssl` package binary, unpacked into $CONVEYOR_TOOLS_DIR/bin (default ./.tools) without installing
# anything system-wide (it uses the system's libssl3, which curl and apt's https transport bring).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=${CONVEYOR_TOOLS_DIR:-$PWD/.tools}
target="$tools/bin/openssl"

if command -v openssl >/dev/null && openssl version >/dev/null 2>&1; then exit 0; fi
if [ -x "$target" ] && "$target" version >/dev/null 2>&1; then exit 0; fi

if ! "$root/packages/core/scripts/fetch-debian-binary.sh" openssl bookworm usr/bin/openssl "$target" ||
  ! "$target" version >/dev/null 2>&1; then
  echo "error: no working openssl command. Install Debian's 'openssl' package, or set CONVEYOR_OPENSSL to one." >&2
  exit 3
fi
