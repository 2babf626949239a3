#!/bin/sh
# tests/run-watch.sh — `missionc produire --surveiller` : la lettre est
# reproduite quand elle change (enregistrée comme un éditeur le fait : nouveau
# fichier renommé par-dessus) et quand un référentiel de la bibliothèque change.
set -u
MISSIONC=${MISSIONC:-./missionc}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
cp -r stdlib "$tmp/stdlib"
cp examples/ddfpt.mission "$tmp/lettre.mission"
"$MISSIONC" --stdlib "$tmp/stdlib" produire "$tmp/lettre.mission" -f md --surveiller \
	>"$tmp/sortie" 2>&1 &
pid=$!

# waits (10 s at most) until the Markdown holds $1
attendre() {
	i=0
	while [ $i -lt 100 ]; do
		grep -q "$1" "$tmp/lettre.md" 2>/dev/null && return 0
		sleep 0.1; i=$((i + 1))
	done
	echo "ÉCHEC surveiller : « $1 » jamais produit ($2)"; cat "$tmp/sortie"; exit 1
}

attendre "Préparer la répartition" "première production"
sleep 0.3
sed 's/Préparer la répartition/Préparer la nouvelle répartition/' "$tmp/lettre.mission" >"$tmp/nouveau"
mv "$tmp/nouveau" "$tmp/lettre.mission"
attendre "Préparer la nouvelle répartition" "lettre modifiée"
sed -i "s/Évaluation des moyens d'enseignement nécessaires\./Évaluation des moyens nécessaires (texte révisé)./" \
	"$tmp/stdlib/ddfpt.mission"
attendre "texte révisé" "référentiel modifié"
kill "$pid"; wait "$pid" 2>/dev/null; pid=
echo "surveiller : lettre reproduite après une modification de la lettre et du référentiel."
