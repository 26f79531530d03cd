#!/bin/bash
# make valgrind-check: the SQL suites (scripts/sql-tests.sh: pg_regress,
# pgTAP, the upgrade test) with the server under valgrind memcheck, inside a
# throwaway cluster (run by scripts/with-cluster.sh).  The server is
# restarted through a wrapper that runs postgres under valgrind, with the
# suppressions of test/valgrind/postgresql.supp; each process logs to
# build/valgrind/logs/.  Errors whose stack holds a terrind frame (terrind.so,
# or a file of src/ or src/core/) are printed; there must be none.  Slow
# (several minutes), so not part of scripts/test.sh.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
out=$PWD/build/valgrind
rm -rf "$out"
mkdir -p "$out/results"
# what the server (postgres, when run as root) reads and writes lives in /tmp,
# wherever the checkout is; its logs are copied to $out at the end
srv=$(mktemp -d /tmp/terrind-valgrind.XXXXXX)
trap 'rm -rf "$srv"' EXIT
mkdir "$srv/logs"
chmod 777 "$srv/logs"
cp test/valgrind/postgresql.supp "$srv/"

cat > "$srv/postgres" <<WRAPPER
#!/bin/sh
exec valgrind --quiet --trace-children=yes --track-origins=yes --num-callers=40 \\
    --leak-check=no --error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END --gen-suppressions=all \\
    --suppressions=$srv/postgresql.supp --log-file=$srv/logs/%p.log \\
    $("${PG_CONFIG:-pg_config}" --bindir)/postgres "\$@"
WRAPPER
chmod 755 "$srv" "$srv/postgres"

pg_ctlcluster "$PGVERSION" regress stop || exit 1
pg_ctlcluster "$PGVERSION" regress start -- -p "$srv/postgres" -t 900 -o '-c jit=off' || exit 1
scripts/sql-tests.sh "$out/results"
suites=$?
pg_ctlcluster "$PGVERSION" regress stop -- -t 300
cp -R "$srv/logs" "$out/"

# one record per error; ours if a frame is in terrind.so or one of our files
ours="terrind\\.so|\\(($(for f in src/*.c src/core/*.c; do basename "$f" .c; done | paste -sd'|'))\\.c:"
awk -v ours="$ours" -v report="$out/terrind-errors.txt" '
    /VALGRINDERROR-BEGIN/ { block = ""; inside = 1; total++ }
    inside { block = block $0 "\n" }
    /VALGRINDERROR-END/ { inside = 0; if (block ~ ours) { mine++; printf "%s\n", block > report } }
    END { printf "%d %d\n", total, mine }' "$out"/logs/*.log > "$out/counts"
read -r total mine < "$out/counts"
processes=$(find "$out/logs" -name '*.log' | wc -l)
[ "$mine" -gt 0 ] && cat "$out/terrind-errors.txt"
echo "valgrind: $processes server processes, $total errors reported, $mine attributed to terrind; suites $([ $suites -eq 0 ] && echo passed || echo FAILED) (logs in build/valgrind/)"
[ "$mine" -eq 0 ] && [ $suites -eq 0 ]
