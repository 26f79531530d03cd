#!/bin/sh
# Install what terrind's build, tests and demo need on Debian 12, when it is
# missing, and the tools named as arguments.  Runs apt-get as root, or
# through sudo for another user.
set -eu

PG=15
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
# libFuzzer and clang's sanitizer runtimes (make fuzz): only recommended by clang
want "$(clang --print-runtime-dir 2>/dev/null)/libclang_rt.fuzzer-$(uname -m).a" libclang-rt-dev
want /usr/lib/postgresql/$PG/bin/postgres postgresql-$PG
want pg_virtualenv postgresql-common
want /usr/include/postgresql/$PG/server/postgres.h postgresql-server-dev-$PG
want $EXT/postgis.control postgresql-$PG-postgis-3
want $EXT/pgtap.control postgresql-$PG-pgtap
want pg_prove libtap-parser-sourcehandler-pgtap-perl
want npm npm
want openssl openssl
# the real clients the test command runs terrind through
want /usr/lib/python3/dist-packages/psycopg/__init__.py python3-psycopg
want /usr/lib/python3/dist-packages/psycopg2/__init__.py python3-psycopg2
want /usr/lib/python3/dist-packages/pandas/__init__.py python3-pandas
want /usr/lib/python3/dist-packages/setuptools/__init__.py python3-setuptools
want /usr/lib/python3/dist-packages/pip/__init__.py python3-pip
want /usr/lib/python3.11/venv/__init__.py python3-venv
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
echo "terrind: installing missing packages:$need"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "terrind: cannot install$need: run as root or install sudo" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
