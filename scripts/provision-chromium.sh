#!/usr/bin/env bash
# Make a headless-capable Chromium available as $CONVEYOR_TOOLS_DIR/bin/chromium (default ./.tools),
# for the dashboard's browser test. Order: the tools folder if already there; a `chromium` on PATH
# (linked); else Debian's `chromium` package and the libraries it needs that this system lacks, fetched
# with `apt-get download` from the system's configured apt sources and unpacked into the tools folder
# (nothing installed system-wide). Idempotent and quiet on success.
set -euo pipefail

tools=${CONVEYOR_TOOLS_DIR:-$PWD/.tools}
target="$tools/bin/chromium"
unpacked="$tools/chromium"

works() { "$1" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1; }

if [ -x "$target" ] && works "$target"; then exit 0; fi

if on_path=$(command -v chromium) && works "$on_path"; then
  mkdir -p "$tools/bin"
  ln -sf "$on_path" "$target"
  exit 0
fi

if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "error: no chromium found and no apt-get/dpkg-deb to fetch Debian's (install 'chromium')." >&2
  exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# What apt would install for chromium here: the package itself plus the libraries missing on this system.
missing() { apt-get install --simulate -qq chromium 2>/dev/null | awk '/^Inst /{print $2}'; }
packages=$(missing || true)
if [ -z "$packages" ]; then
  apt-get update -qq >"$work/log" 2>&1 || { cat "$work/log" >&2; exit 3; }
  packages=$(missing)
fi
# shellcheck disable=SC2086 # one word per package
if ! (cd "$work" && apt-get download -qq $packages >"$work/log" 2>&1); then
  cat "$work/log" >&2
  echo "error: could not download chromium's Debian packages from the configured apt sources." >&2
  exit 3
fi
rm -rf "$unpacked"
mkdir -p "$unpacked" "$tools/bin"
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$unpacked"; done

# Unpacked, not installed: point the loader and fontconfig at the tools folder.
cat >"$unpacked/fonts.conf" <<CONF
<?xml version="1.0"?>
<fontconfig><dir>$unpacked/usr/share/fonts</dir><dir>/usr/share/fonts</dir><cachedir>$unpacked/font-cache</cachedir></fontconfig>
CONF
libs=$(find "$unpacked" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)
cat >"$target" <<WRAPPER
#!/usr/bin/env bash
export LD_LIBRARY_PATH="$libs\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
export FONTCONFIG_FILE="$unpacked/fonts.conf"
exec "$unpacked/usr/lib/chromium/chromium" "\$@"
WRAPPER
chmod 0755 "$target"
if ! works "$target"; then
  echo "error: the unpacked chromium does not start; try: $target --headless --no-sandbox --version" >&2
  exit 3
fi
