#!/bin/sh
# run-sorties.sh — `produire -o` never destroys what it should not: a device
# or a FIFO is written to, never replaced; a letter with errors removes only a
# regular file that missionc could have produced in that format, never the
# source letter, an unrelated file, a folder, a link or a device.
set -u
MISSIONC=${MISSIONC:-./missionc}
OUT=tests/out/sorties
GOOD=examples/ddfpt.mission
BAD=tests/bad/uai_cle_fausse.mission
pass=0
fail=0
export SOURCE_DATE_EPOCH=1758000000

ok() { # $1 = condition result (0 = true), $2 = what
	if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "ÉCHEC : $2"; fi
}

produce() { # arguments of « produire »; stderr in $OUT/err, exit code in $code
	"$MISSIONC" --stdlib stdlib produire "$@" >/dev/null 2>"$OUT/err"
	code=$?
}

rm -rf "$OUT"
mkdir -p "$OUT"

# A FIFO: written to while something reads it, and still a FIFO; a letter
# with errors leaves it alone (and does not block on it).
mkfifo "$OUT/tube"
# (the reader gives up after 20 s: a regression must not hang the tests)
timeout 20 cat "$OUT/tube" >"$OUT/lu.pdf" &
reader=$!
produce "$GOOD" -f pdf -o "$OUT/tube"
wait $reader
ok "$([ $code = 0 ] && [ -p "$OUT/tube" ] && head -c 5 "$OUT/lu.pdf" | grep -q '%PDF-'; echo $?)" \
	"-o FIFO : le PDF passe par le tube, qui reste un tube (code $code)"
produce "$BAD" -f pdf -o "$OUT/tube"
ok "$([ $code = 1 ] && [ -p "$OUT/tube" ]; echo $?)" "lettre en erreur, -o FIFO : le tube reste (code $code)"

# A device: its own null device where the machine allows it (root), never
# /dev/null itself, so that a regression cannot break the machine.
if mknod "$OUT/nul" c 1 3 2>/dev/null; then
	produce "$GOOD" -f pdf -o "$OUT/nul"
	ok "$([ $code = 0 ] && [ -c "$OUT/nul" ]; echo $?)" "-o périphérique : écrit, reste un périphérique (code $code)"
	produce "$BAD" -f md -o "$OUT/nul"
	ok "$([ $code = 1 ] && [ -c "$OUT/nul" ]; echo $?)" "lettre en erreur, -o périphérique : il reste (code $code)"
	ok "$(ls "$OUT" | grep -q '^nul\.'; [ $? = 1 ]; echo $?)" "-o périphérique : aucun fichier temporaire à côté"
else
	echo "périphérique : mknod refusé (pas root), cas sauté"
fi

# The source letter itself, named without .mission: refused before any work,
# whether the letter checks or not.
cp "$BAD" "$OUT/lettre"
produce "$OUT/lettre" -f md -o "$OUT/lettre"
ok "$([ $code = 2 ] && cmp -s "$BAD" "$OUT/lettre"; echo $?)" "lettre en erreur, -o vers sa source : refusé, source intacte (code $code)"
cp "$GOOD" "$OUT/bonne"
produce "$OUT/bonne" -f md -o "$OUT/bonne"
ok "$([ $code = 2 ] && cmp -s "$GOOD" "$OUT/bonne"; echo $?)" "-o vers sa source : refusé, source intacte (code $code)"
ln "$OUT/lettre" "$OUT/autre_nom.md"
produce "$OUT/lettre" -o "$OUT/autre_nom.md"
ok "$([ $code = 2 ] && cmp -s "$BAD" "$OUT/autre_nom.md"; echo $?)" "-o vers un autre nom de la source : refusé (code $code)"

# An unrelated file with the output's name: left as it is.
printf 'mes notes\n' >"$OUT/notes.pdf"
produce "$BAD" -o "$OUT/notes.pdf"
ok "$([ $code = 1 ] && grep -q 'mes notes' "$OUT/notes.pdf" && grep -q 'laissé tel quel' "$OUT/err"; echo $?)" \
	"lettre en erreur, -o vers un fichier étranger : laissé, et dit (code $code)"
printf 'mes notes\n' >"$OUT/notes.md"
produce "$BAD" -o "$OUT/notes.md"
ok "$([ $code = 1 ] && grep -q 'mes notes' "$OUT/notes.md"; echo $?)" "lettre en erreur, -o vers un texte sans titre : laissé (code $code)"

