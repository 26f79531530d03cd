#!/bin/bash
# The version matrix (make matrix): the whole test command (scripts/test.sh)
# in a Debian root per release, each with that release's PostgreSQL and
# PostGIS from Debian's mirror:
#   bookworm  Debian 12   PostgreSQL 15, PostGIS 3.3
#   trixie    Debian 13   PostgreSQL 17, PostGIS 3.5
#   sid       unstable    PostgreSQL 18, PostGIS 3.7
# and the demo (scripts/demo.sh) after it.
# Usage: scripts/matrix.sh [release...] (default: all three), as root.
# The roots are made with debootstrap --variant=minbase in build/matrix/
# and kept between runs (rebuilt when missing or unfinished; packages the
# test command installs stay in them).  The checkout's files (tracked and
# untracked, not ignored) are copied to /root/terrind in the root, a 0700
# folder, as on a fresh machine.  Prints one line per release with its
# timings; the full logs are build/matrix/<release>.log and
# <release>.demo.log.  Exits non-zero if any release fails.
# DEBIAN_MIRROR overrides http://deb.debian.org/debian.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/build/matrix
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" -eq 0 ] || { echo "matrix: run as root (debootstrap, chroot, mounts)" >&2; exit 1; }
command -v debootstrap >/dev/null 2>&1 ||
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq debootstrap >/dev/null ||
    { echo "matrix: cannot install debootstrap" >&2; exit 1; }

mounted() { grep -q " $1[ /]" /proc/mounts; }
unmount() {                    # unmount ROOT: everything mounted below it
    local m
    for m in dev proc; do
        if mounted "$1/$m"; then
            umount -R "$1/$m" 2>/dev/null || umount -R -l "$1/$m"
        fi
    done
    ! mounted "$1"
}
secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

make_root() {                  # make_root RELEASE ROOTDIR: a bare Debian, once
    local release=$1 root=$2
    [ -e "$root/.terrind-root" ] && return 0
    unmount "$root" || return 1
    rm -rf "$root"
    mkdir -p "$(dirname "$root")"
    debootstrap --variant=minbase "$release" "$root" "$MIRROR" > "$DIR/$release.debootstrap.log" 2>&1 ||
        { tail -5 "$DIR/$release.debootstrap.log"; return 1; }
    # no service starts in the root (postgresql's postinst would start one)
    printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    # sid's Release file is sometimes older than its Valid-Until
    [ "$release" = sid ] && echo 'Acquire::Check-Valid-Until "false";' > "$root/etc/apt/apt.conf.d/99terrind"
    touch "$root/.terrind-root"
}

in_root() {                    # in_root COMMAND: run it from /root/terrind in $root
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        /bin/bash -c 'cd /root/terrind && "$@"' in_root "$@"
}

run_release() {                # run_release RELEASE: one line of the matrix
    local release=$1 t0 t1 t2 t3 status demo pg postgis summary
    root=$DIR/$1/root
    t0=$(date +%s)
    make_root "$release" "$root" || { echo "$release: FAIL (could not make the Debian root)"; return 1; }
    t1=$(date +%s)
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    # the CAs this machine adds to Debian's (a TLS proxy's, as in sandboxed CI)
    # are trusted in the root too; ca-certificates picks them up when installed
    if [ -d /usr/local/share/ca-certificates ]; then
        mkdir -p "$root/usr/local/share/ca-certificates"
        cp -R /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
        [ ! -x "$root/usr/sbin/update-ca-certificates" ] || chroot "$root" update-ca-certificates >/dev/null 2>&1
    fi
    rm -rf "$root/root/terrind"
    mkdir -p "$root/root/terrind"
    chmod 700 "$root/root"
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
        tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -C "$root/root/terrind" -xf -
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
    in_root scripts/test.sh > "$DIR/$release.log" 2>&1
    status=$?
    t2=$(date +%s)
    in_root scripts/demo.sh > "$DIR/$release.demo.log" 2>&1 && demo=passes || { demo=FAILS; status=1; }
    pg=$(chroot "$root" pg_config --version 2>/dev/null | sed 's/ (.*//')
    postgis=$(chroot "$root" sh -c 'cat /usr/share/postgresql/*/extension/postgis.control' 2>/dev/null |
        sed -n "s/^default_version = '\(.*\)'/\1/p")
    unmount "$root" || echo "matrix: $root is still mounted" >&2
    t3=$(date +%s)
    summary=$(grep '^terrind tests:' "$DIR/$release.log" | tail -n1)
    printf '%-8s %s, PostGIS %s: %s in %s (root %s, tests %s, demo %s: %s) — %s\n' "$release" \
        "${pg:-no PostgreSQL}" "${postgis:-?}" "$([ $status -eq 0 ] && echo PASS || echo FAIL)" \
        "$(secs $((t3 - t0)))" "$(secs $((t1 - t0)))" "$(secs $((t2 - t1)))" "$(secs $((t3 - t2)))" "$demo" \
        "${summary#terrind tests: }"
    return $status
}

releases=("$@")
[ ${#releases[@]} -gt 0 ] || releases=(bookworm trixie sid)
mkdir -p "$DIR"
trap 'for r in "${releases[@]}"; do unmount "$DIR/$r/root"; done' EXIT
trap 'exit 130' INT TERM
rc=0
for release in "${releases[@]}"; do
    run_release "$release" || rc=1
done
exit $rc
