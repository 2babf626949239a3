#!/bin/sh
# run.sh — the figures `make bench` prints (see bench/bench_check.c).
set -eu
MISSIONC=$1
BENCH=$2
echo "missionc $($MISSIONC --version | cut -d' ' -f2) — $(uname -m), $(nproc) cœurs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
echo "Lettre : examples/ddfpt.mission ($(wc -c <examples/ddfpt.mission) octets), référentiel stdlib/ddfpt.mission"
"$BENCH" warm examples/ddfpt.mission 20000
"$BENCH" cold 300 "$MISSIONC" --stdlib stdlib verifier examples/ddfpt.mission
python3 bench/lsp.py "$MISSIONC" 200
RENDER=${3:-}
if [ -n "$RENDER" ]; then
	echo "Rendu, en un processus, sur les $(ls examples/*.mission | wc -l) lettres d’exemple tour à tour :"
	"$RENDER" 2000 examples/*.mission
	"$RENDER" 200 tests/rendu/trois_pages.mission | sed -n '1,2p' | sed 's/^/  (lettre de trois pages et plus) /'
	SOURCE_DATE_EPOCH=1758000000 "$MISSIONC" --stdlib stdlib produire examples/ddfpt.mission -o build/bench.pdf >/dev/null
	echo "  PDF de examples/ddfpt.mission : $(wc -c <build/bench.pdf) octets, $(pdfinfo build/bench.pdf | sed -n 's/^Pages: *//p') pages ; polices : $(pdffonts build/bench.pdf | tail -n +3 | awk '{print $1 " (" $(NF-4) " " $(NF-3) ")"}' | tr '\n' ' ')"
fi
FLOOR=${4:-}
if [ -n "$FLOOR" ]; then
	ROWS=${BENCH_LIGNES:-40000}
	mkdir -p build/bench
	rm -f build/bench/lot.txt
	echo "Lots (missionc lot) : $ROWS lettres du Pacte, export généré par tests/gen-rh.py (graine 1, 2 % de lignes fautives) :"
	python3 tests/gen-rh.py "$ROWS" --graine 1 --mauvaises 2 >build/bench/rh.csv
	python3 tests/gen-rh.py 1000 --graine 1 --mauvaises 2 >build/bench/rh1000.csv
	for fmt in pdf html md; do
		for j in 1 2; do
			# A new folder each time: emptying a folder of 40 000 files just
			# before slows ext4's inode allocation for the next run.
			out=build/bench/lot-$fmt-$j
			rm -rf "$out"
			t0=$(date +%s.%N)
			SOURCE_DATE_EPOCH=1758000000 "$MISSIONC" --stdlib stdlib lot examples/lot/pacte.mission build/bench/rh.csv \
			    -o "$out" -f $fmt -j $j --quiet 2>/dev/null || true
			t1=$(date +%s.%N)
			n=$(grep -c ';produite;' "$out/rapport.csv")
			echo "$fmt $j $t0 $t1 $n" | awk '{ d = $4 - $3; printf "  %-4s -j %s : %6.1f s, %5.0f lettres/s, %.3f ms par lettre (%d lettres produites)\n", $1, $2, d, $5 / d, d * 1000 / $5, $5 }' | tee -a build/bench/lot.txt
		done
	done
	"$BENCH" cold 1 "$MISSIONC" --stdlib stdlib lot examples/lot/pacte.mission build/bench/rh1000.csv -o build/bench/lot1000 -f pdf -j 2 --quiet |
	    sed -n 's/.*mémoire maximale d’un lancement *: */  mémoire maximale, 1 000 lignes   : /p'
	"$BENCH" cold 1 "$MISSIONC" --stdlib stdlib lot examples/lot/pacte.mission build/bench/rh.csv -o build/bench/lot -f pdf -j 2 --quiet |
	    sed -n "s/.*mémoire maximale d’un lancement *: */  mémoire maximale, $ROWS lignes : /p"
	"$BENCH" cold 1 "$MISSIONC" --stdlib stdlib lot examples/lot/pacte.mission build/bench/rh.csv -o build/bench/lot-noms -f pdf -j 2 --quiet --nom '{uai}-{nom}-{prenom}' |
	    sed -n "s/.*mémoire maximale d’un lancement *: */  mémoire maximale, $ROWS lignes, --nom '{uai}-{nom}-{prenom}' : /p"
	rm -rf build/bench/lot-noms
	one=$(ls build/bench/lot/*.pdf | head -1)
	rm -rf build/bench/lot-*
	pdftotext -layout "$one" build/bench/lettre.txt
	# One run of the floor, printed and used for the ratio.
	floor_out=$("$FLOOR" 2000 build/bench/lettre.txt build/polices/LiberationSans-Regular.ttf build/polices/LiberationSans-Bold.ttf)
	echo "$floor_out"
	floor=$(echo "$floor_out" | sed -n 's/.*: \([0-9.]*\) ms.*/\1/p')
	grep '^  pdf  -j 1' build/bench/lot.txt | sed 's/.*, \([0-9.]*\) ms par lettre.*/\1/' |
	    awk -v f="$floor" '{ printf "  missionc lot, PDF, un fil : %.3f ms par lettre, soit %.2f fois le plancher\n", $1, $1 / f }'
	rm -f build/bench/lot.txt
	rm -rf build/bench/lot build/bench/lot1000
fi
