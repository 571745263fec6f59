#!/usr/bin/env bash
# Prints the Debian archive URL this system's apt is configured with, so provisioning downloads come
# from the user's own mirror or proxy, never a hard-coded host. Source it and call `debian_mirror`, or
# run it. CONVEYOR_DEBIAN_MIRROR overrides. Read, in apt's order: /etc/apt/sources.list, then
# sources.list.d/*.list (one-line format) and *.sources (deb822). A source counts as Debian's archive
# when one of its suites is a Debian release name; security and disabled sources are skipped.
# (apt.conf settings such as Acquire::http::Proxy still apply: callers replace only the source list.)

debian_mirror() {
  if [ -n "${CONVEYOR_DEBIAN_MIRROR:-}" ]; then
    echo "${CONVEYOR_DEBIAN_MIRROR%/}"
    return 0
  fi
  local apt_dir=${CONVEYOR_APT_DIR:-/etc/apt} mirror
  mirror=$(
    {
      cat "$apt_dir/sources.list" "$apt_dir"/sources.list.d/*.list 2>/dev/null || true
      for f in "$apt_dir"/sources.list.d/*.sources; do if [ -f "$f" ]; then cat "$f" && echo; fi; done
    } | awk '
      function release(s) { return s ~ /^(sid|unstable|testing|stable|oldstable|oldoldstable|buster|bullseye|bookworm|trixie|forky|duke)(-updates|-backports)?$/ }
      function usable(uri, suite) { return release(suite) && uri !~ /security/ }
      function flush(  i, j, nu, ns, u, s) {
        if (types ~ /(^| )deb( |$)/ && enabled !~ /^(no|false)$/) {
          nu = split(uris, u, " "); ns = split(suites, s, " ")
          for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) if (usable(u[i], s[j])) { print u[i]; found = 1; exit }
        }
        types = uris = suites = enabled = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; i++ }
        if (usable($i, $(i + 1))) { print $i; exit }
        next
      }
      tolower($1) == "types:" { sub(/^[^:]*:[ \t]*/, ""); types = $0; next }
      tolower($1) == "uris:" { sub(/^[^:]*:[ \t]*/, ""); uris = $0; next }
      tolower($1) == "suites:" { sub(/^[^:]*:[ \t]*/, ""); suites = $0; next }
      tolower($1) == "enabled:" { sub(/^[^:]*:[ \t]*/, ""); enabled = tolower($0); next }
      END { if (!found) flush() }
    '
  )
  if [ -z "$mirror" ]; then
    echo "error: no Debian archive found in $apt_dir/sources.list or $apt_dir/sources.list.d/;" >&2
    echo "       add one to apt's sources, or set CONVEYOR_DEBIAN_MIRROR (e.g. http://deb.debian.org/debian)." >&2
    return 3
  fi
  echo "${mirror%/}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  debian_mirror
fi
