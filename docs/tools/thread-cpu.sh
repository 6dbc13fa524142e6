#!/bin/bash
# Per-thread CPU of a running benchmark JVM, for docs/benchmarks.md ("HTTP request cost").
# usage: docs/tools/thread-cpu.sh OUT BENCH_LOG [JVM_PATTERN]
# Waits for the surefire JVM (default: the one of this working tree), then once a second appends
# "<phases finished so far>|<tid>|<thread name>|<utime+stime ticks>" for every thread to OUT, until
# the JVM exits. docs/tools/thread-cpu.py turns OUT and the benchmark's output into CPU per job
# completion by thread group for the saturation and half-load phases.
out=$1; log=$2; pattern=${3:-"^/usr/lib/jvm/.*/bin/java .*$(pwd)/target/surefire"}
pid=""
for i in $(seq 1 300); do
  pid=$(pgrep -f "$pattern" | head -1)
  [ -n "$pid" ] && break
  sleep 1
done
[ -z "$pid" ] && { echo "no JVM matching $pattern" >&2; exit 1; }
: > "$out"
while kill -0 "$pid" 2>/dev/null; do
  phase=$(grep -c "^\[bench\] \(warm-up\|saturation\|half\|history\)" "$log" 2>/dev/null)
  for t in /proc/"$pid"/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    rest=${stat##*) }
    set -- $rest
    echo "$phase|${t##*/}|$comm|$(( ${12} + ${13} ))"
  done >> "$out"
  sleep 1
done
