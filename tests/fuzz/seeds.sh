#!/bin/sh
# seeds.sh — the seed corpus of each fuzzing harness, made from the
# project's own files (examples/, tests/, stdlib/) into DIR/NAME/:
#   verifier  every letter and référentiel (.mission under 64 Kio)
#   rendu     the letters that check (examples/, tests/rendu/, its .gen
#             ones) and one the PDF cannot print
#   lot       each batch model, a NUL byte, then its data file; a few HR
#             exports (tests/gen-rh.py, with bad rows) and the cells and
#             headers of tests/fuzz/lot/
#   csv       each data file after a byte that picks the separator (0:
#             detected, 1: « ; », 2: « , », 3: tab; +4: Windows-1252)
#   lsp       JSON-RPC sessions (tests/fuzz/lsp/)
#   format    letters for the formatter (tests/fuzz/format/, and the examples)
#   modele    each template of templates/ and tests/modeles/: its modele.conf,
#             a NUL byte, its style sheet, a NUL byte, its logo.png
#   cli       command lines (one argument a line), a NUL byte, then
#             lettre.mission, donnees.csv and named files (fuzz_cli.c)
# and the inputs that once broke a harness (tests/fuzz/regressions/NAME/),
# replayed at every run.
# Usage: tests/fuzz/seeds.sh DIR
set -eu
dir=${1:-build/fuzz/seeds}
rm -rf "$dir"
mkdir -p "$dir/verifier" "$dir/rendu" "$dir/lot" "$dir/csv"
n=0
for f in $(find examples tests stdlib -path tests/out -prune -o -name '*.mission' -size -64k -print | sort); do
	n=$((n + 1))
	cp "$f" "$dir/verifier/$n.mission"
done
for f in examples/*.mission tests/rendu/*.mission tests/bad/caractere_non_imprimable.mission; do
	cp "$f" "$dir/rendu/$(basename "$f")"
done
for g in tests/rendu/*.gen; do
	sh "$g" >"$dir/rendu/$(basename "$g" .gen).mission"
done
for m in examples/lot/*.mission tests/lot/*.mission; do
	[ -f "$m" ] || continue
	for d in "${m%.mission}.csv" tests/lot/mauvaises_lignes.csv; do
		[ -f "$d" ] || continue
		out="$dir/lot/$(basename "$m" .mission)-$(basename "$d" .csv)"
		{ cat "$m"; printf '\000'; head -c 16384 "$d"; } >"$out"
	done
done
cp tests/fuzz/lot/* "$dir/lot/"
for g in 1 2 3; do
	{ cat examples/lot/pacte.mission; printf '\000'
	  python3 tests/gen-rh.py 6 --graine $g --mauvaises 3; } >"$dir/lot/rh-$g"
done
for d in examples/lot/*.csv tests/lot/*.csv; do
	[ -f "$d" ] || continue
	for sep in 000 001 002 004; do
		{ printf "\\$sep"; head -c 16384 "$d"; } >"$dir/csv/$(basename "$d" .csv)-$sep"
	done
done
mkdir -p "$dir/lsp" "$dir/format"
cp tests/fuzz/lsp/* "$dir/lsp/"
cp tests/fuzz/format/* examples/*.mission "$dir/format/"
mkdir -p "$dir/modele"
for t in templates/* tests/modeles/*; do
	[ -d "$t" ] || continue
	{ cat "$t/modele.conf" 2>/dev/null || :; printf '\000'
	  cat "$t/lettre.css" 2>/dev/null || :; printf '\000'
	  cat "$t/logo.png" 2>/dev/null || :; } >"$dir/modele/$(basename "$t")"
done
mkdir -p "$dir/cli"
cli_seed() {   # NAME ARGUMENTS [FILES…]: the arguments, one a line
	out="$dir/cli/$1"; args=$2; shift 2
	printf '%s' "$args" | tr ' ' '\n' >"$out"
	for f in "$@"; do printf '\000' >>"$out"; cat "$f" >>"$out"; done
}
n=0
for f in examples/*.mission; do
	n=$((n + 1))
	cli_seed verifier-$n "verifier lettre.mission" "$f"
	cli_seed produire-$n "produire lettre.mission -f md -o -" "$f"
	cli_seed formater-$n "formater --verifier lettre.mission" "$f"
done
cli_seed json "--diagnostics=json verifier lettre.mission" tests/bad/caractere_non_imprimable.mission
cli_seed sarif "--diagnostics=sarif verifier ." examples/ddfpt.mission
cli_seed html "produire lettre.mission -o lettre.html" examples/mlds.mission
cli_seed pdf "produire lettre.mission" examples/atddf.mission
cli_seed formater "formater lettre.mission" tests/fuzz/format/$(ls tests/fuzz/format | head -1)
for m in examples/lot/*.mission; do
	b=$(basename "$m" .mission)
	cli_seed lot-$b "lot lettre.mission donnees.csv -o sortie -f md --nom {n}" "$m" "${m%.mission}.csv"
done
cli_seed lot-reprendre "lot --reprendre lettre.mission donnees.csv -o . -f html --separateur ;" \
	examples/lot/pacte.mission examples/lot/pacte.csv
cli_seed lister "lister"
cli_seed lister-ddfpt "lister ddfpt"
cli_seed nouveau "nouveau pacte --mission remplacement -o nouvelle.mission"
cli_seed nouveau-verifier "nouveau numerique"
cli_seed expliquer "expliquer fichier_vide"
cli_seed regles "regles"
cli_seed modele "modele"
cli_seed aide "produire --help"
cli_seed version "--version"
for r in tests/fuzz/regressions/*/*; do
	[ -f "$r" ] || continue
	h=$(basename "$(dirname "$r")")
	mkdir -p "$dir/$h"
	cp "$r" "$dir/$h/regression-$(basename "$r")"
done
