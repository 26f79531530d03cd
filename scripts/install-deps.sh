#!/bin/sh
# Install what terrind's build, tests and demo need on Debian, when it is
# missing, and the tools named as arguments.  The PostgreSQL major version
# is that of pg_config (or $PG_CONFIG); on a machine without PostgreSQL, that
# of the release's default server (the "postgresql" package).  Runs apt-get
# as root, or through sudo for another user.
set -eu

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    SUDO="no-sudo"
fi
apt_get() {
    [ "$SUDO" != no-sudo ] || { echo "terrind: cannot install packages: run as root or install sudo" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 "$@"
}

PG_CONFIG=${PG_CONFIG:-pg_config}
if command -v "$PG_CONFIG" >/dev/null 2>&1; then
    PG=$("$PG_CONFIG" --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
else
    apt_get update -qq
    PG=$(apt-cache depends postgresql | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n1)
    [ -n "$PG" ] || { echo "terrind: cannot tell which PostgreSQL this Debian provides" >&2; exit 1; }
fi
EXT=/usr/share/postgresql/$PG/extension
need=""

# each check: a file or command that must exist, and the package providing it
want() {
    case "$1" in
        /*) [ -e "$1" ] ;;
        *) command -v "$1" >/dev/null 2>&1 ;;
    esac || need="$need $2"
}
want make make
want cc gcc
want clang clang
# libFuzzer and clang's sanitizer runtimes (make fuzz): only recommended by
# clang; where the runtime lives varies with clang's version, so try a link
if ! command -v clang >/dev/null 2>&1 ||
   ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
     clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null; then
    need="$need libclang-rt-dev"
fi
want /usr/lib/postgresql/$PG/bin/postgres postgresql-$PG
want pg_virtualenv postgresql-common
want /usr/include/postgresql/$PG/server/postgres.h postgresql-server-dev-$PG
want $EXT/postgis.control postgresql-$PG-postgis-3
want $EXT/pgtap.control postgresql-$PG-pgtap
want pg_prove libtap-parser-sourcehandler-pgtap-perl
want npm npm
# npm reads the system's CA bundle (/etc/npmrc), which npm only recommends
want /etc/ssl/certs/ca-certificates.crt ca-certificates
want openssl openssl
# the real clients the test command runs terrind through
want /usr/lib/python3/dist-packages/psycopg/__init__.py python3-psycopg
want /usr/lib/python3/dist-packages/psycopg2/__init__.py python3-psycopg2
want /usr/lib/python3/dist-packages/pandas/__init__.py python3-pandas
want /usr/lib/python3/dist-packages/setuptools/__init__.py python3-setuptools
want /usr/lib/python3/dist-packages/pip/__init__.py python3-pip
# (python3-venv ships no file whose path does not name the Python version)
want /usr/share/doc/python3-venv/copyright python3-venv
want /usr/share/java/postgresql.jar libpostgresql-jdbc-java
want java default-jdk-headless
want ogr2ogr gdal-bin
want rsvg-convert librsvg2-bin
# tools that only some make targets need, named like their Debian package
# (make valgrind-check passes valgrind): a command of that name or the
# package installed; or FILE=PACKAGE (make bench)
for tool in "$@"; do
    case "$tool" in
        *=*) want "${tool%%=*}" "${tool#*=}" ;;
        *) command -v "$tool" >/dev/null 2>&1 ||
               dpkg-query -W -f='${Status}' "$tool" 2>/dev/null | grep -q 'ok installed' || need="$need $tool" ;;
    esac
done

[ -z "$need" ] && exit 0
echo "terrind: installing missing packages for PostgreSQL $PG:$need"
apt_get update -qq
# shellcheck disable=SC2086
apt_get install -y -qq --no-install-recommends $need >/dev/null
