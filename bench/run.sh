#!/bin/sh
# run.sh — the figures `make bench` prints (see bench/bench_check.c).
set -eu
MISSIONC=$1
BENCH=$2
echo "missionc $($MISSIONC --version | cut -d' ' -f2) — $(uname -m), $(nproc) cœurs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
echo "Lettre : examples/ddfpt.mission ($(wc -c <examples/ddfpt.mission) octets), référentiel stdlib/ddfpt.mission"
"$BENCH" warm examples/ddfpt.mission 20000
"$BENCH" cold 300 "$MISSIONC" --stdlib stdlib verifier examples/ddfpt.mission
RENDER=${3:-}
if [ -n "$RENDER" ]; then
	echo "Rendu, en un processus, sur les $(ls examples/*.mission | wc -l) lettres d’exemple tour à tour :"
	"$RENDER" 2000 examples/*.mission
	"$RENDER" 200 tests/rendu/trois_pages.mission | sed -n '1,2p' | sed 's/^/  (lettre de trois pages et plus) /'
	SOURCE_DATE_EPOCH=1758000000 "$MISSIONC" --stdlib stdlib produire examples/ddfpt.mission -o build/bench.pdf >/dev/null
	echo "  PDF de examples/ddfpt.mission : $(wc -c <build/bench.pdf) octets, $(pdfinfo build/bench.pdf | sed -n 's/^Pages: *//p') pages ; polices : $(pdffonts build/bench.pdf | tail -n +3 | awk '{print $1 " (" $(NF-4) " " $(NF-3) ")"}' | tr '\n' ' ')"
fi
