# A working CRIU (4.0 or later) for scripts/bench's restored-snapshot section. Sourced, not run.
#
#   shiplane_ensure_criu    sets shiplane_criu to the path of a criu that dumped and restored a process on this
#                           machine just now, or says what is missing on standard error and returns 1.
#
# Where it looks, in order: SHIPLANE_CRIU (if set, it must work: no fallback), `criu` on the PATH, the cached build
# in ${SHIPLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shiplane}/criu-4.1.1/; failing all three, it builds that
# cache once (~1 min on 2 cores): Debian trixie's CRIU 4.1.1 source, fetched from deb.debian.org and checked against the
# SHA-256 pinned below (trixie's Sources index lists the same), the build dependencies Debian bookworm provides
# installed with apt-get, and `make criu` (the binary alone: no docs, library, plugins or crit). So it needs root
# (CRIU dumps and restores as root anyway), apt-get, and deb.debian.org.
#
# Why not bookworm's own criu: 3.17 cannot dump on kernels that split the vDSO's data pages (6.x). Only the upstream
# tarball of trixie's source package is used (criu_4.1.1.orig.tar.xz; `make criu` from it is the build proven on 6.x
# kernels); its Debian packaging, criu_4.1.1-1.debian.tar.xz (SHA-256
# 103855d69544c3417abdb5b309c1773db98af2293c4dc48bba39e244b85c778e), is neither fetched nor applied.
shiplane_criu_version=4.1.1
shiplane_criu_orig_url="http://deb.debian.org/debian/pool/main/c/criu/criu_4.1.1.orig.tar.xz"
shiplane_criu_orig_sha256=f80a66cb3726bb2116266d4759ce3bcbfab7abdb6b6d430bf20dd41911717afe
# What `make criu` needs from bookworm, found by building until it linked: the compiler, pkg-config, protoc-c and the
# headers of protobuf-c, protobuf's descriptor.proto (images/ links to it), libnl-3, libnet, libcap and libuuid;
# plus curl and xz to fetch and unpack the source.
shiplane_criu_build_deps=(gcc make libc6-dev pkg-config curl xz-utils libprotobuf-c-dev protobuf-c-compiler
  libprotobuf-dev libnl-3-dev libnet1-dev libcap-dev uuid-dev)

