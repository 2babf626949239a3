#!/bin/sh
# tests/ale/run.sh — un troisième vrai éditeur : Vim et ALE, reliés à
# « missionc lsp » par editors/vim/ale_linters (tests/ale/test.vim), dans un
# pseudo-terminal (tests/ale/terminal.py). Sauté, avec un message, là où Vim
# ou ALE manquent (paquets vim et vim-ale).
set -u
MISSIONC=${MISSIONC:-./missionc}
ALE=/usr/share/vim/vimfiles/pack/dist-bundle/opt/ale
if ! command -v vim >/dev/null 2>&1 || [ ! -d $ALE ]; then
	echo "ale : Vim ou ALE absent, test de l’éditeur sauté (apt-get install vim vim-ale)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp tests/nvim/lettre.entree "$tmp/lettre.mission"
# An académie's référentiel in the making, with a mistake (its holder's role).
mkdir "$tmp/referentiel"
printf '%s\n' 'referentiel essai "Lettre de mission d’essai"' 'source "Circulaire d’essai"' \
	'titulaire agnet' 'role agent "Agent"' >"$tmp/referentiel/essai.mission"
MISSIONC=$(cd "$(dirname "$MISSIONC")" && pwd)/$(basename "$MISSIONC") STDLIB=$(pwd)/stdlib \
RESULTAT=$tmp/resultat LETTRE=$tmp/lettre.mission REFERENTIEL=$tmp/referentiel/essai.mission HOME=$tmp \
	timeout 60 python3 tests/ale/terminal.py vim -N -u NONE -i NONE -n \
	--cmd "set rtp^=$(pwd)/editors/vim" -S tests/ale/test.vim
status=$?
cat "$tmp/resultat" 2>/dev/null || echo "ale : pas de résultat"
if [ $status != 0 ] || grep -q ÉCHEC "$tmp/resultat" 2>/dev/null; then
	echo "ale : ÉCHEC (code $status)"
	exit 1
fi
version=$(dpkg-query -W -f='${Version}' vim-ale 2>/dev/null)
echo "ale : diagnostic à sa place (lettre et référentiel, corrigé sans être enregistré) et complétion par <C-x><C-o> (mission, déclaration d’un référentiel) avec ALE ${version:-?} dans Vim $(vim --version | sed -n '1s/.*IMproved \([0-9.]*\).*/\1/p')."
