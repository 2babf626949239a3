#!/bin/sh
# run-golden.sh — runs missionc on every tests/<domaine>/<cas>.mission (and on
# the cases that <cas>.gen generates) and compares what it prints with the golden
# files beside it:
#   <cas>.err   the diagnostics (stderr) followed by « code de sortie : N »
#   <cas>.json  when present, the output of --diagnostics=json
# Usage: tests/run-golden.sh [--update]   (--update rewrites the golden files:
# read the diff before committing it).
set -u
MISSIONC=${MISSIONC:-./missionc}
export MISSIONC
OUT=tests/out
update=0
[ "${1:-}" = "--update" ] && update=1
pass=0
fail=0

run() { # $1 = file given to missionc, $2 = golden base name
	# A hang is a failure (code 124), not a stalled CI.
	timeout 120 "$MISSIONC" --stdlib stdlib verifier "$1" >/dev/null 2>"$OUT/actual.err"
	echo "code de sortie : $?" >>"$OUT/actual.err"
	compare "$OUT/actual.err" "$2.err"
	if [ -f "$2.json" ] || { [ $update = 1 ] && [ -f "$2.json-wanted" ]; }; then
		# The référentiels' versions change with every edit of stdlib/:
		# tests/run-aide.sh checks them, the golden files do not hold them.
		timeout 120 "$MISSIONC" --stdlib stdlib --diagnostics=json verifier "$1" 2>/dev/null |
		    sed -E 's/^(\t+"version":\t)"[0-9a-f]{12}"/\1"…"/' >"$OUT/actual.json"
		compare "$OUT/actual.json" "$2.json"
	fi
}

compare() { # $1 = actual, $2 = golden
	if [ $update = 1 ]; then
		cp "$1" "$2"
		pass=$((pass + 1))
	elif [ -f "$2" ] && cmp -s "$1" "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "ÉCHEC : $2"
		if [ -f "$2" ]; then diff -u "$2" "$1" | head -40; else echo "  (fichier attendu absent)"; fi
	fi
}

