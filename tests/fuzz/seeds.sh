#!/bin/sh
# seeds.sh — the seed corpus of each fuzzing harness, made from the
# project's own files (examples/, tests/, stdlib/) into DIR/NAME/:
#   verifier  every letter and référentiel (.mission under 64 Kio)
#   rendu     the letters that check (examples/, tests/rendu/)
#   lot       each batch model, a NUL byte, then its data file
#   csv       each data file after a byte that picks the separator (0:
#             detected, 1: « ; », 2: « , », 3: tab; +4: Windows-1252)
#   lsp       JSON-RPC sessions (tests/fuzz/lsp/)
#   format    letters for the formatter (tests/fuzz/format/, and the examples)
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
for f in examples/*.mission tests/rendu/*.mission; do
	cp "$f" "$dir/rendu/$(basename "$f")"
done
for m in examples/lot/*.mission tests/lot/*.mission; do
	[ -f "$m" ] || continue
	for d in "${m%.mission}.csv" tests/lot/mauvaises_lignes.csv; do
		[ -f "$d" ] || continue
		out="$dir/lot/$(basename "$m" .mission)-$(basename "$d" .csv)"
		{ cat "$m"; printf '\000'; head -c 16384 "$d"; } >"$out"
	done
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
for r in tests/fuzz/regressions/*/*; do
	[ -f "$r" ] || continue
	h=$(basename "$(dirname "$r")")
	mkdir -p "$dir/$h"
	cp "$r" "$dir/$h/regression-$(basename "$r")"
done