# An empty folder: refused, and still there.
mkdir "$OUT/vide"
produce "$BAD" -f md -o "$OUT/vide"
ok "$([ $code = 2 ] && [ -d "$OUT/vide" ]; echo $?)" "lettre en erreur, -o dossier vide : refusé, dossier intact (code $code)"
produce "$GOOD" -f md -o "$OUT/vide"
ok "$([ $code = 2 ] && [ -d "$OUT/vide" ]; echo $?)" "-o dossier vide : refusé, dossier intact (code $code)"

# A former output of missionc, in each format: removed when the letter no
# longer checks (a stale letter could be signed by mistake).
for fmt in pdf html md; do
	produce "$GOOD" -o "$OUT/ancienne.$fmt"
	produce "$BAD" -o "$OUT/ancienne.$fmt"
	ok "$([ $code = 1 ] && [ ! -e "$OUT/ancienne.$fmt" ]; echo $?)" "lettre en erreur : l’ancienne sortie $fmt est retirée (code $code)"
done

# A link to a former output: stays a link, its target is rewritten; a letter
# with errors removes neither.
produce examples/mlds.mission -o "$OUT/cible.md"
ln -s cible.md "$OUT/lien.md"
produce "$GOOD" -o "$OUT/lien.md"
ok "$([ $code = 0 ] && [ -L "$OUT/lien.md" ] && grep -q 'délégué aux formations' "$OUT/cible.md"; echo $?)" \
	"-o lien : le lien reste, sa cible est réécrite (code $code)"
produce "$BAD" -o "$OUT/lien.md"
ok "$([ $code = 1 ] && [ -L "$OUT/lien.md" ] && [ -f "$OUT/cible.md" ]; echo $?)" "lettre en erreur, -o lien : ni le lien ni sa cible retirés (code $code)"

# Permissions: a new letter gets 0644 less the umask (a service that keeps
# its letters private, umask 077, gets them private), whichever way it is
# written; a letter produced again keeps its file's mode, and so does a
# letter that « formater » rewrites.
for fmt in pdf md; do
	rm -f "$OUT/privee.$fmt"
	(umask 077 && produce "$GOOD" -f $fmt -o "$OUT/privee.$fmt")
	ok "$([ "$(stat -c %a "$OUT/privee.$fmt")" = 600 ]; echo $?)" "umask 077 : lettre $fmt nouvelle en 600 ($(stat -c %a "$OUT/privee.$fmt"))"
	(umask 022 && produce "$GOOD" -f $fmt -o "$OUT/privee.$fmt")
	ok "$([ "$(stat -c %a "$OUT/privee.$fmt")" = 600 ]; echo $?)" "lettre $fmt refaite : garde son mode 600 ($(stat -c %a "$OUT/privee.$fmt"))"
done
rm -f "$OUT/commune.pdf"
(umask 022 && produce "$GOOD" -f pdf -o "$OUT/commune.pdf")
ok "$([ "$(stat -c %a "$OUT/commune.pdf")" = 644 ]; echo $?)" "umask 022 : lettre nouvelle en 644 ($(stat -c %a "$OUT/commune.pdf"))"
chmod 640 "$OUT/commune.pdf"
produce "$GOOD" -f pdf -o "$OUT/commune.pdf"
ok "$([ "$(stat -c %a "$OUT/commune.pdf")" = 640 ]; echo $?)" "lettre refaite : garde son mode 640 ($(stat -c %a "$OUT/commune.pdf"))"
sed 's/$/   /' "$GOOD" >"$OUT/a_mettre_en_forme.mission"
chmod 600 "$OUT/a_mettre_en_forme.mission"
"$MISSIONC" --stdlib stdlib formater "$OUT/a_mettre_en_forme.mission" >/dev/null 2>&1
ok "$(! grep -q ' $' "$OUT/a_mettre_en_forme.mission" && [ "$(stat -c %a "$OUT/a_mettre_en_forme.mission")" = 600 ]; echo $?)" "formater : la lettre garde son mode 600 ($(stat -c %a "$OUT/a_mettre_en_forme.mission"))"
ok "$(ls -a "$OUT" | grep -q '\.tmp$'; [ $? = 1 ]; echo $?)" "permissions : aucun fichier temporaire laissé"

echo "sorties : $pass réussis, $fail échoués"
[ $fail = 0 ]
