#!/bin/sh
# run-sarif.sh — the SARIF output (--diagnostics=sarif) of the examples and of
# every letter of tests/bad/ and tests/diagnostics/ (verifier, and produire for
# two of them), validated against the SARIF 2.1.0 schema (tests/check-sarif.js;
# the schema and ajv come from npm, installed by make deps-test into
# $SARIF_DEPS).
set -u
MISSIONC=${MISSIONC:-./missionc}
SARIF_DEPS=${SARIF_DEPS:-.deps/sarif}
OUT=tests/out/sarif
rm -rf "$OUT" && mkdir -p "$OUT"
"$MISSIONC" --stdlib stdlib --diagnostics=sarif verifier examples >"$OUT/exemples.sarif"
"$MISSIONC" --stdlib stdlib --diagnostics=sarif verifier tests/bad/*.mission >"$OUT/bad.sarif"
"$MISSIONC" --stdlib stdlib --diagnostics=sarif verifier tests/diagnostics >"$OUT/diagnostics.sarif"
"$MISSIONC" --stdlib stdlib --diagnostics=sarif verifier tests/rules >"$OUT/regles.sarif"
"$MISSIONC" --stdlib stdlib --diagnostics=sarif verifier tests/bad/absent.mission >"$OUT/absent.sarif" 2>/dev/null
# produire too: a letter with a warning (produced) and one with an error (not).
"$MISSIONC" --stdlib stdlib --diagnostics=sarif produire tests/diagnostics/civilite_mal_ecrite.mission \
    -o "$OUT/civilite.pdf" >"$OUT/produire.sarif"
"$MISSIONC" --stdlib stdlib --diagnostics=sarif produire tests/bad/ligne_jointe.mission \
    -o "$OUT/ligne_jointe.pdf" >"$OUT/produire_erreur.sarif"
for gen in tests/bad/*.gen; do
	name=$(basename "$gen" .gen)
	sh "$gen" >"$OUT/$name.mission"
	"$MISSIONC" --stdlib stdlib --diagnostics=sarif verifier "$OUT/$name.mission" >"$OUT/$name.sarif"
	rm -f "$OUT/$name.mission"
done
node tests/check-sarif.js "$SARIF_DEPS/node_modules" "$OUT"/*.sarif
status=$?
# Columns in code points of the file as written: « établissement » and
# « Lycée » typed decomposed (e + U+0301) are two code points each before
# the UAI (column 53 for the compiler, which composes them; 55 in the file).
got=$("$MISSIONC" --stdlib stdlib --diagnostics=sarif verifier tests/bad/accents_decomposes_nfd.mission |
    tr -d ' \t\n' | grep -o '"startLine":7,"startColumn":[0-9]*,"endLine":7,"endColumn":[0-9]*')
if [ "$got" != '"startLine":7,"startColumn":55,"endLine":7,"endColumn":65' ]; then
	echo "ÉCHEC : colonnes SARIF d’une lettre aux accents décomposés : $got"
	status=1
fi
exit $status
