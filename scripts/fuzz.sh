#!/bin/bash
# Run libFuzzer targets one after the other: fuzz.sh SECONDS BINARY...
# Each starts from its seeds (test/fuzz/corpus/<name>/, replayed first, so a
# crash once found and saved there fails every later run) and the inputs it
# found before (test/fuzz/bin/corpus/<name>/, not in git).  A crash leaves
# its input in test/fuzz/bin/crashes/.  Prints one line per target, then a
# summary line; exits non-zero if any target crashed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
seconds=$1
shift
runs_total=0
crashed=()

for bin in "$@"; do
    name=${bin##*/fuzz_}
    work=test/fuzz/bin/corpus/$name
    log=test/fuzz/bin/$name.log
    mkdir -p "$work" test/fuzz/bin/crashes
    dict=()
    [ -f "test/fuzz/$name.dict" ] && dict=(-dict="test/fuzz/$name.dict")
    seeds=()
    [ -d "test/fuzz/corpus/$name" ] && seeds=("test/fuzz/corpus/$name")
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="test/fuzz/bin/crashes/$name-" "${dict[@]}" "$work" "${seeds[@]}" > "$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    runs_total=$((runs_total + ${runs:-0}))
    if [ $status -eq 0 ]; then
        echo "fuzz_$name: ${runs:-?} runs in ${seconds} s, $(find "$work" -type f | wc -l) inputs in its corpus, no crash"
    else
        crashed+=("$name")
        echo "fuzz_$name: CRASHED (exit $status) after ${runs:-?} runs; log $log:"
        grep -E 'ERROR:|property failed|runtime error|Test unit written|SUMMARY' "$log" | head -20
    fi
done

if [ ${#crashed[@]} -eq 0 ]; then
    echo "fuzz: $# targets x ${seconds} s, $runs_total runs, no crash"
else
    echo "fuzz: $# targets x ${seconds} s, $runs_total runs, ${#crashed[@]} crashed (${crashed[*]})"
    exit 1
fi
