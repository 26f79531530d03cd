#!/bin/sh
# Check ANCT's official files shipped in data/anct/ against their SHA256SUMS
# (see data/anct/PROVENANCE.md) and print the folder.  Whatever loads them
# (the demo, the benchmark) calls this first: a file that does not match is
# never loaded.
set -eu
DIR=$(cd "$(dirname "$0")/.." && pwd)/data/anct
if ! (cd "$DIR" && sha256sum --quiet --strict -c SHA256SUMS >&2); then
    echo "anct-data: a file of $DIR does not match its SHA256SUMS: see data/anct/PROVENANCE.md" >&2
    exit 1
fi
echo "$DIR"
