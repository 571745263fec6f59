#!/usr/bin/env bash
# Fetch one binary from a Debian package into a private tools folder, without installing anything
# system-wide: a private sources list and lists folder for `apt-get download`, then `dpkg-deb -x`.
# The packages come from the Debian mirror this system's apt uses (debian-mirror.sh).
#
# usage: fetch-debian-binary.sh PACKAGE SUITE PATH_IN_PACKAGE DEST_BINARY
#   e.g. fetch-debian-binary.sh nats-server trixie usr/bin/nats-server .tools/bin/nats-server
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=debian-mirror.sh
. "$here/debian-mirror.sh"
package=$1 suite=$2 path_in_package=$3 dest=$4

if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "error: cannot fetch '$package': apt-get and dpkg-deb are needed (a Debian or Ubuntu system)." >&2
  exit 3
fi

mirror=$(debian_mirror)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/etc"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" \
  >"$work/etc/sources.list"

apt_opts=(
  -o "Dir::Etc::SourceList=$work/etc/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "Debug::NoLocking=1"
  -o "APT::Sandbox::User=root"
)
if ! apt-get "${apt_opts[@]}" -qq update >"$work/log" 2>&1; then
  cat "$work/log" >&2
  echo "error: could not read Debian's '$suite' package lists (see above)." >&2
  exit 3
fi
if ! (cd "$work" && apt-get "${apt_opts[@]}" -qq download "$package" >"$work/log" 2>&1); then
  cat "$work/log" >&2
  echo "error: could not download Debian package '$package' from '$suite' (see above)." >&2
  exit 3
fi
dpkg-deb -x "$work"/"$package"_*.deb "$work/root"
mkdir -p "$(dirname "$dest")"
install -m 0755 "$work/root/$path_in_package" "$dest"