mkdir -p "$OUT"
for dir in tests/*/; do
	area=$(basename "$dir")
	[ "$area" = unit ] || [ "$area" = out ] || [ "$area" = valides ] && continue
	for gen in "$dir"*.gen; do
		[ -f "$gen" ] || continue
		base=${gen%.gen}
		mkdir -p "$OUT/$area"
		target="$OUT/$area/$(basename "$base").mission"
		sh "$gen" >"$target"
		run "$target" "$base"
	done
	for src in "$dir"*.mission; do
		[ -f "$src" ] || continue
		run "$src" "${src%.mission}"
	done
done

# Inputs that are not letters at all: usage and I/O errors exit with 2.
check_exit() { # $1 = expected code, $2 = description, then the command
	want=$1; what=$2; shift 2
	"$@" >/dev/null 2>"$OUT/io.err"; got=$?
	if [ "$got" = "$want" ] && [ -s "$OUT/io.err" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "ÉCHEC : $what (code $got, attendu $want)"; cat "$OUT/io.err"
	fi
}
check_exit 2 "dossier sans lettre" "$MISSIONC" --stdlib stdlib verifier tests/unit

# Colours: always with --couleur=toujours, never otherwise when not on a
# terminal; a golden file keeps what they look like.
esc=$(printf '\033')
"$MISSIONC" --stdlib stdlib --couleur=toujours verifier tests/bad/uai_cle_fausse.mission >/dev/null 2>"$OUT/actual.err"
echo "code de sortie : $?" >>"$OUT/actual.err"
compare "$OUT/actual.err" tests/diagnostics/couleurs_toujours.out
for opt in --couleur=jamais --couleur=auto; do
	if NO_COLOR= "$MISSIONC" --stdlib stdlib $opt verifier tests/bad/uai_cle_fausse.mission 2>&1 | grep -q "$esc"; then
		fail=$((fail + 1)); echo "ÉCHEC : couleurs avec $opt hors d’un terminal"
	else
		pass=$((pass + 1))
	fi
done
check_exit 2 "--couleur inconnue" "$MISSIONC" --couleur=rouge verifier examples/ddfpt.mission

# JSON: a stdlib given by its absolute path still reads « stdlib/… » (paths
# relative to the current directory).
if "$MISSIONC" --stdlib "$PWD/stdlib" --diagnostics=json verifier tests/rules/ddfpt_duree_max_enfreinte.mission |
    grep -q '"fichier":[[:space:]]*"stdlib/ddfpt.mission"'; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : chemin de la bibliothèque non relatif dans le JSON"
fi

# A référentiel edited by an académie is read, not taken from the trees
# compiled in (compiler/ast_image.h): one changed byte and its mistake is
# reported in it; the same files unchanged check the letter as before.
rm -rf "$OUT/stdlib-modifiee" && cp -r stdlib "$OUT/stdlib-modifiee"
sed -i '5s/^titulaire/)) titulaire/' "$OUT/stdlib-modifiee/ddfpt.mission"
"$MISSIONC" --stdlib "$OUT/stdlib-modifiee" verifier examples/ddfpt.mission >/dev/null 2>"$OUT/actual.err"
got=$?
if [ "$got" = 1 ] && grep -q 'stdlib-modifiee/ddfpt.mission:5:1: erreur: « ) » inattendu ici' "$OUT/actual.err" &&
    grep -q 'referentiel_invalide' "$OUT/actual.err" &&
    "$MISSIONC" --stdlib "$OUT/stdlib-modifiee" verifier examples/pacte_college.mission >/dev/null 2>&1; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : référentiel modifié (code $got)"; cat "$OUT/actual.err"
fi

# `expliquer`: the explanation, a wrong and a right example.
"$MISSIONC" --stdlib stdlib expliquer bloc_non_ouvert >"$OUT/actual.err" 2>&1
echo "code de sortie : $?" >>"$OUT/actual.err"
compare "$OUT/actual.err" tests/diagnostics/expliquer_bloc_non_ouvert.out

# A rule of a référentiel: its sentence, its source and its examples.
for code in ddfpt.duree_max pacte.bilan_destinataire; do
	"$MISSIONC" --stdlib stdlib expliquer "$code" >"$OUT/actual.err" 2>&1
	echo "code de sortie : $?" >>"$OUT/actual.err"
	compare "$OUT/actual.err" "tests/diagnostics/expliquer_$code.out"
done
# A stdlib given by its absolute path: the rule's file still reads « stdlib/… ».
if "$MISSIONC" --stdlib "$PWD/stdlib" expliquer ddfpt.duree_max |
    grep -q '^  Définie dans : stdlib/ddfpt.mission:[0-9]*$'; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : chemin de la règle non relatif dans expliquer"
fi
# French typography of every explanation: no line begins with » : ; ! ?, no
# line ends with « (the wrapping keeps them with their word).
badwrap=""
for code in $(sed -n 's/^DIAG([A-Z_0-9]*, "\([a-z_0-9]*\)".*/\1/p' compiler/diagnostics.def) \
    $("$MISSIONC" --stdlib stdlib regles | sed -n 's/^| `\([a-z_]*\.[a-z_]*\)` |.*/\1/p'); do
	if "$MISSIONC" --stdlib stdlib expliquer "$code" | grep -qE '^ +[»:;!?]( |$)| «$'; then
		badwrap="$badwrap $code"
	fi
done
if [ -z "$badwrap" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : expliquer : ligne commencée par une ponctuation :$badwrap"
fi
# Every rule of every référentiel has a wrong and a right example.
codes=$("$MISSIONC" --stdlib stdlib regles | sed -n 's/^| `\([a-z_]*\.[a-z_]*\)` |.*/\1/p')
nrules=0
missing=""
for code in $codes; do
	nrules=$((nrules + 1))
	text=$("$MISSIONC" --stdlib stdlib expliquer "$code")
	case $text in
	*"Faux :"*"Juste :"*) ;;
	*) missing="$missing $code" ;;
	esac
