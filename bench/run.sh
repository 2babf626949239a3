#!/bin/sh
# run.sh — the figures `make bench` prints (see bench/bench_check.c).
set -eu
MISSIONC=$1
BENCH=$2
echo "missionc $($MISSIONC --version | head -1 | cut -d' ' -f2) — $(uname -m), $(nproc) cœurs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
echo "Lettre : examples/ddfpt.mission ($(wc -c <examples/ddfpt.mission) octets), référentiel stdlib/ddfpt.mission"
"$BENCH" warm examples/ddfpt.mission 20000
echo "Vérifier la lettre, à froid :"
"$BENCH" cold 300 "$MISSIONC" --stdlib stdlib verifier examples/ddfpt.mission
mkdir -p build
FLOOR=${4:-}
# What any start costs on this machine: the figures below are its multiples
# (a virtual machine may take ten times longer than another to map a page).
echo "Le plus court des processus, /bin/true, à froid :"
"$BENCH" cold 300 /bin/true
# Two letters: a DDFPT one of five pages, a Pacte one of two (the lot's
# model, examples/lot/pacte.mission, is no letter: it does not compile alone).
# Each one written as a new file, then over the letter the previous run
# wrote: replacing a file by rename, ext4 (auto_da_alloc) sends the new one
# to the disk before the rename returns, ~0.15 ms that are the file
# system's, kept because they keep the letter whole after a crash.
# Then the cold floor: the same letter's pages drawn by libharu alone
# (bench_floor, same fonts, same compression, written the same way), one
# letter per process; missionc and the floor take turns, four rounds, so
# that a machine growing slower or faster meanwhile counts on both sides.
mean() { sed -n 's/.*: *\([0-9.]*\) ms en moyenne.*/\1/p' | head -1; }
for l in examples/ddfpt.mission examples/pacte_college.mission; do
	echo "Produire $l en PDF, à froid, vers un fichier nouveau :"
	SOURCE_DATE_EPOCH=1758000000 "$BENCH" cold 200 --neuf build/bench-froid.pdf "$MISSIONC" --stdlib stdlib produire "$l" -o build/bench-froid.pdf -f pdf
	echo "  … et par-dessus la lettre déjà produite :"
	SOURCE_DATE_EPOCH=1758000000 "$BENCH" cold 200 "$MISSIONC" --stdlib stdlib produire "$l" -o build/bench-froid.pdf -f pdf | sed 's/^  /    /'
	[ -n "$FLOOR" ] || continue
	SOURCE_DATE_EPOCH=1758000000 "$MISSIONC" --stdlib stdlib produire "$l" -o build/bench-froid.pdf -f pdf >/dev/null
	python3 bench/pages.py build/polices build/bench-froid.pdf >build/bench-froid-pages.txt
	rm -rf build/bench-froid-plancher
	mkdir -p build/bench-froid-plancher
	echo "  Plancher à froid : ses pages dessinées par libharu seul (bench/bench_floor.c, mêmes polices, même compression), vers un fichier nouveau :"
	"$BENCH" cold 200 --neuf build/bench-froid-plancher/lettre-00001.pdf "$FLOOR" libdeflate 1 build/bench-froid-pages.txt build/bench-froid-plancher | sed 's/^  /    /'
	m=0 f=0
	for r in 1 2 3 4; do
		m=$(echo "$m $(SOURCE_DATE_EPOCH=1758000000 "$BENCH" cold 50 --neuf build/bench-froid.pdf "$MISSIONC" --stdlib stdlib produire "$l" -o build/bench-froid.pdf -f pdf | mean)" | awk '{ print $1 + $2 }')
		f=$(echo "$f $("$BENCH" cold 50 --neuf build/bench-froid-plancher/lettre-00001.pdf "$FLOOR" libdeflate 1 build/bench-froid-pages.txt build/bench-froid-plancher | mean)" | awk '{ print $1 + $2 }')
	done
	echo "$m $f" | awk '{ printf "  tour à tour (4 × 50 lancements chacun) : missionc %.3f ms, plancher %.3f ms, soit %.2f fois le plancher à froid\n", $1 / 4, $2 / 4, $1 / $2 }'
