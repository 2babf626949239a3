#!/bin/sh
# tests/emacs/run.sh — Emacs sans interface, eglot relié à « missionc lsp » par
# editors/emacs/mission-mode.el (tests/emacs/test.el). Sauté, avec un message,
# là où Emacs ou eglot manquent (paquets emacs-nox et elpa-eglot).
set -u
MISSIONC=${MISSIONC:-./missionc}
if ! command -v emacs >/dev/null 2>&1 ||
   ! emacs --batch -q --eval "(require 'eglot)" >/dev/null 2>&1; then
	echo "emacs : Emacs ou eglot absent, test de l’éditeur sauté (apt-get install emacs-nox elpa-eglot)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp tests/nvim/lettre.entree "$tmp/lettre.mission"
mkdir "$tmp/lot"
cp examples/lot/pacte.mission examples/lot/pacte.csv "$tmp/lot/"
# An académie's référentiel in the making, with a mistake (its holder's role),
# in a folder of its own (eglot's project, its server).
mkdir "$tmp/referentiel"
printf '%s\n' 'referentiel essai "Lettre de mission d’essai"' 'source "Circulaire d’essai"' \
	'titulaire agnet' 'role agent "Agent"' >"$tmp/referentiel/essai.mission"
MISSIONC=$(cd "$(dirname "$MISSIONC")" && pwd)/$(basename "$MISSIONC") STDLIB=$(pwd)/stdlib \
RESULTAT=$tmp/resultat LETTRE=$tmp/lettre.mission MODELE=$tmp/lot/pacte.mission \
REFERENTIEL=$tmp/referentiel/essai.mission HOME=$tmp \
	timeout 90 emacs --batch -q -L editors/emacs -l tests/emacs/test.el >"$tmp/sortie" 2>&1
status=$?
cat "$tmp/resultat" 2>/dev/null || { echo "emacs : pas de résultat"; tail -20 "$tmp/sortie"; }
if [ $status != 0 ] || grep -q ÉCHEC "$tmp/resultat" 2>/dev/null; then
	echo "emacs : ÉCHEC (code $status)"
	exit 1
fi
echo "emacs : diagnostic à sa place (lettre et référentiel), mise en forme, complétion des colonnes d’un export et des déclarations d’un référentiel par eglot."