done
if [ "$nrules" -gt 60 ] && [ -z "$missing" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : règles sans exemple faux et juste ($nrules règles) :$missing"
fi

# A directory: every .mission under it, sorted, each file's standing, then the count.
"$MISSIONC" --stdlib stdlib verifier tests/diagnostics/dossier >/dev/null 2>"$OUT/actual.err"
echo "code de sortie : $?" >>"$OUT/actual.err"
compare "$OUT/actual.err" tests/diagnostics/dossier.err
# Référentiels (tests/referentiels/): `verifier` checks a file that starts with
# « referentiel » as the library loads it. A folder of an académie's own
# (with its commun.mission) is checked in itself; commun.mission as well.
for case in academie commun_fautif; do
	"$MISSIONC" --stdlib stdlib verifier "tests/referentiels/$case" >/dev/null 2>"$OUT/actual.err"
	echo "code de sortie : $?" >>"$OUT/actual.err"
	compare "$OUT/actual.err" "tests/referentiels/$case.err"
done
# Each référentiel of tests/referentiels/ gets from `verifier` exactly the
# diagnostics a letter that uses it gets from the loader (after
# « referentiel_invalide »): the same checks, not a copy of them.
rm -rf "$OUT/stdlib-essais" && cp -r stdlib "$OUT/stdlib-essais"
differ=""
for src in tests/referentiels/*.mission; do
	name=$(basename "$src" .mission)
	cp "$src" "$OUT/stdlib-essais/"
	printf 'lettre selon %s\n' "$name" >"$OUT/essai.mission"
	"$MISSIONC" --stdlib "$OUT/stdlib-essais" verifier "$OUT/essai.mission" 2>&1 >/dev/null |
	    grep "^$OUT/stdlib-essais/$name.mission:" | sort >"$OUT/chargeur.txt"
	"$MISSIONC" --stdlib "$OUT/stdlib-essais" verifier "$OUT/stdlib-essais/$name.mission" 2>&1 >/dev/null |
	    grep "^$OUT/stdlib-essais/$name.mission:" | sort >"$OUT/seul.txt"
	cmp -s "$OUT/chargeur.txt" "$OUT/seul.txt" || differ="$differ $name"
done
if [ -z "$differ" ] && [ -s "$OUT/chargeur.txt" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : référentiels vérifiés seuls autrement que par le chargeur :$differ"
fi
# The library as shipped: every file clean, alone and as a folder.
for ref in stdlib/*.mission; do
	if "$MISSIONC" --stdlib stdlib verifier "$ref" >/dev/null 2>"$OUT/ref.err" && [ ! -s "$OUT/ref.err" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "ÉCHEC : $ref devrait être sans diagnostic"; cat "$OUT/ref.err"
	fi
done
if "$MISSIONC" --stdlib stdlib verifier stdlib >/dev/null 2>"$OUT/ref.err" &&
    [ "$(grep -c '^stdlib/[a-z_]*\.mission.* conforme$' "$OUT/ref.err")" = "$(ls stdlib/*.mission | wc -l)" ] &&
    ! grep -q 'non conforme\|erreur\|avertissement' "$OUT/ref.err"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : verifier stdlib"; cat "$OUT/ref.err"
fi
# A command that needs a letter still says what a référentiel is not.
if ! "$MISSIONC" --stdlib stdlib produire tests/referentiels/debut_sans_faute.mission -o "$OUT/ref.pdf" \
    >/dev/null 2>"$OUT/ref.err" && grep -q '\[pas_une_lettre\]$' "$OUT/ref.err" && [ ! -e "$OUT/ref.pdf" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : produire un référentiel sans pas_une_lettre"; cat "$OUT/ref.err"
fi
check_exit 2 "fichier absent" "$MISSIONC" --stdlib stdlib verifier tests/bad/absent.mission
chmod 000 "$OUT/actual.err" 2>/dev/null
if [ "$(id -u)" != 0 ]; then
	check_exit 2 "fichier illisible" "$MISSIONC" --stdlib stdlib verifier "$OUT/actual.err"
fi
chmod 644 "$OUT/actual.err" 2>/dev/null
check_exit 2 "commande inconnue" "$MISSIONC" compiler x.mission
check_exit 2 "verifier sans fichier" "$MISSIONC" verifier
check_exit 2 "option inconnue" "$MISSIONC" --vite verifier examples/ddfpt.mission
check_exit 2 "bibliothèque absente" "$MISSIONC" --stdlib /nonexistent verifier examples/ddfpt.mission
check_exit 2 "code inconnu" "$MISSIONC" --stdlib stdlib expliquer pas_un_code
check_exit 2 "référentiel inconnu à lister" "$MISSIONC" --stdlib stdlib lister inconnu
check_exit 2 "nouveau n’écrase pas un fichier" "$MISSIONC" --stdlib stdlib nouveau ddfpt -o examples/ddfpt.mission
check_exit 2 "nouveau sans référentiel" "$MISSIONC" --stdlib stdlib nouveau
# A misspelt --mission gets the nearest name; « lister corps » lists the corps.
if "$MISSIONC" --stdlib stdlib nouveau ddfpt --mission organiser_enseignement 2>&1 >/dev/null |
    grep -q "vouliez-vous dire « organiser_enseignements »"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : nouveau --mission mal écrite sans suggestion"
fi
# The skeleton does not know the person yet: its titles too in the epicene form.
if "$MISSIONC" --stdlib stdlib nouveau tne | grep -q "^# Lettre de mission du chargé ou de la chargée de mission" &&
    "$MISSIONC" --stdlib stdlib nouveau tne | grep -q "^# Mission : Chargé ou chargée de mission – Référent ou référente volet formation"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : nouveau : titres du modèle à la forme épicène"
fi
if "$MISSIONC" --stdlib stdlib lister corps | grep -q "^  plp .*professeur de lycée professionnel"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : lister corps"
fi
rm -f "$OUT/nouveau.mission"
if "$MISSIONC" --stdlib stdlib nouveau atddf -o "$OUT/nouveau.mission" &&
    [ -s "$OUT/nouveau.mission" ] && ! ls "$OUT"/nouveau.mission.tmp* >/dev/null 2>&1; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : nouveau -o n’a pas écrit le fichier"
fi

# The Pacte's skeleton says what to write after each mission's name (its
# quantum, or « forfait »), and which action a shared title is.
"$MISSIONC" --stdlib stdlib nouveau pacte >"$OUT/nouveau_pacte.mission"
if grep -A1 "^# Mission : Devoirs faits" "$OUT/nouveau_pacte.mission" | grep -q "Quantum de la fiche : 24 h par part" &&
    grep -A1 "^# Mission : Accompagner les difficultés scolaires — Tutorer" "$OUT/nouveau_pacte.mission" |
    grep -q "Engagement annuel forfaitaire : écrivez « forfait »"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "ÉCHEC : nouveau pacte ne dit pas le quantum ou le forfait de chaque mission"
fi

# Letters the texts allow, at the limits (tests/valides/): no diagnostic at all,
# not even a warning, and exit code 0 — no golden file to bless by mistake.
for v in tests/valides/*.mission; do
	if "$MISSIONC" --stdlib stdlib verifier "$v" >/dev/null 2>"$OUT/valide.err" &&
	    [ ! -s "$OUT/valide.err" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "ÉCHEC : $v devrait être sans diagnostic"; cat "$OUT/valide.err"
	fi
done

# Every example checks clean.
for ex in examples/*.mission; do
	if "$MISSIONC" --stdlib stdlib verifier "$ex" 2>"$OUT/ex.err"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "ÉCHEC : $ex n’est pas conforme"; cat "$OUT/ex.err"
	fi
done

# Every rule of the stdlib has its pair of letters in tests/rules/, and the
# breaking one is reported with the rule's code.
for code in $("$MISSIONC" --stdlib stdlib regles | sed -n 's/^| `\([a-z_0-9]*\.[a-z_0-9]*\)`.*/\1/p'); do
	base="tests/rules/$(echo "$code" | tr . _)"
	if ls "${base}"_enfreinte*.err >/dev/null 2>&1 && ls "${base}"_respectee*.mission >/dev/null 2>&1 &&
	    cat "${base}"_enfreinte*.err | grep -q "\[$code\]"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "ÉCHEC : la règle $code n’a pas sa paire de tests dans tests/rules/"
	fi
done

echo "golden : $pass réussis, $fail échoués"
[ $fail = 0 ]