done
rm -rf build/bench-froid.pdf build/bench-froid-pages.txt build/bench-froid-plancher
python3 bench/lsp.py "$MISSIONC" 200
RENDER=${3:-}
if [ -n "$RENDER" ]; then
	echo "Rendu, en un processus, sur les $(ls examples/*.mission | wc -l) lettres d’exemple tour à tour :"
	"$RENDER" 2000 examples/*.mission
	"$RENDER" 200 tests/rendu/trois_pages.mission | sed -n '1,2p' | sed 's/^/  (lettre de trois pages et plus) /'
	SOURCE_DATE_EPOCH=1758000000 "$MISSIONC" --stdlib stdlib produire examples/ddfpt.mission -o build/bench.pdf >/dev/null
	echo "  PDF de examples/ddfpt.mission : $(wc -c <build/bench.pdf) octets, $(pdfinfo build/bench.pdf | sed -n 's/^Pages: *//p') pages ; polices : $(pdffonts build/bench.pdf | tail -n +3 | awk '{print $1 " (" $(NF-4) " " $(NF-3) ")"}' | tr '\n' ' ')"
fi
if [ -n "$FLOOR" ]; then
	ROWS=${BENCH_LIGNES:-40000}
	# Every batch writes into a new folder, all deleted at the end: emptying a
	# folder of 40 000 files just before a run slows ext4's inode allocation
	# for it (PDF-NOTES).
	rm -rf build/bench
	mkdir -p build/bench
	echo "Lots (missionc lot) : $ROWS lettres du Pacte, export généré par tests/gen-rh.py (graine 1, 2 % de lignes fautives)."
	echo "  Temps CPU = utilisateur + système du processus entier (lecture, vérification, rendu, écriture des fichiers) ;"
	echo "  sur une machine partagée, c’est lui qui se compare d’un lancement à l’autre, pas la durée."
	python3 tests/gen-rh.py "$ROWS" --graine 1 --mauvaises 2 >build/bench/rh.csv
	python3 tests/gen-rh.py 1000 --graine 1 --mauvaises 2 >build/bench/rh1000.csv
	# lot FORMAT J CSV DOSSIER [ARGS…] -> « letters wall user sys maxrss bytes »
	lot() {
		f=$1 j=$2 csv=$3 out=$4
		shift 4
		fig=$(SOURCE_DATE_EPOCH=1758000000 "$BENCH" run "$MISSIONC" --stdlib stdlib lot examples/lot/pacte.mission "$csv" \
		    -o "$out" -f "$f" -j "$j" --quiet "$@")
		n=$(grep -c ';produite;' "$out/rapport.csv")
		bytes=$(find "$out" -name "*.$f" -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
		echo "$n $fig $bytes"
	}
	show() { # LABEL « letters wall user sys maxrss bytes »
		echo "$2" | awk -v l="$1" '{ cpu = ($3 + $4) * 1000 / $1
			printf "  %-10s : %6.1f s, %6.0f lettres/s, %.3f ms CPU par lettre (%.3f + %.3f), %5.0f lettres/s par cœur, %4.1f Ko par lettre" ($5 > 0 ? ", %5.1f Mio au plus\n" : "\n"),
			    l, $2, $1 / $2, cpu, $3 * 1000 / $1, $4 * 1000 / $1, 1000 / cpu, $6 / $1 / 1024, $5 / 1024 }'
	}
	for fmt in pdf html md; do
		for j in 1 2; do
			r=$(lot $fmt $j build/bench/rh.csv build/bench/lot-$fmt-$j)
			show "$fmt -j $j" "$r"
			[ "$fmt $j" = "pdf 1" ] && pdf1=$r
		done
	done
	r=$(lot pdf 2 build/bench/rh1000.csv build/bench/lot1000)
	echo "$r" | awk '{ printf "  mémoire maximale, 1 000 lignes, PDF -j 2   : %5.1f Mio\n", $5 / 1024 }'
	r=$(lot pdf 2 build/bench/rh.csv build/bench/lot-noms --nom '{uai}-{nom}-{prenom}')
	echo "$r" | awk -v n="$ROWS" '{ printf "  mémoire maximale, %d lignes, PDF -j 2, --nom '"'"'{uai}-{nom}-{prenom}'"'"' : %5.1f Mio\n", n, $5 / 1024 }'
	# The floor draws the pages of about 200 of the letters just written,
	# spread over the batch, as many letters as missionc wrote, with libharu
	# alone: once with libharu's zlib, once with missionc's compression.
	n=$(echo "$pdf1" | cut -d' ' -f1)
	find build/bench/lot-pdf-1 -name '*.pdf' | sort | awk -v k=$((n / 200 + 1)) 'NR % k == 1' >build/bench/echantillon.txt
	python3 bench/pages.py build/polices $(cat build/bench/echantillon.txt) >build/bench/pages.txt
	echo "Plancher (bench/bench_floor.c) : les pages de $(wc -l <build/bench/echantillon.txt) de ces lettres, $n lettres, libharu seul, un fil :"
	for mode in zlib libdeflate; do
		mkdir -p build/bench/plancher-$mode
		r=$("$FLOOR" $mode "$n" build/bench/pages.txt build/bench/plancher-$mode | awk '{ print $1, $4, $2, $3, 0, $5 }')
		show "$mode" "$r"
		eval "floor_$mode=\$r"
	done
	# The kernel's part (creating the files) is the same work on both sides
	# and what a shared machine makes noisy: the ratio in user time first.
	echo "$pdf1 $floor_zlib $floor_libdeflate" | awk '{
		m = ($3 + $4) / $1; z = ($9 + $10) / $7; d = ($15 + $16) / $13
		mu = $3 / $1; zu = $9 / $7; du = $15 / $13
		printf "  missionc lot, PDF, -j 1, en temps utilisateur : %.3f ms par lettre, soit %.2f fois le plancher à zlib et %.2f fois le plancher à la même compression\n", mu * 1000, mu / zu, mu / du
		printf "    (en temps utilisateur + système : %.3f ms par lettre, %.2f et %.2f fois)\n", m * 1000, m / z, m / d }'
	# What the speed must not cost: the letters the same at -j 1 and -j 2
	# (two runs), and the sample still valid.
	if diff -rq -x '.missionc-*' -x 'rapport*' build/bench/lot-pdf-1 build/bench/lot-pdf-2 >/dev/null; then
		same="identiques, octet pour octet"
	else
		same="DIFFÉRENTES"
	fi
	echo "Lettres PDF de -j 1 et de -j 2 : $same"
	bad=0
	for f in $(cat build/bench/echantillon.txt); do
		qpdf --check "$f" >/dev/null 2>&1 || { echo "  qpdf --check refuse $f"; bad=$((bad + 1)); }
		pdffonts "$f" 2>/dev/null | tail -n +3 | awk '$(NF-4) != "yes" || $(NF-3) != "yes" { exit 1 }' ||
		    { echo "  police non incluse ou non réduite : $f"; bad=$((bad + 1)); }
		pdfinfo "$f" 2>/dev/null | grep -q '^Tagged: *yes' || { echo "  PDF non balisé : $f"; bad=$((bad + 1)); }
		[ -n "$(pdftotext "$f" - 2>/dev/null | tr -d '[:space:]')" ] || { echo "  texte non extractible : $f"; bad=$((bad + 1)); }
	done
	python3 tests/check_pdfa.py $(head -20 build/bench/echantillon.txt) >/dev/null || { echo "  PDF/A-2b : tests/check_pdfa.py refuse une lettre"; bad=$((bad + 1)); }
	echo "Échantillon de $(wc -l <build/bench/echantillon.txt) lettres (qpdf --check, polices incluses et réduites, balisage, texte extractible ; PDF/A-2b sur 20) : $bad défaut(s)"
	rm -rf build/bench
fi
