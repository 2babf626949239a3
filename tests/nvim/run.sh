#!/bin/sh
# tests/nvim/run.sh — un vrai éditeur : Neovim sans interface, son client LSP
# relié à « missionc lsp » par editors/vim (tests/nvim/test.lua). Sauté, avec
# un message, là où Neovim n’est pas installé (make deps-test l’installe).
set -u
MISSIONC=${MISSIONC:-./missionc}
if ! command -v nvim >/dev/null 2>&1; then
	echo "nvim : Neovim absent, test de l’éditeur sauté (apt-get install neovim)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp tests/nvim/lettre.entree "$tmp/lettre.mission"
mkdir "$tmp/lot"
cp examples/lot/pacte.mission examples/lot/pacte.csv "$tmp/lot/"
# An académie's référentiel in the making, with a mistake (its holder's role).
printf '%s\n' 'referentiel essai "Lettre de mission d’essai"' 'source "Circulaire d’essai"' \
	'titulaire agnet' 'role agent "Agent"' >"$tmp/essai.mission"
MISSIONC=$(cd "$(dirname "$MISSIONC")" && pwd)/$(basename "$MISSIONC") STDLIB=$(pwd)/stdlib \
RESULTAT=$tmp/resultat LETTRE=$tmp/lettre.mission MODELE=$tmp/lot/pacte.mission REFERENTIEL=$tmp/essai.mission HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_STATE_HOME=$tmp \
	timeout 60 nvim --headless -u NONE -i NONE -n --cmd "set rtp^=$(pwd)/editors/vim" \
	-c "luafile tests/nvim/test.lua" >"$tmp/sortie" 2>&1
status=$?
cat "$tmp/resultat" 2>/dev/null || { echo "nvim : pas de résultat"; cat "$tmp/sortie"; }
if [ $status != 0 ] || grep -q ÉCHEC "$tmp/resultat" 2>/dev/null; then
	echo "nvim : ÉCHEC (code $status)"
	exit 1
fi
echo "nvim : diagnostic à sa place (lettre et référentiel), complétion (missions, colonnes d’un export, déclarations d’un référentiel), survol d’un référentiel et mise en forme par le client LSP de Neovim $(nvim --version | head -1 | cut -d' ' -f2)."