shiplane_criu_why=""
# log → its last three errors on one line (the last ones say what failed; the first are often a helper's exit status).
shiplane_criu_errors() {
  [ -f "$1" ] || { echo "no log"; return 0; }
  grep '^Error' "$1" | tail -3 | sed 's/^Error ([^)]*): //' | awk '{printf "%s%s", (NR > 1 ? "; " : ""), $0}'
}
# criu → 0 if it is 4.0 or later and dumps and restores a process here, as the bench will (a detached `sleep` in its
# own session, CRIU_FAULT=130 as the bench sets it); else 1, with the reason in shiplane_criu_why. `criu check` is not
# the test: it probes kernel features, may fail over ones the bench never uses, and proves no dump or restore. The
# real ones take ~2 s here, most of it waiting for init to reap the dumped process. Its directory is kept on a
# failure, for the logs.
shiplane_criu_works() {
  local criu="$1" version d pid
  shiplane_criu_why=""
  if ! version=$("$criu" --version 2>&1); then
    shiplane_criu_why="$criu does not run: $(echo "$version" | tail -1)"
    return 1
  fi
  version=$(echo "$version" | awk '/^Version:/ {print $2; exit}')
  if ! [[ "$version" =~ ^[0-9]+\. ]] || [ "${version%%.*}" -lt 4 ]; then
    shiplane_criu_why="$criu is CRIU ${version:-of an unknown version}, and 4.0 or later is needed (3.x cannot dump on kernels that split the vDSO's data pages, 6.x)"
    return 1
  fi
  d=$(mktemp -d "${TMPDIR:-/tmp}/shiplane-criu-check.XXXXXX")
  mkdir "$d/image"
  # Detached (reparented to init, which reaps it after the dump) so that its pid is free again for the restore: init
  # may take a second or two to reap it here. With no file descriptor but the standard three: CRIU refuses to dump a
  # process that holds a file lock, such as the cache's lock shiplane_ensure_criu holds while it checks.
  (
    for fd in /proc/"$BASHPID"/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
    setsid sh -c 'echo $$ > "$1"; exec sleep 600' sh "$d/pid" </dev/null >/dev/null 2>&1 &
  )
  for _ in $(seq 1 250); do [ -s "$d/pid" ] && [ "$(cat "/proc/$(cat "$d/pid")/comm" 2>/dev/null)" = sleep ] && break; sleep 0.02; done
  pid=$(cat "$d/pid" 2>/dev/null || true)
  if [ -z "$pid" ] || [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != sleep ]; then
    shiplane_criu_why="the test process for $criu did not start (in $d)"
    return 1
  fi
  if ! CRIU_FAULT=130 timeout 60 "$criu" dump -t "$pid" -D "$d/image" -o dump.log >/dev/null 2>&1; then
    kill -9 "$pid" 2>/dev/null || true
    shiplane_criu_why="$criu could not dump a sleep process: $(shiplane_criu_errors "$d/image/dump.log") (see $d/image/dump.log)"
    return 1
  fi
  for _ in $(seq 1 250); do [ -e "/proc/$pid" ] || break; sleep 0.02; done
  if [ -e "/proc/$pid" ]; then
    kill -9 "$pid" 2>/dev/null || true
    shiplane_criu_why="pid $pid was still taken 5 s after $criu dumped it, and the restore needs it free (in $d)"
    return 1
  fi
  if ! CRIU_FAULT=130 timeout 60 "$criu" restore -D "$d/image" -d -o restore.log >/dev/null 2>&1; then
    shiplane_criu_why="$criu could not restore the sleep process it dumped: $(shiplane_criu_errors "$d/image/restore.log") (see $d/image/restore.log)"
    return 1
  fi
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != sleep ]; then
    shiplane_criu_why="$criu restore returned but pid $pid is not the sleep process it dumped (in $d)"
    return 1
  fi
  # The restored process runs again: it answers a signal like any other (and is a zombie until init reaps it).
  kill "$pid"
  for _ in $(seq 1 250); do
    { [ -e "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]; } || break
    sleep 0.02
  done
  if [ -e "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]; then
    kill -9 "$pid" 2>/dev/null || true
    shiplane_criu_why="the sleep process $criu restored did not end on SIGTERM"
    return 1
  fi
  rm -rf "$d"
}

shiplane_criu_fail() {
  echo "scripts/lib/criu.sh: no working CRIU 4.0 or later: $*" >&2
  return 1
}

# dir → builds $dir/criu (see the top of this file); 0 or 1 with the reason on standard error.
shiplane_criu_build() {
  local dir="$1" log="$1/build.log" tarball="$1/criu_4.1.1.orig.tar.xz" sum missing=() p
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    shiplane_criu_fail "no apt-get to install the build dependencies (${shiplane_criu_build_deps[*]}): install CRIU 4.x yourself and set SHIPLANE_CRIU to it"
    return 1
  fi
  : > "$log"
  for p in "${shiplane_criu_build_deps[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "criu: installing its build dependencies with apt-get: ${missing[*]}" >&2
    # Waits for another apt-get to finish rather than failing on its lock.
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 \
           "${missing[@]}" >>"$log" 2>&1; then
      # Stale package lists name files the mirror no longer has: refresh them once.
      apt-get update -q -o DPkg::Lock::Timeout=300 >>"$log" 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 \
          "${missing[@]}" >>"$log" 2>&1 ||
        { shiplane_criu_fail "apt-get could not install ${missing[*]} (see $log)"; return 1; }
    fi
  fi
  if ! { [ -f "$tarball" ] && echo "$shiplane_criu_orig_sha256  $tarball" | sha256sum -c --quiet - >/dev/null 2>&1; }; then
    echo "criu: downloading $shiplane_criu_orig_url" >&2
    rm -f "$tarball"
    if ! curl -fsSL --retry 2 -o "$tarball.part" "$shiplane_criu_orig_url" 2>>"$log"; then
      rm -f "$tarball.part"
      shiplane_criu_fail "could not download $shiplane_criu_orig_url from Debian's mirror: $(tail -1 "$log")"
      return 1
    fi
    sum=$(sha256sum "$tarball.part" | cut -d' ' -f1)
    if [ "$sum" != "$shiplane_criu_orig_sha256" ]; then
      rm -f "$tarball.part"
      shiplane_criu_fail "$shiplane_criu_orig_url has SHA-256 $sum, not the pinned $shiplane_criu_orig_sha256: refused"
      return 1
    fi
    mv "$tarball.part" "$tarball"
  fi
  echo "criu: building CRIU $shiplane_criu_version (make criu; log: $log)" >&2
  rm -rf "$dir/src" && mkdir -p "$dir/src"
  # NO_GNUTLS: the same binary whether or not gnutls's headers happen to be installed (TLS is for page servers only).
  if ! tar -xJf "$tarball" -C "$dir/src" --strip-components=1 >>"$log" 2>&1 ||
     ! make -C "$dir/src" -j"$(nproc)" NO_GNUTLS=1 criu >>"$log" 2>&1; then
    shiplane_criu_fail "the build failed: $(grep -m1 -E 'error:|\*\*\*' "$log") (see $log)"
    return 1
  fi
  cp "$dir/src/criu/criu" "$dir/criu.part" && mv "$dir/criu.part" "$dir/criu"
  rm -rf "$dir/src"
}

shiplane_ensure_criu() {
  local dir="${SHIPLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shiplane}/criu-$shiplane_criu_version" candidate lock
  shiplane_criu=""
  if [ "$(id -u)" != 0 ]; then
    shiplane_criu_fail "CRIU dumps and restores processes as root only, and this runs as $(id -un): run it as root (sudo)"
    return 1
  fi
  if [ -n "${SHIPLANE_CRIU:-}" ]; then
    if shiplane_criu_works "$SHIPLANE_CRIU"; then shiplane_criu="$SHIPLANE_CRIU"; return 0; fi
    shiplane_criu_fail "SHIPLANE_CRIU: $shiplane_criu_why"
    return 1
  fi
  if candidate=$(command -v criu); then
    if shiplane_criu_works "$candidate"; then shiplane_criu="$candidate"; return 0; fi
    echo "criu: not using the one on the PATH: $shiplane_criu_why" >&2
  fi
  mkdir -p "$dir" || { shiplane_criu_fail "cannot create its cache $dir"; return 1; }
  # One build at a time per cache: a second caller waits, then finds the first one's build.
  exec {lock}>"$dir.lock"
  flock "$lock"
  if [ -x "$dir/criu" ]; then
    if shiplane_criu_works "$dir/criu"; then shiplane_criu="$dir/criu"; exec {lock}>&-; return 0; fi
    echo "criu: rebuilding the cached one: $shiplane_criu_why" >&2
  fi
  if ! shiplane_criu_build "$dir"; then exec {lock}>&-; return 1; fi
  exec {lock}>&-
  if ! shiplane_criu_works "$dir/criu"; then
    shiplane_criu_fail "the CRIU built in $dir: $shiplane_criu_why"
    return 1
  fi
  shiplane_criu="$dir/criu"
  echo "criu: built and cached $shiplane_criu" >&2
}
