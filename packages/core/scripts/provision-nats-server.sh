#!/usr/bin/env bash
# Make a nats-server >= 2.10 available as $CONVEYOR_TOOLS_DIR/bin/nats-server (default ./.tools).
# 2.10 is the first release with multi-subject consumer filters, which every Conveyor driver consumer uses.
# Order: CONVEYOR_NATS_SERVER if set (used as is); the tools folder if already good; a new enough
# nats-server on PATH (linked); else Debian trixie's package. Elsewhere it says what to install.
# Idempotent and quiet on success.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tools=${CONVEYOR_TOOLS_DIR:-$PWD/.tools}
target="$tools/bin/nats-server"
min_minor=10

new_enough() { # prints nothing; succeeds when "$1 --version" reports 2.10 or later
  local v
  v=$("$1" --version 2>/dev/null | sed -n 's/.*v\([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p') || return 1
  [ -n "$v" ] || return 1
  set -- $v
  [ "$1" -gt 2 ] || { [ "$1" -eq 2 ] && [ "$2" -ge "$min_minor" ]; }
}

how_to_install() {
  echo "       Install nats-server >= 2.$min_minor, then put it on PATH or set CONVEYOR_NATS_SERVER to its path:" >&2
  echo "         macOS:       brew install nats-server" >&2
  echo "         any Linux:   the nats-server-v2.*-linux-<arch>.tar.gz of https://github.com/nats-io/nats-server/releases" >&2
  echo "         with Go:     go install github.com/nats-io/nats-server/v2@latest (into \$(go env GOPATH)/bin)" >&2
  echo "         Debian/Ubuntu: this script fetches it itself (it needs apt-get and dpkg-deb)" >&2
}

if [ -n "${CONVEYOR_NATS_SERVER:-}" ]; then
  new_enough "$CONVEYOR_NATS_SERVER" && exit 0
  echo "error: CONVEYOR_NATS_SERVER=$CONVEYOR_NATS_SERVER is not a runnable nats-server >= 2.$min_minor." >&2
  how_to_install
  exit 3
fi

if [ -x "$target" ] && new_enough "$target"; then exit 0; fi

if on_path=$(command -v nats-server) && new_enough "$on_path"; then
  mkdir -p "$tools/bin"
  ln -sf "$on_path" "$target"
  exit 0
fi

if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "error: no nats-server >= 2.$min_minor on PATH, and this is not a Debian/Ubuntu system to fetch one from." >&2
  how_to_install
  exit 3
fi
if ! "$here/fetch-debian-binary.sh" nats-server trixie usr/sbin/nats-server "$target"; then
  echo "error: no nats-server >= 2.$min_minor found, and fetching Debian's failed (see above)." >&2
  how_to_install
  exit 3
fi
if ! new_enough "$target"; then
  echo "error: Debian's nats-server ($("$target" --version 2>&1)) is older than 2.$min_minor." >&2
  exit 3
fi
