#!/bin/sh
# run.sh — the figures `make bench` prints (see bench/bench_check.c).
set -eu
MISSIONC=$1
BENCH=$2
echo "missionc $($MISSIONC --version | cut -d' ' -f2) — $(uname -m), $(nproc) cœurs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
echo "Lettre : examples/ddfpt.mission ($(wc -c <examples/ddfpt.mission) octets), référentiel stdlib/ddfpt.mission"
"$BENCH" warm examples/ddfpt.mission 20000
"$BENCH" cold 300 "$MISSIONC" --stdlib stdlib verifier examples/ddfpt.mission
