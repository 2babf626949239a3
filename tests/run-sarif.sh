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
