#!/bin/sh
# run-batch.sh — the batch tests (`missionc lot`): bad rows reported and the
# good ones rendered (golden rapport.csv), values that stay values, encodings
# and separators that give the same letters, -j and --shard that do not change
# a byte, --reprendre, an interrupted batch that leaves no partial letter, and
# usage errors.
# Usage: tests/run-batch.sh [--update]   (rewrites tests/lot/*.rapport.csv and
# .err: read the diff before committing it).
set -u
MISSIONC=${MISSIONC:-./missionc}
OUT=tests/out/lot
MODEL=examples/lot/pacte.mission
update=0
[ "${1:-}" = "--update" ] && update=1
pass=0
fail=0
export SOURCE_DATE_EPOCH=1758000000

ok() { # $1 = condition result (0 = true), $2 = what
	if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "ÉCHEC : $2"; fi
}

golden() { # $1 = actual file, $2 = golden file
	if [ $update = 1 ]; then cp "$1" "$2"; fi
	if [ -f "$2" ] && cmp -s "$1" "$2"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "ÉCHEC : $2"
		[ -f "$2" ] && diff -u "$2" "$1" | head -30
	fi
}

lot() { # $1 = output folder, then arguments
	dir=$1; shift
	rm -rf "$dir"
	"$MISSIONC" --stdlib stdlib lot "${LOT_MODEL:-$MODEL}" "$@" -o "$dir" --quiet 2>"$dir.err"
	echo "code de sortie : $?" >>"$dir.err"
}

same_letters() { # $1, $2 = folders: the same letters, byte for byte
	diff -r -x 'rapport*' -x '.missionc-*' "$1" "$2" >/dev/null
}

# $1 = output folder, $2 = pid of the batch writing there: SIGTERM as soon as
# its first letter is there (not after a fixed time: 3 000 letters could be
# done within a fixed sleep), then wait for it to end.
stop_at_first_letter() {
	tries=0
	until ls "$1"/*.pdf >/dev/null 2>&1 || [ $tries -ge 200 ]; do
		sleep 0.05; tries=$((tries + 1))
	done
	kill -TERM "$2" 2>/dev/null
	wait "$2" 2>/dev/null
}

partial_letters() { # $1 = folder: how many of its PDF letters are cut short
	n=0
	for f in "$1"/*.pdf; do
		[ -f "$f" ] || continue
		tail -c 6 "$f" | grep -q '%%EOF' || n=$((n + 1))
	done
	echo $n
}

rm -rf "$OUT"
mkdir -p "$OUT"

# Bad rows: each gets its diagnostics, with its line and column; the others
# are rendered; exit 1.
lot "$OUT/mauvaises" tests/lot/mauvaises_lignes.csv -f md
golden "$OUT/mauvaises/rapport.csv" tests/lot/mauvaises_lignes.rapport.csv
golden "$OUT/mauvaises.err" tests/lot/mauvaises_lignes.err
ok "$(ls "$OUT"/mauvaises/*.md | wc -l | grep -qx 4; echo $?)" "mauvaises lignes : les 4 bonnes lignes produites"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["resume"]["produites"]==4 and d["resume"]["ecartees"]==7 and len(d["lignes"])==11' \
    "$OUT/mauvaises/rapport.json" 2>/dev/null
ok $? "rapport.json : lisible, 11 lignes, 4 produites, 7 écartées"
# Without --quiet, the first rejected rows are shown with their place.
"$MISSIONC" --stdlib stdlib lot "$MODEL" tests/lot/mauvaises_lignes.csv -f md -o "$OUT/bavard" 2>"$OUT/bavard.err"
grep -q '^tests/lot/mauvaises_lignes.csv:5: ligne écartée$' "$OUT/bavard.err" &&
    grep -q "^$MODEL:.*\[uai_cle\]" "$OUT/bavard.err"
ok $? "lignes écartées montrées : fichier de données et ligne, puis le diagnostic à sa place dans le modèle"

# A value is a value: quotes, """, }, # and a line end stay text.
grep -q 'D’Artagnan «.*le Gascon.*» } \\# «.*«.*«' "$OUT/mauvaises/lettre-00002.md"
ok $? "une valeur reste une valeur (guillemets, accolade, dièse)"
grep -q 'salle \\#3, «.*B12.*» }' "$OUT/mauvaises/lettre-00002.md"
ok $? "une valeur sur deux lignes reste une valeur"

# No crash, whatever the row or the model (issue 11): each of these crashed
# under ASan. A quoted all-space cell in a bare field; a row with an extra
# field holding an invalid UTF-8 byte; a model with a BOM and a diagnostic at
# its first byte; a référentiel named by a column, with two threads.
no_crash() { # $1 = folder, $2 = codes accepted (« 1 » or « 1|2 »), $3 = what
	code=$(tail -1 "$1.err" | sed 's/.*: //')
	! grep -q 'Sanitizer\|runtime error' "$1.err" && echo "$code" | grep -Eqx "$2"
}
head -1 examples/lot/pacte.csv >"$OUT/espace.csv"
sed -n 2p examples/lot/pacte.csv | sed 's/;24 h;/;" ";/' >>"$OUT/espace.csv"
lot "$OUT/espace" "$OUT/espace.csv" -f md
no_crash "$OUT/espace" 1 && grep -q 'colonne_vide' "$OUT/espace/rapport.csv"
ok $? "cellule « \" \" » dans un champ seul : colonne_vide, pas de plantage"
{ head -1 examples/lot/pacte.csv; sed -n 2p examples/lot/pacte.csv | tr -d '\n'; printf ';\377\n'; } >"$OUT/en_trop.csv"
lot "$OUT/en_trop" "$OUT/en_trop.csv" -f md
no_crash "$OUT/en_trop" 1 && grep -q 'csv_colonnes' "$OUT/en_trop/rapport.csv"
ok $? "champ en trop avec un octet invalide : csv_colonnes, pas de plantage"
printf '\357\273\277lettre selon pacte\nannee 2025-2026\n' >"$OUT/bom.mission"
LOT_MODEL="$OUT/bom.mission" lot "$OUT/bom_modele" examples/lot/pacte.csv -f md
no_crash "$OUT/bom_modele" '[0-2]' && grep -q "^$OUT/bom.mission:1:1: .*modele_sans_champ" "$OUT/bom_modele.err"
ok $? "modèle avec BOM et diagnostic au premier octet : 1:1, pas de plantage"
python3 tests/gen-rh.py 200 --graine 9 --mauvaises 0 | awk 'NR == 1 { print "ref;" $0; next }
	{ print (NR % 7 ? "pacte" : "pacte_inconu") ";" $0 }' >"$OUT/ref.csv"
LOT_MODEL=tests/lot/referentiel_champ.mission lot "$OUT/ref" "$OUT/ref.csv" -f md -j 4
no_crash "$OUT/ref" 1 && grep -q 'referentiel_inconnu' "$OUT/ref/rapport.csv" &&
    [ "$(grep -c ';produite;' "$OUT/ref/rapport.csv")" -gt 150 ]
ok $? "« lettre selon «ref» » avec -j 4 : référentiels chargés avant les fils, pas de plantage"

# Any header an HR export has is a column a field can name (« «N° UAI» »,
# « «Nom d'usage» », « «date-signature» », « «Date.signature» », spaces
# around a header): the cells fill the letter, never the field's own text.
LOT_MODEL=tests/lot/entetes_rh.mission lot "$OUT/entetes" tests/lot/entetes_rh.csv -f md
ok "$([ "$(grep -c ';produite;' "$OUT/entetes/rapport.csv")" = 3 ] &&
    grep -q 'UAI 0130050J' "$OUT/entetes/lettre-00001.md" &&
    grep -q 'Mme Léa Moreau' "$OUT/entetes/lettre-00001.md" &&
    grep -q 'signée le 2025-09-26' "$OUT/entetes/lettre-00001.md" &&
    ! grep -q '«' "$OUT/entetes/lettre-00001.md"; echo $?)" "en-têtes d’export RH (espace, apostrophe, °, tiret, point) : des champs remplis"
# A field that is no column: an error before any row, with a suggestion;
# « ’ » and « ' » are one (the same letters).
sed 's/«Nom d.usage»/«NOM D’USAGE»/' tests/lot/entetes_rh.mission >"$OUT/apostrophe.mission"
LOT_MODEL="$OUT/apostrophe.mission" lot "$OUT/apostrophe" tests/lot/entetes_rh.csv -f md
same_letters "$OUT/entetes" "$OUT/apostrophe"; ok $? "«NOM D’USAGE» va à la colonne « Nom d'usage » (casse, apostrophe)"
sed 's/«Nom d.usage»/«Nom d’usag»/' tests/lot/entetes_rh.mission >"$OUT/faute.mission"
LOT_MODEL="$OUT/faute.mission" lot "$OUT/faute" tests/lot/entetes_rh.csv -f md
ok "$(tail -1 "$OUT/faute.err" | grep -q ': 2$' && grep -q 'colonne_absente' "$OUT/faute.err" &&
    grep -q "vouliez-vous dire « Nom d'usage »" "$OUT/faute.err" &&
    [ -z "$(ls "$OUT/faute" 2>/dev/null)" ]; echo $?)" "champ qui n’est pas une colonne : erreur avant toute ligne, avec une suggestion"
# A title line above the header (« Extraction du 12/09/2025 »): the line
# that is the header is named, with what to do.
{ echo "Extraction Pacte du 12/09/2025;;;"; cat tests/lot/entetes_rh.csv; } >"$OUT/titre.csv"
LOT_MODEL=tests/lot/entetes_rh.mission lot "$OUT/titre" "$OUT/titre.csv" -f md
ok "$(tail -1 "$OUT/titre.err" | grep -q ': 2$' &&
    grep -q "l’en-tête de « $OUT/titre.csv » semble être sa ligne 2 : retirez la ligne qui le précède" "$OUT/titre.err"; echo $?)" \
    "une ligne de titre au-dessus de l’en-tête : la ligne de l’en-tête nommée, code 2"
# A header of thousands of columns (a file that is no export, a line of a
# JSON): the columns the message lists are a few, not all.
python3 -c 'print(";".join("c%d" % i for i in range(20000))); print(";".join("v" * 20000))' >"$OUT/large.csv"
lot "$OUT/large" "$OUT/large.csv" -f md
ok "$(tail -1 "$OUT/large.err" | grep -q ': 2$' && grep -q 'colonnes : c0, c1, .*, … (20.000 colonnes)) \[colonne_absente\]' "$OUT/large.err" &&
    [ "$(wc -c <"$OUT/large.err")" -lt 50000 ]; echo $?)" "en-tête de 20 000 colonnes : le message en cite quelques-unes"
# A model of 30 000 fields: read, bound and filled in a time that grows with
# their number, not its square (each field was looked for among all the
# others, each column among all; more than a minute before).
python3 - "$MODEL" "$OUT" <<'FIN'
import sys
model, out = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
n = 30000
for name, field in (("champs", "c%d"), ("champs_absents", "autre%d")):
    with open(f"{out}/{name}.mission", "w", encoding="utf-8") as f:
        f.write(model.replace('observation "«observation»"', "\n  ".join(
            'observation "' + " ".join("«" + field % j + "»" for j in range(i, i + 10)) + '"'
            for i in range(0, n, 10))))
with open("examples/lot/pacte.csv", encoding="utf-8") as f:
    head, row = f.read().split("\n")[:2]
with open(f"{out}/champs.csv", "w", encoding="utf-8") as f:
    f.write(head + ";" + ";".join("c%d" % i for i in range(n)) + "\n")
    for _ in range(40):
        f.write(row + ";" + ";".join("v" for i in range(n)) + "\n")
FIN
rm -rf "$OUT/champs"
timeout 30 "$MISSIONC" --stdlib stdlib lot "$OUT/champs.mission" "$OUT/champs.csv" -f md -o "$OUT/champs" --quiet 2>"$OUT/champs.err"
ok "$([ $? = 0 ] && [ "$(ls "$OUT"/champs/*.md | wc -l)" = 40 ]; echo $?)" "modèle de 30 000 champs : 40 lettres, en moins de 30 s"
rm -rf "$OUT/champs_absents"
timeout 30 "$MISSIONC" --stdlib stdlib lot "$OUT/champs_absents.mission" "$OUT/champs.csv" -f md -o "$OUT/champs_absents" --quiet 2>"$OUT/champs_absents.err"
ok "$([ $? = 2 ] && grep -q 'trop de diagnostics' "$OUT/champs_absents.err"; echo $?)" "30 000 champs sans colonne : refusé, en moins de 30 s"
# Two columns of one name: refused.
sed '1s/;Date.signature$/;commune/' tests/lot/entetes_rh.csv >"$OUT/double.csv"
lot "$OUT/double" "$OUT/double.csv" -f md
ok "$(tail -1 "$OUT/double.err" | grep -q ': 2$' && grep -q 'colonne_en_double' "$OUT/double.err"; echo $?)" "deux colonnes du même nom : refusées"

# Two columns of one name that the model does not use (an HR export with
# its « Libellé » twice): no matter, the letters are those of the export
# without them (the batch was refused). --nom or --par naming such a column
# would be a guess: refused, code 2.
python3 -c '
import csv, sys
rows = list(csv.reader(open("examples/lot/pacte.csv", encoding="utf-8", newline=""), delimiter=";"))
rows = [r + (["Libellé", "Libellé"] if i == 0 else ["Certifié", "Marseille"]) for i, r in enumerate(rows)]
csv.writer(sys.stdout, delimiter=";", lineterminator="\n").writerows(rows)' >"$OUT/libelles.csv"
lot "$OUT/sans_libelles" examples/lot/pacte.csv -f md
lot "$OUT/libelles" "$OUT/libelles.csv" -f md
lot "$OUT/libelles_nom" "$OUT/libelles.csv" -f md --nom '{libellé}-{n}'
lot "$OUT/libelles_par" "$OUT/libelles.csv" -f md --par Libellé
ok "$(same_letters "$OUT/sans_libelles" "$OUT/libelles" && cmp -s "$OUT/sans_libelles/rapport.csv" "$OUT/libelles/rapport.csv" &&
    grep -q 'code de sortie : 2' "$OUT/libelles_nom.err" && grep -q -- '--nom « {libellé}-{n} » : plusieurs colonnes de l’en-tête s’appellent « libellé »' "$OUT/libelles_nom.err" &&
    grep -q 'code de sortie : 2' "$OUT/libelles_par.err" && grep -q -- '--par « Libellé » : le fichier de données a deux colonnes « Libellé » (colonnes 14 et 15)' "$OUT/libelles_par.err" &&
    [ ! -e "$OUT/libelles_nom" ] && [ ! -e "$OUT/libelles_par" ]; echo $?)" \
    "deux colonnes « Libellé » que le modèle ne prend pas : les lettres de l’export sans elles ; --nom ou --par sur elles : refusé, code 2"
# Encodings and separators: the same letters.
python3 tests/gen-rh.py 60 --graine 7 --mauvaises 0 >"$OUT/utf8.csv"
python3 tests/gen-rh.py 60 --graine 7 --mauvaises 0 --encodage windows-1252 >"$OUT/cp1252.csv"
python3 tests/gen-rh.py 60 --graine 7 --mauvaises 0 --separateur , >"$OUT/virgule.csv"
printf '\357\273\277' | cat - "$OUT/utf8.csv" >"$OUT/bom.csv"
lot "$OUT/utf8" "$OUT/utf8.csv" -f md
ok "$(grep -c ';produite;' "$OUT/utf8/rapport.csv" | grep -qx 60; echo $?)" "60 lignes UTF-8 produites"
lot "$OUT/cp1252" "$OUT/cp1252.csv" -f md --encodage windows-1252
same_letters "$OUT/utf8" "$OUT/cp1252"; ok $? "Windows-1252 : les mêmes lettres"
lot "$OUT/virgule" "$OUT/virgule.csv" -f md
same_letters "$OUT/utf8" "$OUT/virgule"; ok $? "séparateur « , » détecté : les mêmes lettres"
# Excel's « sep=; » first line says the separator: read so, not a header.
{ printf 'sep=,\r\n'; cat "$OUT/virgule.csv"; } >"$OUT/sep.csv"
lot "$OUT/sep" "$OUT/sep.csv" -f md
same_letters "$OUT/utf8" "$OUT/sep" && grep -q '^3;produite;' "$OUT/sep/rapport.csv"
ok $? "première ligne « sep=, » d’Excel : le séparateur dit, les mêmes lettres (lignes comptées)"
# --separateur that is not the file's: the header is one column; said so.
lot "$OUT/sep_faux" "$OUT/virgule.csv" -f md --separateur ";"
ok "$(tail -1 "$OUT/sep_faux.err" | grep -q ': 2$' && grep -q "l’en-tête de « $OUT/virgule.csv » n’a qu’une colonne : son séparateur serait « , »" "$OUT/sep_faux.err"; echo $?)" \
    "--separateur qui n’est pas celui du fichier : l’en-tête d’une seule colonne, le bon séparateur dit"
lot "$OUT/bom" "$OUT/bom.csv" -f md
same_letters "$OUT/utf8" "$OUT/bom"; ok $? "UTF-8 avec BOM : les mêmes lettres"
lot "$OUT/cp1252_sans" "$OUT/cp1252.csv" -f md
same_letters "$OUT/utf8" "$OUT/cp1252_sans" && grep -q 'lu en Windows-1252' "$OUT/cp1252_sans.err"
ok $? "Windows-1252 sans --encodage : reconnu, dit, les mêmes lettres"
lot "$OUT/cp1252_utf8" "$OUT/cp1252.csv" -f md --encodage utf-8
grep -q csv_encodage "$OUT/cp1252_utf8/rapport.csv"; ok $? "Windows-1252 lu comme UTF-8 (--encodage utf-8) : lignes écartées, pas de plantage"
# Mac Roman, as Excel for Mac saves « CSV (Macintosh) » (CR line ends): read
# as Windows-1252 it would print « LŽa » for « Léa » and exit 0. Named, code
# 2, no letter; read with --encodage mac-roman; forced as Windows-1252, a
# byte that is no character there (è ç ê ù) rejects its row, never « � ».
python3 -c 'import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding="utf-8").read().replace("\n", "\r").encode("mac_roman"))' "$OUT/utf8.csv" >"$OUT/mac.csv"
lot "$OUT/mac_sans" "$OUT/mac.csv" -f md
ok "$(tail -1 "$OUT/mac_sans.err" | grep -q ': 2$' && grep -q 'ses accents sont ceux de Mac Roman.*--encodage mac-roman' "$OUT/mac_sans.err" &&
    ! ls "$OUT/mac_sans" 2>/dev/null | grep -q lettre; echo $?)" "export Mac Roman (« CSV (Macintosh) ») sans --encodage : nommé, code 2, aucune lettre « LŽa »"
lot "$OUT/mac" "$OUT/mac.csv" -f md --encodage mac-roman
same_letters "$OUT/utf8" "$OUT/mac"; ok $? "Mac Roman avec --encodage mac-roman : les mêmes lettres"
lot "$OUT/mac_1252" "$OUT/mac.csv" -f md --encodage windows-1252
ok "$(grep -q ';ecartee;.*octet 0x8F, qui n’est aucun caractère en Windows-1252.*\[csv_encodage_windows1252\]' "$OUT/mac_1252/rapport.csv" &&
    grep -q 'ses accents sont ceux de Mac Roman' "$OUT/mac_1252.err" && ! cat "$OUT"/mac_1252/*.md 2>/dev/null | grep -q "$(printf '\357\277\275')"; echo $?)" \
    "Mac Roman forcé en Windows-1252 : dit ; les octets qui n’y sont rien (è, ç, ê, ù) écartent leur ligne, aucune lettre avec « � »"
# Names in capitals (« HÉLÈNE BÉRANGER »), the only accents of the export:
# Mac Roman's È Ô Ê Î are Windows-1252's é ï æ ë, and this export read as
# Windows-1252 gave « HƒLéNE BƒRANGER » with exit 0. Named as Mac Roman,
# code 2; the Windows-1252 export in capitals is read, as UTF-8 gives it.
python3 - "$OUT/utf8.csv" "$OUT" <<'PY2'
import csv, io, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), delimiter=";"))
keep = {rows[0].index(c) for c in ("prenom", "nom")}
for r in rows[1:]:
    for i, c in enumerate(r):
        r[i] = c.upper() if i in keep else c.encode("ascii", "ignore").decode()
out = io.StringIO()
csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
for name, enc, nl in (("majuscules", "utf-8", "\r\n"), ("majuscules_1252", "cp1252", "\r\n"),
                      ("majuscules_mac", "mac_roman", "\r")):
    open(f"{sys.argv[2]}/{name}.csv", "wb").write(out.getvalue().replace("\r\n", nl).encode(enc))
PY2
lot "$OUT/majuscules" "$OUT/majuscules.csv" -f md
lot "$OUT/majuscules_mac" "$OUT/majuscules_mac.csv" -f md
lot "$OUT/majuscules_1252" "$OUT/majuscules_1252.csv" -f md
ok "$(grep -q 'code de sortie : 2' "$OUT/majuscules_mac.err" && grep -q 'ses accents sont ceux de Mac Roman' "$OUT/majuscules_mac.err" &&
    [ ! -e "$OUT/majuscules_mac" ] && grep -q 'lu en Windows-1252' "$OUT/majuscules_1252.err" &&
    grep -q 'code de sortie : 0' "$OUT/majuscules_1252.err" && same_letters "$OUT/majuscules" "$OUT/majuscules_1252" &&
    grep -q ';produite;"[A-Z]*[ÉÈÊËÎÏÔÇ]' "$OUT/majuscules_1252/rapport.csv"; echo $?)" \
    "noms en majuscules (« HÉLÈNE BÉRANGER ») seuls accents : Mac Roman nommé (code 2), Windows-1252 lu, les lettres de l’UTF-8"
lot "$OUT/majuscules_mac_lu" "$OUT/majuscules_mac.csv" -f md --encodage mac-roman
same_letters "$OUT/majuscules" "$OUT/majuscules_mac_lu"; ok $? "noms en majuscules en Mac Roman, --encodage mac-roman : les lettres de l’UTF-8"
# UTF-16 with its BOM, as Excel's « Texte Unicode » saves (cells separated
# by tabs, CRLF), little- or big-endian: read, the same letters as UTF-8
# (it was refused); a lone surrogate is its row's problem. Without a BOM,
# UTF-16 stays refused, named, with what to do.
python3 - "$OUT/utf8.csv" "$OUT" <<'PY2'
import csv, io, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), delimiter=";"))
out = io.StringIO()
csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
t = out.getvalue()
open(f"{sys.argv[2]}/utf16.csv", "wb").write(b"\xff\xfe" + t.encode("utf-16-le"))
open(f"{sys.argv[2]}/utf16be.csv", "wb").write(b"\xfe\xff" + t.encode("utf-16-be"))
open(f"{sys.argv[2]}/utf16_sans_bom.csv", "wb").write(t.encode("utf-16-le"))
# A lone high surrogate in the 3rd row's name.
lines = t.split("\r\n")
data = b"\xff\xfe" + "\r\n".join(lines[:3]).encode("utf-16-le") + b"\r\x00\n\x00"
parts = lines[3].split("\t")
data += "\t".join(parts[:2]).encode("utf-16-le") + b"\t\x00" + parts[2].encode("utf-16-le") + b"\x3d\xd8"
data += ("\t" + "\t".join(parts[3:]) + "\r\n" + "\r\n".join(lines[4:])).encode("utf-16-le")
open(f"{sys.argv[2]}/utf16_seul.csv", "wb").write(data)
PY2
lot "$OUT/utf16" "$OUT/utf16.csv" -f md
lot "$OUT/utf16be" "$OUT/utf16be.csv" -f md --encodage windows-1252
ok "$(same_letters "$OUT/utf8" "$OUT/utf16" && same_letters "$OUT/utf8" "$OUT/utf16be" && cmp -s "$OUT/utf8/rapport.csv" "$OUT/utf16/rapport.csv" &&
    grep -q 'utf16.csv » est en UTF-16 (« Texte Unicode » d’Excel), son BOM le dit : il est lu ainsi$' "$OUT/utf16.err" &&
    grep -q 'il est lu ainsi (--encodage n’y change rien)' "$OUT/utf16be.err"; echo $?)" \
    "UTF-16 avec BOM (« Texte Unicode » d’Excel, tabulations), petit- et gros-boutiste : les lettres et le rapport de l’UTF-8"
lot "$OUT/utf16_seul" "$OUT/utf16_seul.csv" -f md
ok "$(grep -q '^[0-9]*;ecartee;.*colonne « nom » : octet 0xFF invalide en UTF-8.*\[csv_encodage\]' "$OUT/utf16_seul/rapport.csv" &&
    [ "$(grep -c ';produite;' "$OUT/utf16_seul/rapport.csv")" = 59 ]; echo $?)" "UTF-16 : une demi-paire de substitution, sa ligne écartée, les autres produites"
lot "$OUT/utf16_sans_bom" "$OUT/utf16_sans_bom.csv" -f md
ok "$(tail -1 "$OUT/utf16_sans_bom.err" | grep -q ': 2$' && grep -q 'est en UTF-16 : enregistrez-le en CSV UTF-8' "$OUT/utf16_sans_bom.err"; echo $?)" "UTF-16 sans BOM : l’encodage nommé, code 2"
# Classic Mac OS line ends (CR alone): the same letters.
tr '\n' '\r' <"$OUT/utf8.csv" >"$OUT/cr.csv"
lot "$OUT/cr" "$OUT/cr.csv" -f md
same_letters "$OUT/utf8" "$OUT/cr"; ok $? "fins de ligne CR seul (Mac OS classique) : les mêmes lettres"
# Mixed line ends (LF, CRLF, and CR alone, as when rows pasted from an old
# Mac export end a file): each row its own, not two rows merged into one of
# twice the columns, which lost the second person from the report.
python3 -c '
import csv, io, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), delimiter=";"))
out = io.StringIO()
for i, r in enumerate(rows):
    w = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator=("\n", "\r", "\r\n")[i % 3])
    w.writerow(r)
sys.stdout.buffer.write(out.getvalue().encode("utf-8"))' "$OUT/utf8.csv" >"$OUT/mixtes.csv"
lot "$OUT/mixtes" "$OUT/mixtes.csv" -f md
same_letters "$OUT/utf8" "$OUT/mixtes" && cmp -s "$OUT/utf8/rapport.csv" "$OUT/mixtes/rapport.csv"
ok $? "fins de ligne mêlées (LF, CRLF, CR seul) : les mêmes lettres, le même rapport"
# A CR alone in an unquoted cell neither ends nor merges a row; a NUL byte
# is that row's error, never a cut cell; a cell longer than a letter's text
# is refused.
{ head -1 examples/lot/pacte.csv
  sed -n 2p examples/lot/pacte.csv | sed 's/;Moreau;/;Mor\reau;/'
  python3 -c 'import sys; l = open("examples/lot/pacte.csv", encoding="utf-8").read().split("\n")[1]; print(l.replace("Le lundi", "x" * 50001))'
  sed -n 2p examples/lot/pacte.csv; } >"$OUT/octets.csv"
printf 'Mme;Léa;Mo\000reau;certifie;Mathématiques;Collège Henri Barnier;0130050J;Marseille;Mme Nathalie Ferrand;devoirs_faits;24 h;x;2025-09-26\n' >>"$OUT/octets.csv"
lot "$OUT/octets" "$OUT/octets.csv" -f md
ok "$(cut -d';' -f1,2 "$OUT/octets/rapport.csv" | tr -d '\357\273\277' | tr '\n' ' ' | grep -q '^ligne;statut 2;produite 3;ecartee 4;produite 5;ecartee $' &&
    grep -q '^3;ecartee;.*csv_cellule_trop_longue' "$OUT/octets/rapport.csv" &&
    grep -q '^5;ecartee;.*csv_octet_nul' "$OUT/octets/rapport.csv" &&
    grep -q 'Mme Léa Mor eau' "$OUT/octets/lettre-00001.md"; echo $?)" "CR seul dans une cellule, octet nul, cellule de plus de 50 000 caractères : chaque ligne à sa place"

# Exports as a secretary's spreadsheet or an HR tool really writes them (a
# hunt for defects on cases nobody wrote): every bad row alone is lost, with
# its reason, and every other row gives its letter.
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
rows = open("examples/lot/pacte.csv", encoding="utf-8").read().split("\n")
h, lea = rows[0], rows[1]
paul = "M.;Paul;Dupont;certifie;Anglais;Collège Henri Barnier;0130050J;Marseille;Mme Nathalie Ferrand;devoirs_faits;24 h;Mardi.;2025-09-26"
zoe = "Mme;Zoé;Faure;certifie;Lettres;Collège Henri Barnier;0130050J;Marseille;Mme Nathalie Ferrand;devoirs_faits;12 h;Jeudi.;01/09/2025"
def w(name, text, enc="utf-8"):
    open(f"{out}/{name}.csv", "wb").write(text.encode(enc))
# A quote opened and never closed, in the middle of the export.
w("guillemet", "\n".join([h, lea.replace(";Le lundi", ';"Le lundi'), paul, zoe]) + "\n")
# Rows of empty cells a spreadsheet leaves under its table; a separator at
# the end of every row (header too, twice), CRLF.
w("vides", "\r\n".join([h + ";;", lea + ";;", ";" * 14, paul + ";", zoe, ";" * 12, ""]))
# No-break spaces around header names and inside one; around a cell; a
# narrow no-break space between a number and its unit.
e = open("tests/lot/entetes_rh.csv", encoding="utf-8").read().split("\n")
e[0] = ";".join("\u00a0" + c + "\u202f" for c in e[0].replace("Nom d'usage", "Nom\u00a0d'usage").split(";"))
e[1] = e[1].replace(";certifie;", ";certifie\u00a0;").replace(";24 h;", ";24\u202fh;").replace(";Moreau;", ";Moreau\u00a0;")
w("insecables", "\n".join(e))
# Cells that start as a spreadsheet formula.
w("formules", "\n".join([h, lea.replace(";Léa;Moreau;", ';=1+1;"=HYPERLINK(""http://x.y"";""clic"")";')]) + "\n")
# A cell with a character no PDF font has (an escape, an emoji).
w("controle", "\n".join([h, lea.replace(";Moreau;", ";Mo\x1b[31mreau;"), lea.replace(";Léa;", ";Léa 😀;")]) + "\n")
# « 24 12 h » is not one number.
w("nombres", "\n".join([h, lea.replace(";24 h;", ";24 12 h;"), lea.replace(";24 h;", ";24 H;"),
    lea.replace(";24 h;", ";24;")]) + "\n")
# What a spreadsheet leaves instead of a value: its text marker « ' », a
# formula saved as such, an error of a formula (Excel in French and in
# English, LibreOffice), a number with a point; an apostrophe inside a name
# or typographic at its start, a formula in a column the letter does not
# take, are no such thing.
th = h + ";remarques"
tl = lea + ";"
w("tableur", "\n".join([th] + [tl.replace(a, b, 1) for a, b in [
    (";Moreau;", ";'Moreau;"), (";0130050J;", ";'0130050J;"),
    (";Le lundi et le jeudi de 16 h 30 à 17 h 30.;", ";=SOMME(K2:K10);"),
    (";Le lundi et le jeudi de 16 h 30 à 17 h 30.;", ";#N/A;"), (";Moreau;", ";#REF!;"),
    (";24 h;", ";#VALUE!;"), (";Moreau;", ";Err:502;"), (";24 h;", ";24.5 h;"),
    (";24 h;", ";1.250;"), (";Moreau;", ";D'Artagnan;"), (";Moreau;", ";’t Hooft;"),
    (";2025-09-26;", ";2025-09-26;=A1+#REF!"), (";24 h;", ";2,4E+1 h;"), (";24 h;", ";-24 h;"),
    (";0130050J;", ';="0130050J";')]]) + "\n")
# Dates as spreadsheets write them: with a time of midnight (a letter), a
# two-digit year, a day that is not, an Excel serial number (no letter, and
# the column named).
w("dates", "\n".join([h] + [lea.replace(";2025-09-26", ";" + d) for d in
    ["2025-09-26 00:00:00", "26/09/2025 00:00", "26/9/25", "31/02/2025", "45926",
     "2025-09-26T00:00:00", "2025-09-26T14:30:00", "26 septembre 2025", "1er août 2025"]]) + "\n")
# Dates as an export in another language or a display format writes them:
# month first without zeros (« 9/10/2025 », 10 September in American
# English, 9 October in French), Excel's « 26-sept.-25 », a day of the week.
w("dates_export", "\n".join([h] + [lea.replace(";2025-09-26", ";" + d) for d in
    ["9/10/2025", "1/9/2025", "26-sept.-25", "vendredi 26 septembre 2025", "09/10/2025"]]) + "\n")
PY
lot "$OUT/guillemet" "$OUT/guillemet.csv" -f md
ok "$(cut -d';' -f1,2 "$OUT/guillemet/rapport.csv" | tail -n +2 | tr '\n' ' ' | grep -qx '2;ecartee 3;produite 4;produite ' &&
    grep -q '^2;ecartee;.*csv_guillemets' "$OUT/guillemet/rapport.csv" && grep -q 'code de sortie : 1' "$OUT/guillemet.err"; echo $?)" \
    "guillemet jamais fermé : sa ligne écartée, les lignes qu’il avalait produites"
lot "$OUT/vides" "$OUT/vides.csv" -f md
ok "$(cut -d';' -f1,2 "$OUT/vides/rapport.csv" | tail -n +2 | tr '\n' ' ' | grep -qx '2;produite 4;produite 5;produite ' &&
    grep -q 'code de sortie : 0' "$OUT/vides.err"; echo $?)" \
    "lignes de cellules vides sautées, séparateur en fin de ligne (en-tête compris) sans colonne de plus"
LOT_MODEL=tests/lot/entetes_rh.mission lot "$OUT/insecables" "$OUT/insecables.csv" -f md
ok "$([ "$(grep -c ';produite;' "$OUT/insecables/rapport.csv")" = 3 ] && grep -q 'Mme Léa Moreau, professeure' "$OUT/insecables/lettre-00001.md" &&
    grep -q 'Quantum.*24.heures' "$OUT/insecables/lettre-00001.md" && grep -q '^2;produite;"Léa Moreau"' "$OUT/insecables/rapport.csv"; echo $?)" \
    "espaces insécables autour et dans les en-têtes, autour d’une cellule, entre un nombre et son unité"
lot "$OUT/formules" "$OUT/formules.csv" -f md
ok "$(grep -q ";\"'=1+1 =HYPERLINK(\"\"http" "$OUT/formules/rapport.csv" && ! grep -q ';"[=+@-]' "$OUT/formules/rapport.csv"; echo $?)" \
    "rapport.csv : une cellule qui commence comme une formule reste du texte dans le tableur"
"$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/controle.csv" -f pdf -o "$OUT/controle" 2>"$OUT/controle.err"
ok "$([ $? = 1 ] && grep -q '^2;ecartee;.*ligne 2, colonne « nom » : caractère de contrôle U+001B.*\[csv_caractere_controle\]' "$OUT/controle/rapport.csv" &&
    grep -q '^3;ecartee;.*colonne « prenom » à corriger, ligne 3 : le caractère « 😀 » (U+1F600) ne s’imprime pas en PDF.*\[caractere_de_colonne\]' "$OUT/controle/rapport.csv" &&
    grep -q '^missionc: erreur: colonne « prenom », ligne 3 : le caractère .*(U+1F600)' "$OUT/controle.err" && ! grep -q ':1:1: erreur' "$OUT/controle.err"; echo $?)" \
    "caractère de contrôle ou qu’aucune police du PDF n’a, venu d’une cellule : ligne écartée, sans montrer le modèle à un endroit faux"
lot "$OUT/nombres" "$OUT/nombres.csv" -f md
grep -q '^2;ecartee;.*« 24 12 h ».*valeur_de_colonne' "$OUT/nombres/rapport.csv" && grep -q '^3;produite;' "$OUT/nombres/rapport.csv"
ok $? "« 24 12 h » n’est pas un nombre : écartée, pas 2 412 heures ; « 24 H » est 24 heures"
# A value refused where it stands: the message quotes the cell, not the
# field's own name (« argument inattendu : « «heures» » », « écrivez
# « mission «mission» «heures» h » »).
grep -q '^4;ecartee;.*colonne « heures » à corriger : « mission » attend une quantité en heures (h), pas en nombre sans unité.*écrivez « mission devoirs_faits 24 h { »' "$OUT/nombres/rapport.csv" &&
    ! grep -q '« «heures» »' "$OUT/nombres/rapport.csv" && ! grep -q 'devoirs_faits «heures»' "$OUT/nombres/rapport.csv"
ok $? "valeur refusée à sa place : le message cite la cellule (« 24 »), pas le nom du champ"
lot "$OUT/tableur" "$OUT/tableur.csv" -f md
ok "$(cut -d';' -f1,2 "$OUT/tableur/rapport.csv" | tail -n +2 | tr '\n' ' ' | grep -qx '2;ecartee 3;ecartee 4;ecartee 5;ecartee 6;ecartee 7;ecartee 8;ecartee 9;ecartee 10;ecartee 11;produite 12;produite 13;produite 14;ecartee 15;ecartee 16;produite ' &&
    grep -q "^2;ecartee;.*colonne « nom » à corriger, ligne 2 : la cellule « 'Moreau » commence par une apostrophe droite, la marque de texte d’un tableur.*\[marque_de_tableur\]" "$OUT/tableur/rapport.csv" &&
    grep -q "^3;ecartee;.*colonne « uai » à corriger, ligne 3 : la cellule « '0130050J ».*\[marque_de_tableur\]\"$" "$OUT/tableur/rapport.csv" &&
    grep -q '^4;ecartee;.*colonne « observation » à corriger, ligne 4 : « =SOMME(K2:K10) » est une formule du tableur, pas sa valeur.*\[marque_de_tableur\]' "$OUT/tableur/rapport.csv" &&
    grep -q '^5;ecartee;.*colonne « observation » à corriger, ligne 5 : « #N/A » est une erreur de formule du tableur' "$OUT/tableur/rapport.csv" &&
    grep -q '^6;ecartee;.*colonne « nom » à corriger, ligne 6 : « #REF! » est une erreur' "$OUT/tableur/rapport.csv" &&
    grep -q '^7;ecartee;.*colonne « heures » à corriger, ligne 7 : « #VALUE! » est une erreur.*\[marque_de_tableur\]"$' "$OUT/tableur/rapport.csv" &&
    grep -q '^8;ecartee;.*« Err:502 » est une erreur de formule de LibreOffice' "$OUT/tableur/rapport.csv" &&
    grep -q '^9;ecartee;.*colonne « heures » à corriger : « 24.5 h » n’est pas un nombre que la lettre lit : le point y dit la virgule décimale (24.5) ou les milliers (1.250).*\[nombre_de_colonne\]"$' "$OUT/tableur/rapport.csv" &&
    grep -q '^14;ecartee;.*« 2,4E+1 h » n’est pas un nombre que la lettre lit : c’est la notation scientifique.*\[nombre_de_colonne\]"$' "$OUT/tableur/rapport.csv" &&
    grep -q '^15;ecartee;.*« -24 h » n’est pas un nombre que la lettre lit : une quantité s’écrit sans signe.*\[nombre_de_colonne\]"$' "$OUT/tableur/rapport.csv" &&
    grep -q '^10;ecartee;.*« 1.250 » n’est pas un nombre.*\[nombre_de_colonne\]"$' "$OUT/tableur/rapport.csv" &&
    grep -q 'Mme Léa D’Artagnan, professeure' "$OUT/tableur/lettre-00010.md" &&
    grep -q 'Mme Léa ’t Hooft, professeure' "$OUT/tableur/lettre-00011.md" &&
    grep -q '^16;produite;"Léa Moreau";"0130050J";' "$OUT/tableur/rapport.csv" && grep -q 'UAI 0130050J' "$OUT/tableur/lettre-00015.md" &&
    grep -q 'code de sortie : 1' "$OUT/tableur.err" && grep -q '11 lignes écartées' "$OUT/tableur.err" ; echo $?)" \
    "ce qu’un tableur laisse au lieu d’une valeur (apostrophe de texte, formule, #N/A, #REF!, Err:502, nombre à point, notation scientifique, signe) : ligne écartée avec sa colonne, jamais imprimé ; apostrophe au milieu ou typographique, formule d’une colonne que la lettre ne prend pas, ="0130050J" (le texte gardé pour Excel) : produite"
lot "$OUT/dates_export" "$OUT/dates_export.csv" -f md
ok "$(cut -d';' -f1,2 "$OUT/dates_export/rapport.csv" | tail -n +2 | tr '\n' ' ' | grep -qx '2;ecartee 3;ecartee 4;ecartee 5;ecartee 6;produite ' &&
    grep -q '^2;ecartee;.*« 9/10/2025 » n’est pas une date que la lettre lit.*\[date_de_colonne\]' "$OUT/dates_export/rapport.csv" &&
    grep -q '^4;ecartee;.*« 26-sept.-25 » n’est pas une date que la lettre lit.*\[date_de_colonne\]' "$OUT/dates_export/rapport.csv" &&
    grep -q '^5;ecartee;.*« vendredi 26 septembre 2025 » n’est pas une date.*\[date_de_colonne\]' "$OUT/dates_export/rapport.csv" &&
    grep -q 'le 9.octobre.2025' "$OUT/dates_export/lettre-00005.md"; echo $?)" \
    "dates d’un export : jour et mois sans zéro (« 9/10/2025 », le 10 septembre en anglais américain) écartés plutôt que lus le 9 octobre ; « 26-sept.-25 », jour de la semaine : date_de_colonne ; 09/10/2025 : le 9 octobre"
lot "$OUT/dates" "$OUT/dates.csv" -f md
ok "$(cut -d';' -f1,2 "$OUT/dates/rapport.csv" | tail -n +2 | tr '\n' ' ' | grep -qx '2;produite 3;produite 4;ecartee 5;ecartee 6;ecartee 7;produite 8;ecartee 9;ecartee 10;ecartee ' &&
    grep -q '^8;ecartee;.*« 2025-09-26T14:30:00 » n’est pas une date.*date_de_colonne' "$OUT/dates/rapport.csv" &&
    grep -q '^9;ecartee;.*« 26 septembre 2025 » n’est pas une date que la lettre lit : écrivez-la AAAA-MM-JJ ou JJ/MM/AAAA.*date_de_colonne' "$OUT/dates/rapport.csv" &&
    grep -q '^10;ecartee;.*« 1er août 2025 ».*date_de_colonne' "$OUT/dates/rapport.csv" &&
    grep -q '^4;ecartee;.*colonne « date » à corriger : « 26/9/25 » n’est pas une date.*date_de_colonne' "$OUT/dates/rapport.csv" &&
    grep -q '^5;ecartee;.*« 31/02/2025 ».*date_de_colonne' "$OUT/dates/rapport.csv" &&
    grep -q '^6;ecartee;.*colonne « date » à corriger : « le » attend une date' "$OUT/dates/rapport.csv" &&
    grep -q '^6;ecartee;.* | note : colonne « date » à corriger : « 45926 » est un numéro de série de date d’Excel (le 26/09/2025) ; .*\[date_excel\]"$' "$OUT/dates/rapport.csv" &&
    grep -q 'le 26.septembre.2025' "$OUT/dates/lettre-00001.md"; echo $?)" \
    "dates d’un tableur ou d’une base : à minuit (« 00:00 », « T00:00:00 »), lues ; année sur deux chiffres, jour qui n’existe pas, autre heure, date en toutes lettres, numéro de série d’Excel : la colonne et la forme attendue"
# The note on an Excel serial number follows the diagnostic's code
# (date_attendue), not the words of its message: « periode 2025-09-01 ..
# «date» » with 46203 gets it, though « periode » does not say « date ».
sed -e 's/^annee 2025-2026$/periode 2025-09-01 .. «date»/' \
    -e 's/^fait_a "«commune»" le «date»$/fait_a "«commune»" le 2025-09-15/' "$MODEL" >"$OUT/periode_excel.mission"
{ head -1 examples/lot/pacte.csv; sed -n 2p examples/lot/pacte.csv | sed 's/;2025-09-26$/;46203/'; } >"$OUT/periode_excel.csv"
LOT_MODEL="$OUT/periode_excel.mission" lot "$OUT/periode_excel" "$OUT/periode_excel.csv" -f md
ok "$(grep -q '^2;ecartee;.*« periode » attend une date à chaque borne.*\[date_attendue\] | note : colonne « date » à corriger : « 46203 » est un numéro de série de date d’Excel (le 30/06/2026) ; .*\[date_excel\]"$' "$OUT/periode_excel/rapport.csv"; echo $?)" \
    "numéro de série d’Excel à la borne d’une période : la note date_excel, choisie par le code du diagnostic"
# A cell with nothing in it, in a text outside the blocks, is the row's
# error as for a bare field (« Mme Léa » with no name is no letter to send),
# named by its column, not the text's first; in a block, it leaves its
# statement out. A zero-width space is nothing.
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
rows = open("examples/lot/pacte.csv", encoding="utf-8").read().split("\n")
h, lea = rows[0], rows[1]
open(f"{out}/texte_vide.csv", "w", encoding="utf-8").write("\n".join([h,
    lea.replace(";Moreau;", ";;"),
    lea.replace(";Collège Henri Barnier;", "; \u200b\u00a0;"),
    lea.replace(";Le lundi et le jeudi de 16 h 30 à 17 h 30.;", ";;")]) + "\n")
# Control characters a spreadsheet does not show: BEL in a name, C1 U+0085
# in a discipline; a tab in an observation is still a blank.
open(f"{out}/controles.csv", "w", encoding="utf-8").write("\n".join([h,
    lea.replace(";Moreau;", ";Mo\x07reau;"),
    lea.replace(";Mathématiques;", ";Mathé\u0085matiques;"),
    lea.replace(";Le lundi et", ";Le lundi\tet")]) + "\n")
# Excel's « CSV (Macintosh) »: rows end with CR alone, a line break typed in
# a cell is LF; and the LF export of the same rows.
mac = [h, lea.replace(";Le lundi et", ';"Le lundi\net').replace("17 h 30.;", '17 h 30.";'), lea.replace("Léa", "Zoé")]
open(f"{out}/mac_lf.csv", "w", encoding="utf-8", newline="").write("\r".join(mac) + "\r")
open(f"{out}/unix_lf.csv", "w", encoding="utf-8", newline="").write("\n".join(mac) + "\n")
# A header and cells with a zero-width space or a word joiner at their end
# (copied from a web page): the same letters as without.
open(f"{out}/invisibles.csv", "w", encoding="utf-8").write("\n".join([
    h.replace(";prenom;", ";prenom\u200b;").replace(";corps;", ";\u2060corps;"),
    lea.replace(";certifie;", ";certifie\u200b;"), lea.replace("Léa", "Zoé")]) + "\n")
PY
lot "$OUT/texte_vide" "$OUT/texte_vide.csv" -f md
ok "$(cut -d';' -f1,2 "$OUT/texte_vide/rapport.csv" | tail -n +2 | tr '\n' ' ' | grep -qx '2;ecartee 3;ecartee 4;produite ' &&
    grep -q '^2;ecartee;.*colonne « nom » à corriger : la cellule est vide.*\[colonne_vide\]' "$OUT/texte_vide/rapport.csv" &&
    grep -q '^3;ecartee;.*colonne « etablissement » à corriger : la cellule est vide.*\[colonne_vide\]' "$OUT/texte_vide/rapport.csv"; echo $?)" \
    "cellule vide dans un texte hors des blocs : ligne écartée (colonne_vide), à la place du champ ; dans un bloc, omise"
lot "$OUT/controles" "$OUT/controles.csv" -f md
ok "$(cut -d';' -f1,2 "$OUT/controles/rapport.csv" | tail -n +2 | tr '\n' ' ' | grep -qx '2;ecartee 3;ecartee 4;produite ' &&
    grep -q '^2;ecartee;.*ligne 2, colonne « nom » : caractère de contrôle U+0007.*\[csv_caractere_controle\]' "$OUT/controles/rapport.csv" &&
    grep -q '^3;ecartee;.*ligne 3, colonne « discipline » : caractère de contrôle U+0085' "$OUT/controles/rapport.csv" &&
    ! grep -rq '�' "$OUT"/controles/*.md; echo $?)" \
    "caractères de contrôle dans une cellule (BEL, U+0085) : ligne écartée avec sa colonne, aucune lettre avec « � » ; une tabulation permise"
lot "$OUT/unix_lf" "$OUT/unix_lf.csv" -f md
lot "$OUT/mac_lf" "$OUT/mac_lf.csv" -f md
ok "$(same_letters "$OUT/unix_lf" "$OUT/mac_lf" && cmp -s "$OUT/unix_lf/rapport.csv" "$OUT/mac_lf/rapport.csv" &&
    [ "$(grep -c ';produite;' "$OUT/mac_lf/rapport.csv")" = 2 ]; echo $?)" \
    "« CSV (Macintosh) » d’Excel, lignes finies par CR, un retour à la ligne LF dans une cellule : les mêmes lettres"
lot "$OUT/invisibles" "$OUT/invisibles.csv" -f md
ok "$(grep -q 'code de sortie : 0' "$OUT/invisibles.err" && [ "$(grep -c ';produite;' "$OUT/invisibles/rapport.csv")" = 2 ] &&
    ! grep -q "$(printf '\342\200\213')" "$OUT/invisibles/lettre-00001.md"; echo $?)" \
    "espace sans chasse, gluon de mots autour d’un en-tête ou d’une cellule : ôtés comme des espaces"
# Characters pasted from Word, Excel, a web page or a PDF (tests/lot/
# caracteres.py, one row each): in the middle of a cell, one that nobody sees
# (zero-width, joiners, BOM, line and paragraph separators, marks, embeddings
# and isolates of direction, controls) or that no font of the PDF has (emoji,
# CJK, Greek, thin space, a letter in superscript, an accent that composes
# with nothing) rejects the row in PDF, HTML and Markdown alike, with its
# line, its column and the character's name, as verifier refuses that text in
# a .mission; no-break spaces, ’, œ, æ, accents written as letter and mark,
# soft hyphens, the ligatures ﬁ ﬀ… (written as their letters) and the Latin
# letters of docs/pdf.md give the same letter in all three, as verifier takes
# them; in a name, a soft hyphen or a ligature rejects the row; at a cell's
# edges, what nobody sees is trimmed.
mkdir -p "$OUT/caracteres"
python3 tests/lot/caracteres.py ecrire "$OUT/caracteres"
for f in pdf html md; do lot "$OUT/caracteres/$f" "$OUT/caracteres/caracteres.csv" -f $f; done
python3 tests/lot/caracteres.py verifier "$OUT/caracteres" "$MISSIONC"
ok $? "caractères collés (invisibles, de sens, de contrôle, hors des polices ; insécables, ’, œ, accents combinants) : le même sort en PDF, HTML et Markdown, et dans verifier"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); l=[x for x in d["lignes"] if x["ligne"]==2][0]["diagnostics"][0]; assert l["code"]=="caractere_de_colonne" and l["colonne"]=="nom", l' \
    "$OUT/caracteres/md/rapport.json" 2>/dev/null
ok $? "rapport.json : caractere_de_colonne avec sa colonne"
# In a letter of several rows (--par), the row that has it is named.
sed '4s/;En BTS MS, première année\.;/;En BTS MS,\xe2\x80\xa8première année.;/' examples/lot/pacte_par_enseignant.csv >"$OUT/groupe_car.csv"
for f in pdf md; do LOT_MODEL=examples/lot/pacte_par_enseignant.mission lot "$OUT/groupe_car_$f" "$OUT/groupe_car.csv" -f $f; done
ok "$(grep -q '^2;ecartee;.*colonne « observation » à corriger, ligne 4 : séparateur de lignes (U+2028)' "$OUT/groupe_car_pdf/rapport.csv" &&
    [ "$(cut -d';' -f1,2,6 "$OUT/groupe_car_pdf/rapport.csv")" = "$(cut -d';' -f1,2,6 "$OUT/groupe_car_md/rapport.csv")" ]; echo $?)" \
    "une lettre de plusieurs lignes (--par) : la ligne qui a le caractère nommée, en PDF comme en Markdown"
# The model's own text: its error before any row, in every format.
sed 's/^academie "Aix-Marseille"/academie "Aix-\xe2\x80\x8bMarseille"/' examples/lot/pacte.mission >"$OUT/modele_car.mission"
for f in pdf html md; do LOT_MODEL="$OUT/modele_car.mission" lot "$OUT/modele_car_$f" examples/lot/pacte.csv -f $f; done
ok "$(for f in pdf html md; do
	grep -q 'code de sortie : 2' "$OUT/modele_car_$f.err" &&
	    grep -q "^$OUT/modele_car.mission:7:15: erreur: espace sans chasse (U+200B), invisible : retirez-la ; aucune lettre ne la garde \[non_imprimable_en_pdf\]" "$OUT/modele_car_$f.err" &&
	    [ -z "$(ls "$OUT/modele_car_$f" 2>/dev/null)" ] || exit 1
    done; echo $?)" "une espace sans chasse dans un texte du modèle : erreur du modèle (code 2) dans chaque format, aucune lettre"
# Two exports put end to end: the second's header (with its BOM) amid the
# rows is said so, not read as a teacher « prenom nom » of UAI « uai ».
{ cat examples/lot/pacte.csv; printf '\357\273\277'; cat examples/lot/pacte.csv; } >"$OUT/bout_a_bout.csv"
lot "$OUT/bout_a_bout" "$OUT/bout_a_bout.csv" -f md
ok "$(grep -q '^7;ecartee;.*;"ligne 7 du fichier de données : elle répète l’en-tête (deux exports mis bout à bout ?) ; elle est écartée, les lignes qui la suivent sont lues \[csv_entete_repete\]"$' "$OUT/bout_a_bout/rapport.csv" &&
    [ "$(grep -c ';produite;' "$OUT/bout_a_bout/rapport.csv")" = 6 ]; echo $?)" \
    "deux exports bout à bout : l’en-tête répété écarté pour ce qu’il est (csv_entete_repete), les autres lignes lues"
# The total rows a spreadsheet adds under its table (« Total;;;…;60 h »,
# « TOTAL GÉNÉRAL », a sous-total between two établissements, « Nombre
# d’enseignants : 3 »): each left out for what it is, not for its empty
# cells or its one column; a teacher's row whose observation starts with
# « Total » is a letter.
lot "$OUT/totaux" tests/lot/totaux.csv -f md
golden "$OUT/totaux/rapport.csv" tests/lot/totaux.rapport.csv
ok "$([ "$(grep -c ';produite;' "$OUT/totaux/rapport.csv")" = 3 ] && [ "$(grep -c 'csv_ligne_total' "$OUT/totaux/rapport.csv")" = 4 ] &&
    ! grep -q 'colonne_vide\|csv_colonnes' "$OUT/totaux/rapport.csv" && grep -q 'code de sortie : 1' "$OUT/totaux.err"; echo $?)" \
    "lignes de total d’un tableur (Total, TOTAL GÉNÉRAL, sous-total, nombre d’enseignants) : écartées pour ce qu’elles sont, les enseignants produits"
# An export cut short (a copy interrupted, an attachment truncated): its
# last line, with no line end, has a part of its columns or stops inside
# quotes: said so (csv_fin_coupee), not a quote or a column count to fix;
# a last line with all its columns but no line end gives its letter, with a
# word on stderr. A line of one cell in the middle is « 1 colonne ».
python3 - "$OUT" <<'PY2'
import sys
out = sys.argv[1]
rows = open("examples/lot/pacte.csv", encoding="utf-8").read().split("\n")
h, lea = rows[0], rows[1]
zoe = lea.replace("Léa", "Zoé")
for name, last in (("coupe_colonnes", zoe[:40]), ("coupe_guillemets", zoe.replace(";Le lundi", ';"Le lundi')[:-20]),
                   ("coupe_entiere", zoe)):
    open(f"{out}/{name}.csv", "w", encoding="utf-8").write("\n".join([h, lea, "Données provisoires", lea, last]))
PY2
for f in coupe_colonnes coupe_guillemets coupe_entiere; do lot "$OUT/$f" "$OUT/$f.csv" -f md; done
ok "$(grep -q '^5;ecartee;"Zoé Moreau";"";"";"ligne 5 du fichier de données : le fichier s’arrête au milieu de cette ligne, après 6 colonnes sur 13, sans fin de ligne : l’export semble coupé ; refaites-le ou recopiez-le en entier \[csv_fin_coupee\]"$' "$OUT/coupe_colonnes/rapport.csv" &&
    grep -q '^5;ecartee;.*le fichier s’arrête au milieu de cette ligne, dans une cellule entre guillemets, sans fin de ligne.*\[csv_fin_coupee\]"$' "$OUT/coupe_guillemets/rapport.csv" &&
    grep -q '^3;ecartee;.*"ligne 3 : 1 colonne, l’en-tête en a 13 \[csv_colonnes\]"$' "$OUT/coupe_colonnes/rapport.csv" &&
    [ "$(grep -c ';produite;' "$OUT/coupe_colonnes/rapport.csv")" = 2 ] &&
    grep -q '^5;produite;"Zoé Moreau"' "$OUT/coupe_entiere/rapport.csv" &&
    grep -q 'coupe_entiere.csv » ne finit pas par une fin de ligne : sa dernière ligne (ligne 5) a toutes ses colonnes' "$OUT/coupe_entiere.err" &&
    ! grep -q 'ne finit pas par une fin de ligne' "$OUT/coupe_colonnes.err"; echo $?)" \
    "export coupé en route (dernière ligne sans fin, colonnes manquantes ou guillemet ouvert) : csv_fin_coupee ; dernière ligne entière sans fin de ligne : produite, dite ; « 1 colonne »"
# A file of a BOM alone, or a BOM and blank lines (an export saved with no
# row): empty, said so.
printf '\357\273\277' >"$OUT/bom_seul.csv"
printf '\357\273\277\r\n\r\n' >"$OUT/bom_lignes.csv"
printf '\377\376' >"$OUT/bom16_seul.csv"
for f in bom_seul bom_lignes bom16_seul; do lot "$OUT/$f" "$OUT/$f.csv" -f md; done
ok "$(for f in bom_seul bom_lignes bom16_seul; do grep -q 'code de sortie : 2' "$OUT/$f.err" && grep -q "$f.csv » est vide" "$OUT/$f.err" || exit 1; done; echo $?)" \
    "un BOM seul, ou suivi de lignes blanches : « est vide », code 2"
# A header that cannot be read says why, at its line.
{ printf 'sep=;\n'; sed "1s/;nom;/;n$(printf '\007')om;/" examples/lot/pacte.csv; } >"$OUT/entete_controle.csv"
{ sed -n '1s/;nom;/;"nom;/p' examples/lot/pacte.csv; sed -n 2p examples/lot/pacte.csv; } >"$OUT/entete_guillemet.csv"
lot "$OUT/entete_controle" "$OUT/entete_controle.csv" -f md
lot "$OUT/entete_guillemet" "$OUT/entete_guillemet.csv" -f md
ok "$(grep -q 'code de sortie : 2' "$OUT/entete_controle.err" &&
    grep -q 'entete_controle.csv », ligne 2 : l’en-tête (noms des colonnes) a un caractère de contrôle U+0007, invisible dans le tableur, dans sa colonne 3' "$OUT/entete_controle.err" &&
    grep -q 'entete_guillemet.csv », ligne 1 : pas de ligne d’en-tête lisible (noms des colonnes) : guillemet non fermé ou mal placé' "$OUT/entete_guillemet.err"; echo $?)" \
    "en-tête illisible : la raison et sa ligne (caractère de contrôle et sa colonne, guillemet)"
# What is no CSV: said what it is, code 2, nothing written.
printf 'PK\003\004\024\000\006\000binaire' >"$OUT/classeur.csv"
: >"$OUT/vide.csv"
mkdir -p "$OUT/un_dossier.csv"
for f in classeur vide un_dossier; do lot "$OUT/pas_csv_$f" "$OUT/$f.csv" -f md; done
ok "$(grep -q 'code de sortie : 2' "$OUT/pas_csv_classeur.err" && grep -q 'classeur.csv » est un classeur (.xlsx ou .ods), pas un fichier CSV : .*CSV UTF-8' "$OUT/pas_csv_classeur.err" &&
    ! grep -q 'Windows-1252' "$OUT/pas_csv_classeur.err" && [ ! -e "$OUT/pas_csv_classeur" ] &&
    grep -q 'code de sortie : 2' "$OUT/pas_csv_vide.err" && grep -q 'vide.csv » est vide' "$OUT/pas_csv_vide.err" &&
    grep -q 'code de sortie : 2' "$OUT/pas_csv_un_dossier.err" && grep -q 'un_dossier.csv » : c’est un dossier' "$OUT/pas_csv_un_dossier.err"; echo $?)" \
    "un classeur .xlsx, un fichier vide, un dossier donnés pour l’export : dit ce qu’ils sont, code 2"
# An export of its header alone, or of a header and blank lines: said, code 2.
head -n 1 examples/lot/pacte.csv >"$OUT/entete_seul.csv"
{ head -n 1 examples/lot/pacte.csv; printf ';;;;\n\n'; } >"$OUT/entete_blancs.csv"
for f in entete_seul entete_blancs; do lot "$OUT/$f" "$OUT/$f.csv" -f md; done
ok "$(grep -q 'code de sortie : 2' "$OUT/entete_seul.err" &&
    grep -q 'entete_seul.csv » n’a aucune ligne de données sous son en-tête : aucune lettre à produire' "$OUT/entete_seul.err" &&
    grep -q 'code de sortie : 2' "$OUT/entete_blancs.err" && grep -q 'aucune ligne de données' "$OUT/entete_blancs.err"; echo $?)" \
    "export de son seul en-tête (ou d’un en-tête et de lignes blanches) : dit, code 2"
# A UTF-8 export read as Windows-1252 (--encodage windows-1252, as the
# advice for a row in Latin-1 says): its rows with accents are refused, no
# letter with « LÃ©a ».
lot "$OUT/utf8_1252" "$OUT/utf8.csv" -f md --encodage windows-1252
ok "$(grep -q 'csv_encodage_utf8' "$OUT/utf8_1252/rapport.csv" && ! grep -rq 'Ã' "$OUT"/utf8_1252/*.md 2>/dev/null &&
    grep -q 'code de sortie : 1' "$OUT/utf8_1252.err"; echo $?)" \
    "UTF-8 lu en Windows-1252 : les lignes accentuées écartées (csv_encodage_utf8), aucune lettre « LÃ©a »"
# A user's file where a letter would go, a user's rapport.csv in a folder
# that is no batch's yet: never overwritten.
rm -rf "$OUT/siens" "$OUT/siens2"
mkdir -p "$OUT/siens" "$OUT/siens2"
echo "à l’utilisateur" >"$OUT/siens/lettre-00002.md"
echo "à l’utilisateur" >"$OUT/siens2/rapport.csv"
"$MISSIONC" --stdlib stdlib lot "$MODEL" tests/lot/mauvaises_lignes.csv -f md -o "$OUT/siens" --quiet 2>/dev/null
code=$?
ok "$([ $code = 1 ] && grep -qx 'à l’utilisateur' "$OUT/siens/lettre-00002.md" &&
    grep -q '^3;erreur_ecriture;.*« lettre-00002.md » est déjà dans le dossier et ce lot ne l’a pas écrit' "$OUT/siens/rapport.csv" &&
    [ "$(grep -c ';produite;' "$OUT/siens/rapport.csv")" = 3 ]; echo $?)" \
    "un fichier de l’utilisateur au nom d’une lettre : gardé, sa ligne en erreur d’écriture, les autres produites"
"$MISSIONC" --stdlib stdlib lot "$MODEL" tests/lot/mauvaises_lignes.csv -f md -o "$OUT/siens" --quiet 2>/dev/null
ok "$(grep -qx 'à l’utilisateur' "$OUT/siens/lettre-00002.md" && [ "$(grep -c ';produite;' "$OUT/siens/rapport.csv")" = 3 ]; echo $?)" \
    "le même lot relancé : ses lettres refaites, le fichier de l’utilisateur encore gardé"
"$MISSIONC" --stdlib stdlib lot "$MODEL" tests/lot/mauvaises_lignes.csv -f md -o "$OUT/siens2" --quiet 2>"$OUT/siens2.err"
ok "$([ $? = 2 ] && grep -qx 'à l’utilisateur' "$OUT/siens2/rapport.csv" && grep -q 'rapport.csv » n’a pas été écrit par un lot' "$OUT/siens2.err" &&
    [ -z "$(ls "$OUT/siens2" | grep -v '^rapport.csv$')" ]; echo $?)" \
    "un rapport.csv de l’utilisateur dans un dossier neuf : refusé (code 2), gardé, rien d’écrit"

# The generator's bad rows, and only they, are rejected, each for its reason:
# a collège export, and a lycée professionnel one with too many Pacte parts.
python3 tests/gen-rh.py 400 --graine 3 --mauvaises 15 --liste-mauvaises >"$OUT/college.csv" 2>"$OUT/college.bad"
lot "$OUT/college" "$OUT/college.csv" -f md
python3 tests/bad-rows.py "$OUT/college.bad" "$OUT/college/rapport.csv"
ok $? "export de collèges : les lignes fautives écartées, chacune pour sa raison, et elles seules"
python3 tests/gen-rh.py 400 --voie-pro --graine 4 --mauvaises 15 --encodage windows-1252 --separateur , \
    --liste-mauvaises >"$OUT/lp.csv" 2>"$OUT/lp.bad"
LOT_MODEL=examples/lot/pacte_lp.mission lot "$OUT/lp" "$OUT/lp.csv" -f md --encodage windows-1252
python3 tests/bad-rows.py "$OUT/lp.bad" "$OUT/lp/rapport.csv"
ok $? "export de lycées professionnels (Windows-1252, « , ») : trop de parts du Pacte et autres lignes fautives écartées, elles seules"
ok "$(grep -c 'pacte.plafond_voie_professionnelle' "$OUT/lp.bad" | grep -qvx 0; echo $?)" "l’export de lycées professionnels a des lignes à plus de six parts"

# -j and --shard change no byte.
python3 tests/gen-rh.py 120 --graine 11 --mauvaises 8 >"$OUT/rh.csv"
lot "$OUT/j1" "$OUT/rh.csv" -f pdf -j 1
lot "$OUT/j3" "$OUT/rh.csv" -f pdf -j 3
diff -r -x '.missionc-journal' "$OUT/j1" "$OUT/j3" >/dev/null; ok $? "-j 1 et -j 3 : mêmes lettres, même rapport"
# Names beyond Windows-1252 here and there: the extended fonts, loaded by
# each thread at its first letter that needs them, change no byte either.
sed 's/;Béranger;/;Wróblewska-Łęcka;/' "$OUT/rh.csv" >"$OUT/rh_pl.csv"
lot "$OUT/pl1" "$OUT/rh_pl.csv" -f pdf -j 1
lot "$OUT/pl3" "$OUT/rh_pl.csv" -f pdf -j 3
pl=$(grep -l 'LiberationSansExt' "$OUT"/pl1/*.pdf 2>/dev/null | wc -l)
ok "$([ "$pl" -gt 0 ] && diff -r -x '.missionc-journal' "$OUT/pl1" "$OUT/pl3" >/dev/null; echo $?)" \
    "noms polonais : -j 1 et -j 3, mêmes lettres ($pl avec les polices étendues)"
rm -rf "$OUT/shards"
for k in 1 2 3; do
	"$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/rh.csv" -f pdf -o "$OUT/shards" --shard $k/3 --quiet 2>/dev/null
done
same_letters "$OUT/j1" "$OUT/shards"; ok $? "--shard 1/3, 2/3, 3/3 : ensemble, les lettres d’un seul lot"
cmp -s "$OUT/shards/rapport.csv" "$OUT/j1/rapport.csv" && cmp -s "$OUT/shards/rapport.json" "$OUT/j1/rapport.json"
ok $? "--shard : le dernier fini réunit les rapports des tranches en celui d’un seul lot"

# --recueil: one PDF to print per établissement, each letter on an odd page.
PAR=examples/lot/pacte_par_enseignant
{ sed -n '1,5p' $PAR.csv
  sed -n '2,5p' $PAR.csv | sed 's/^A1001/D4004/; s/^B2002/E5005/; s/;0130012T;/;1340800S;/'
  sed -n '6,$p' $PAR.csv; } >"$OUT/recueil.csv"
LOT_MODEL=$PAR.mission lot "$OUT/recueil" "$OUT/recueil.csv" -f pdf --recueil
LOT_MODEL=$PAR.mission lot "$OUT/recueil2" "$OUT/recueil.csv" -f pdf --recueil
ok "$(ls "$OUT"/recueil/recueil-*.pdf | wc -l | grep -qx 2; echo $?)" "--recueil : un recueil par établissement (2)"
for uai in 0130012T 1340800S; do
	r="$OUT/recueil/recueil-$uai.pdf"
	want=0 letters=0
	for f in $(grep ";\"$uai\";\"lettre" "$OUT/recueil/rapport.csv" | cut -d';' -f5 | tr -d '"'); do
		n=$(qpdf --show-npages "$OUT/recueil/$f")
		want=$((want + n + n % 2)) letters=$((letters + 1))
	done
	ok "$([ "$letters" = 2 ] && [ "$(qpdf --show-npages "$r" 2>/dev/null)" = $want ]; echo $?)" \
	    "recueil $uai : pages des lettres et pages blanches ($want)"
	starts=""
	for i in $(seq 1 "$want"); do
		pdftotext -f "$i" -l "$i" "$r" - 2>/dev/null | grep -q '^Page 1 sur' && starts="$starts $i"
	done
	ok "$([ "$(echo $starts | wc -w)" = 2 ] && for i in $starts; do [ $((i % 2)) = 1 ] || exit 1; done; echo $?)" \
	    "recueil $uai : chaque lettre commence sur une page impaire (pages$starts)"
	qpdf --check "$r" >/dev/null 2>&1; ok $? "recueil $uai : qpdf --check sans erreur"
	cmp -s "$r" "$OUT/recueil2/recueil-$uai.pdf"; ok $? "recueil $uai : deux lots, les mêmes octets"
done
printf '\357\273\277uai;lettres;pages;lignes_ecartees;recueil\n"0130012T";2;6;1;"recueil-0130012T.pdf"\n"1340800S";2;6;0;"recueil-1340800S.pdf"\n' |
    cmp -s - "$OUT/recueil/rapport-par-etablissement.csv"
ok $? "rapport-par-etablissement.csv : lettres, pages, lignes écartées et recueil de chaque établissement"
LOT_MODEL=$PAR.mission lot "$OUT/recueil_html" "$OUT/recueil.csv" -f html --recueil
ok "$(grep -q 'code de sortie : 2' "$OUT/recueil_html.err" && grep -q -- '--recueil' "$OUT/recueil_html.err" &&
    [ ! -e "$OUT/recueil_html" ]; echo $?)" "--recueil -f html : erreur d’utilisation (code 2), rien d’écrit"
# libqpdf is loaded by --recueil alone (cli/qpdf_lib.c): missionc is not
# linked against it, and when it cannot be loaded (here an unreadable file
# by its soname, found first) the batch stops before its first letter.
needed=$(readelf -d "$MISSIONC" 2>/dev/null | grep NEEDED)
ok "$(echo "$needed" | grep -q 'libc\.so' && ! echo "$needed" | grep -q libqpdf; echo $?)" \
    "missionc n’est pas lié à libqpdf (readelf -d)"
so=${QPDF_SONAME:-$(objdump -p "$(cc -print-file-name=libqpdf.so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')}
mkdir -p "$OUT/sans_qpdf_lib" && echo "pas une bibliothèque" >"$OUT/sans_qpdf_lib/$so"
LD_LIBRARY_PATH="$OUT/sans_qpdf_lib" LOT_MODEL=$PAR.mission lot "$OUT/sans_qpdf" "$OUT/recueil.csv" -f pdf --recueil
ok "$([ -n "$so" ] && grep -q 'code de sortie : 2' "$OUT/sans_qpdf.err" &&
    grep -q "^missionc lot : --recueil impossible : .*$so.* ne peut être chargée : .*sans --recueil" "$OUT/sans_qpdf.err" &&
    [ ! -e "$OUT/sans_qpdf" ]; echo $?)" "--recueil sans libqpdf chargeable : erreur claire (code 2), rien d’écrit"
LD_LIBRARY_PATH="$OUT/sans_qpdf_lib" LOT_MODEL=$PAR.mission lot "$OUT/sans_qpdf2" "$OUT/recueil.csv" -f pdf
ok "$(grep -q 'code de sortie : [01]$' "$OUT/sans_qpdf2.err" && ls "$OUT"/sans_qpdf2/*.pdf >/dev/null 2>&1; echo $?)" \
    "sans --recueil, un lot n’a pas besoin de libqpdf"
# An export without UAI column: its letters in one bundle « sans UAI ».
sed 's/N° UAI/Code etab/' tests/lot/entetes_rh.mission >"$OUT/sans_uai.mission"
sed '1s/N° UAI/Code etab/' tests/lot/entetes_rh.csv >"$OUT/sans_uai.csv"
LOT_MODEL="$OUT/sans_uai.mission" lot "$OUT/sans_uai" "$OUT/sans_uai.csv" -f pdf --recueil
want=0
for f in "$OUT"/sans_uai/lettre-*.pdf; do n=$(qpdf --show-npages "$f"); want=$((want + n + n % 2)); done
ok "$([ "$want" -gt 0 ] && [ "$(qpdf --show-npages "$OUT/sans_uai/recueil-sans-UAI.pdf" 2>/dev/null)" = $want ] &&
    grep -q '^"sans UAI";[1-9]' "$OUT/sans_uai/rapport-par-etablissement.csv"; echo $?)" \
    "sans colonne UAI : toutes les lettres dans recueil-sans-UAI.pdf ($want pages)"

# One établissement whose UAI is written « 0130012t » on one row: one
# recueil, not two whose names a Windows or macOS share takes for one.
sed '5s/;0130012T;/;0130012t;/' "$OUT/recueil.csv" >"$OUT/recueil_casse.csv"
LOT_MODEL=$PAR.mission lot "$OUT/recueil_casse" "$OUT/recueil_casse.csv" -f pdf --recueil
ok "$([ "$(ls "$OUT"/recueil_casse/recueil-*.pdf | wc -l)" = 2 ] && cmp -s "$OUT/recueil/recueil-0130012T.pdf" "$OUT/recueil_casse/recueil-0130012T.pdf" &&
    grep -q '^"0130012T";2;' "$OUT/recueil_casse/rapport-par-etablissement.csv"; echo $?)" \
    "--recueil : une UAI écrite en minuscule sur une ligne, un seul recueil pour l’établissement"
# Sharded: the bundles by the shard that merges the reports, once.
rm -rf "$OUT/recueil_tr"
"$MISSIONC" --stdlib stdlib lot $PAR.mission "$OUT/recueil.csv" -f pdf -o "$OUT/recueil_tr" --shard 1/2 --recueil --quiet 2>/dev/null
ok "$(! ls "$OUT"/recueil_tr/recueil-* >/dev/null 2>&1; echo $?)" "--shard 1/2 --recueil : pas de recueil avant la fin de toutes les tranches"
"$MISSIONC" --stdlib stdlib lot $PAR.mission "$OUT/recueil.csv" -f pdf -o "$OUT/recueil_tr" --shard 2/2 --recueil --quiet 2>/dev/null
for f in recueil-0130012T.pdf recueil-1340800S.pdf rapport-par-etablissement.csv; do
	cmp -s "$OUT/recueil/$f" "$OUT/recueil_tr/$f"; ok $? "--shard 2/2 --recueil : $f après la réunion des rapports, comme sans tranches"
done

# A later run of the batch whose export has no more letter for an
# établissement: its old recueil is removed, but only when missionc wrote it
# (.missionc-recueils) and nobody changed it since; otherwise kept, with a
# warning. The same export name (the batch's identity), fewer rows.
mkdir -p "$OUT/reduit"
grep -v ';1340800S;' "$OUT/recueil.csv" >"$OUT/reduit/recueil.csv"
relance() { # $1 = folder, then arguments: the reduced export into it again
	dir=$1; shift
	"$MISSIONC" --stdlib stdlib lot $PAR.mission "$OUT/reduit/recueil.csv" -f pdf -o "$dir" --recueil --quiet "$@" \
	    2>"$dir.err"
}
LOT_MODEL=$PAR.mission lot "$OUT/recueil_reduit" "$OUT/reduit/recueil.csv" -f pdf --recueil
cp -r "$OUT/recueil" "$OUT/perime"
relance "$OUT/perime"
ok "$([ ! -e "$OUT/perime/recueil-1340800S.pdf" ] && cmp -s "$OUT/perime/recueil-0130012T.pdf" "$OUT/recueil_reduit/recueil-0130012T.pdf" &&
    cmp -s "$OUT/perime/rapport-par-etablissement.csv" "$OUT/recueil_reduit/rapport-par-etablissement.csv" &&
    ! grep -q attention "$OUT/perime.err"; echo $?)" \
    "--recueil relancé : l’ancien recueil d’un établissement sans lettre retiré, le bilan comme d’un lot neuf"
cp -r "$OUT/recueil" "$OUT/perime_modifie"
echo "%% annoté à la main" >>"$OUT/perime_modifie/recueil-1340800S.pdf"
cp "$OUT/perime_modifie/recueil-1340800S.pdf" "$OUT/annote.pdf"
relance "$OUT/perime_modifie"
ok "$(cmp -s "$OUT/perime_modifie/recueil-1340800S.pdf" "$OUT/annote.pdf" &&
    grep -q '« recueil-1340800S.pdf » .*a changé depuis que missionc l’a écrit : laissé tel quel' "$OUT/perime_modifie.err"; echo $?)" \
    "--recueil relancé : un ancien recueil modifié depuis gardé, avec un avertissement"
echo "le fichier d’un secrétariat" >"$OUT/perime/recueil-1340800S.pdf"
relance "$OUT/perime"
ok "$(grep -qx "le fichier d’un secrétariat" "$OUT/perime/recueil-1340800S.pdf" &&
    grep -q '« recueil-1340800S.pdf » n’a pas été écrit par ce lot : laissé tel quel' "$OUT/perime.err"; echo $?)" \
    "--recueil relancé : un fichier du même nom que missionc n’a pas écrit gardé, avec un avertissement"
# Sharded, into the folder of the sharded run above: the stale recueil stays
# until the last shard merges, which removes it.
relance "$OUT/recueil_tr" --shard 1/2
ok "$([ -e "$OUT/recueil_tr/recueil-1340800S.pdf" ]; echo $?)" "--shard 1/2 relancé : rien de retiré avant la réunion des rapports"
relance "$OUT/recueil_tr" --shard 2/2
ok "$([ ! -e "$OUT/recueil_tr/recueil-1340800S.pdf" ] && cmp -s "$OUT/recueil_tr/recueil-0130012T.pdf" "$OUT/recueil_reduit/recueil-0130012T.pdf" &&
    cmp -s "$OUT/recueil_tr/rapport-par-etablissement.csv" "$OUT/recueil_reduit/rapport-par-etablissement.csv"; echo $?)" \
    "--shard 2/2 relancé : l’ancien recueil retiré, recueils et bilan comme sans tranches"

# --reprendre: only what is missing is produced again.
cp -r "$OUT/j1" "$OUT/reprise"
rm "$OUT/reprise/lettre-00003.pdf" "$OUT/reprise/lettre-00050.pdf"
"$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/rh.csv" -f pdf -o "$OUT/reprise" --reprendre --quiet 2>/dev/null
same_letters "$OUT/j1" "$OUT/reprise"; ok $? "--reprendre : les lettres manquantes refaites"
ok "$(grep -c ';produite;' "$OUT/reprise/rapport.csv" | grep -qx 2; echo $?)" "--reprendre : deux lettres produites, les autres « deja_produite »"

# An interrupted batch leaves no partial letter: every letter there is whole.
# The signal goes as soon as the first letter is written, not after a fixed
# time: letters got faster, and 3 000 of them could be done within the second
# a fixed sleep gave. One thread, so that the rest takes far longer than the
# wait for the first.
python3 tests/gen-rh.py 3000 --graine 5 --mauvaises 0 >"$OUT/gros.csv"
rm -rf "$OUT/coupe"
"$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/gros.csv" -f pdf -j 1 -o "$OUT/coupe" --quiet 2>"$OUT/coupe.err" &
stop_at_first_letter "$OUT/coupe" $!
partial=$(partial_letters "$OUT/coupe")
ok $partial "lot interrompu : aucune lettre à moitié écrite"
# Nor a half-written report, nor a temporary of a letter being named (where
# O_TMPFILE is not there): the run removes its own before it ends, and says
# what is left to do.
ok "$([ -z "$(ls -a "$OUT/coupe" | grep '\.tmp$')" ] &&
    grep -q '^missionc lot : interrompu ; les lettres déjà écrites sont entières et gardées, le rapport n’est pas écrit : relancez le lot avec --reprendre' "$OUT/coupe.err"; echo $?)" \
    "lot interrompu (SIGTERM) : aucun fichier temporaire laissé, l’interruption dite"
# Ctrl-C, as a terminal sends it (a background job of sh ignores SIGINT).
python3 - "$MISSIONC" "$MODEL" "$OUT" <<'PY'
import glob, os, signal, subprocess, sys, time
missionc, model, out = sys.argv[1:4]
d = out + "/ctrl_c"
p = subprocess.Popen([missionc, "--stdlib", "stdlib", "lot", model, out + "/gros.csv", "-f", "pdf", "-j", "2",
                      "-o", d, "--quiet"], stderr=subprocess.PIPE)
for _ in range(400):
    if glob.glob(d + "/*.pdf"):
        break
    time.sleep(0.02)
p.send_signal(signal.SIGINT)
err = p.communicate()[1].decode()
left = [f for f in os.listdir(d) if f.endswith(".tmp")]
cut = [f for f in glob.glob(d + "/*.pdf") if not open(f, "rb").read().rstrip().endswith(b"%%EOF")]
sys.exit(0 if p.returncode == -signal.SIGINT and not left and not cut and "interrompu" in err else 1)
PY
ok $? "Ctrl-C : le lot finit par le signal, sans fichier temporaire ni lettre à moitié écrite"
ok "$([ ! -f "$OUT/coupe/rapport.csv" ] || [ "$(ls "$OUT"/coupe/*.pdf | wc -l)" -lt 3000 ]; echo $?)" "lot interrompu avant la fin"
"$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/gros.csv" -f pdf -o "$OUT/coupe" --reprendre --quiet 2>/dev/null
ok "$(ls "$OUT"/coupe/lettre-*.pdf | wc -l | grep -qx 3000; echo $?)" "--reprendre après interruption : les 3 000 lettres"
ok "$(ls "$OUT/coupe" | grep -c '\.pdf\.' | grep -qx 0; echo $?)" "--reprendre après interruption : plus de fichier temporaire"

# A folder that makes no unnamed file (NFS: O_TMPFILE refused), or no /proc
# to name one by (a chroot): the letters go under a temporary name first, the
# same bytes, and an interrupted run leaves no temporary behind. The shim
# (tests/lot/sans_tmpfile.c) makes the file system so; ASan wants its runtime
# first, the shim does not mind.
shim=$OUT/sans_tmpfile.so
if cc -std=c11 -shared -fPIC -o "$shim" tests/lot/sans_tmpfile.c -ldl 2>"$OUT/shim.err"; then
	lot "$OUT/tmp_ordinaire" tests/lot/mauvaises_lignes.csv -f pdf -j 2
	for sans in tmpfile proc; do
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 MC_SANS=$sans LD_PRELOAD=$shim \
		    lot "$OUT/tmp_$sans" tests/lot/mauvaises_lignes.csv -f pdf -j 2
		ok "$(ls "$OUT/tmp_$sans"/*.pdf >/dev/null 2>&1 &&
		    diff -r -x '.missionc*' -x rapport.json "$OUT/tmp_ordinaire" "$OUT/tmp_$sans" >/dev/null &&
		    [ -z "$(ls -a "$OUT/tmp_$sans" | grep '\.tmp$')" ]; echo $?)" \
		    "sans $sans : les mêmes lettres, écrites sous un nom temporaire, aucun temporaire laissé"
	done
	rm -rf "$OUT/coupe_nfs"
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 MC_SANS=tmpfile LD_PRELOAD=$shim \
	    "$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/gros.csv" -f pdf -j 2 -o "$OUT/coupe_nfs" --quiet 2>"$OUT/coupe_nfs.err" &
	stop_at_first_letter "$OUT/coupe_nfs" $!
	ok "$([ "$(partial_letters "$OUT/coupe_nfs")" = 0 ] &&
	    [ -z "$(ls -a "$OUT/coupe_nfs" | grep '\.tmp$')" ] &&
	    grep -q 'interrompu' "$OUT/coupe_nfs.err"; echo $?)" \
	    "sans O_TMPFILE, lot interrompu : ni lettre à moitié écrite ni temporaire laissé"
else
	echo "(pas de compilateur pour tests/lot/sans_tmpfile.c : test sauté)"
fi

# A run removes only what it made: user files in the folder survive, even
# those named like a temporary (« these.pdf.backup », « export.csv.old123 »).
rm -rf "$OUT/a_soi"
mkdir -p "$OUT/a_soi"
for f in these.pdf.backup export.csv.old123 lettre-00001.pdf.Ab12Cd rapport.csv.XyZ123 .cache; do
	echo "à l’utilisateur" >"$OUT/a_soi/$f"
done
for args in "" "--reprendre" "--shard 1/2" "--shard 2/2"; do
	# shellcheck disable=SC2086
	"$MISSIONC" --stdlib stdlib lot "$MODEL" tests/lot/mauvaises_lignes.csv -f pdf -o "$OUT/a_soi" --quiet $args 2>/dev/null
done
ok "$(for f in these.pdf.backup export.csv.old123 lettre-00001.pdf.Ab12Cd rapport.csv.XyZ123 .cache; do
	grep -q 'à l’utilisateur' "$OUT/a_soi/$f" || echo "$f"; done | grep -c . | grep -qx 0; echo $?)" "les fichiers de l’utilisateur dans le dossier survivent à chaque lot"

# Shards run at once into one folder, as docs/lot.md says: each time, the
# letters of one unsharded run and its report, merged by the last to end.
python3 tests/gen-rh.py 300 --graine 13 --mauvaises 6 >"$OUT/conc.csv"
lot "$OUT/conc_ref" "$OUT/conc.csv" -f md
conc_ok=0
for round in 1 2 3; do
	rm -rf "$OUT/conc"
	for k in 1 2 3 4 5; do
		"$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/conc.csv" -f md -j 1 -o "$OUT/conc" --quiet --shard $k/5 2>"$OUT/conc.$k.err" &
	done
	wait
	same_letters "$OUT/conc_ref" "$OUT/conc" && cmp -s "$OUT/conc_ref/rapport.csv" "$OUT/conc/rapport.csv" &&
	    cmp -s "$OUT/conc_ref/rapport.json" "$OUT/conc/rapport.json" &&
	    [ -z "$(ls -a "$OUT/conc" | grep '\.tmp$')" ] || { conc_ok=1; echo "  tour $round"; }
done
ok $conc_ok "5 tranches en même temps dans un dossier, 3 fois : les lettres et le rapport d’un seul lot"
# Another batch into the same folder is refused, not mixed.
"$MISSIONC" --stdlib stdlib lot "$MODEL" tests/lot/mauvaises_lignes.csv -f md -o "$OUT/conc" --quiet 2>"$OUT/autre.err"
ok "$([ $? = 2 ] && grep -q 'celui d’un autre lot' "$OUT/autre.err" && same_letters "$OUT/conc_ref" "$OUT/conc"; echo $?)" "un autre lot dans le même dossier : refusé, rien de mêlé"

# --reprendre knows a letter by what made it: after a row is removed from the
# export and another edited, exactly the rows whose letter changes are redone.
python3 tests/gen-rh.py 40 --graine 17 --mauvaises 0 >"$OUT/rep.csv"
# Data row 5 removed, data row 9 given other hours.
python3 - "$OUT/rep.csv" "$OUT/rep2.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), delimiter=";"))
h = rows[0].index("heures")
rows[9][h] = "12 h" if rows[9][h] != "12 h" else "24 h"
del rows[5]
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), delimiter=";",
           lineterminator="\n").writerows(rows)
PY
# The new export has the old one's name: it is the same batch.
mkdir -p "$OUT/rep_v1" "$OUT/rep_v2"
cp "$OUT/rep.csv" "$OUT/rep_v1/export.csv"
cp "$OUT/rep2.csv" "$OUT/rep_v2/export.csv"
lot "$OUT/rep_noms" "$OUT/rep_v1/export.csv" -f md --nom '{uai}-{nom}-{prenom}'
"$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/rep_v2/export.csv" -f md --nom '{uai}-{nom}-{prenom}' -o "$OUT/rep_noms" --reprendre --quiet 2>/dev/null
lot "$OUT/rep_neuf" "$OUT/rep_v2/export.csv" -f md --nom '{uai}-{nom}-{prenom}'
differ=0
for f in "$OUT"/rep_neuf/*.md; do cmp -s "$f" "$OUT/rep_noms/${f##*/}" || differ=1; done
ok "$([ $differ = 0 ] && [ "$(grep -c ';produite;' "$OUT/rep_noms/rapport.csv")" = 1 ] &&
    [ "$(grep -c ';deja_produite;' "$OUT/rep_noms/rapport.csv")" = 38 ] &&
    grep ';produite;' "$OUT/rep_noms/rapport.csv" | grep -q '^11;'; echo $?)" "--reprendre, une ligne retirée et une modifiée : la modifiée seule refaite"
# With numbered names, every row after the removed one has another letter.
lot "$OUT/rep_num" "$OUT/rep_v1/export.csv" -f md
"$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/rep_v2/export.csv" -f md -o "$OUT/rep_num" --reprendre --quiet 2>/dev/null
lot "$OUT/rep_num_neuf" "$OUT/rep_v2/export.csv" -f md
rm -f "$OUT/rep_num/lettre-00040.md"   # the last letter of the longer export, not redone
ok "$(same_letters "$OUT/rep_num" "$OUT/rep_num_neuf" && [ "$(grep -c ';deja_produite;' "$OUT/rep_num/rapport.csv")" = 4 ]; echo $?)" \
    "--reprendre, lettres numérotées : aucune lettre d’une autre personne dite « déjà produite »"

# One letter per teacher (« regrouper_par », « pour_chaque_ligne », --par):
# an export with one row per teacher and mission gives one letter per
# teacher with all its missions, checked as a whole (the six parts of the
# voie professionnelle over all the rows); an empty cell leaves its value or
# its statement out.
GROUPE=examples/lot/pacte_par_enseignant
LOT_MODEL=$GROUPE.mission lot "$OUT/groupe" $GROUPE.csv -f md
ok "$(cut -d';' -f1,2 "$OUT/groupe/rapport.csv" | tail -n +2 | tr '\n' ' ' | grep -qx '2;produite 5;produite 6;ecartee ' &&
    grep -q '^6;ecartee;"Karim Haddad".*pacte.plafond_voie_professionnelle.*7 parts' "$OUT/groupe/rapport.csv" &&
    grep -q 'Total — Parts.*: 3' "$OUT/groupe/lettre-00001.md" &&
    [ "$(grep -c '^## Mission' "$OUT/groupe/lettre-00001.md")" = 3 ] &&
    grep -q 'Tutorer un groupe' "$OUT/groupe/lettre-00001.md" &&
    [ "$(grep -c 'Observations et détails' "$OUT/groupe/lettre-00001.md")" = 2 ]; echo $?)" \
    "une lettre par enseignant : ses missions réunies, les règles sur la lettre entière, les cellules vides omises"
LOT_MODEL=$GROUPE.mission lot "$OUT/groupe_j" $GROUPE.csv -f md -j 3
diff -r -x .missionc-journal "$OUT/groupe" "$OUT/groupe_j" >/dev/null; ok $? "une lettre par enseignant : -j 3 ne change rien"
rm -rf "$OUT/groupe_tr"
for k in 1 2; do
	"$MISSIONC" --stdlib stdlib lot $GROUPE.mission $GROUPE.csv -f md -o "$OUT/groupe_tr" --shard $k/2 --quiet 2>/dev/null
done
same_letters "$OUT/groupe" "$OUT/groupe_tr" && cmp -s "$OUT/groupe/rapport.csv" "$OUT/groupe_tr/rapport.csv"
ok $? "une lettre par enseignant : --shard 1/2 et 2/2 font le même lot"
# An export not sorted by the key: the rows met again are refused, not a
# second letter for the same teacher.
{ head -3 $GROUPE.csv; sed -n 5p $GROUPE.csv; sed -n 4p $GROUPE.csv; } >"$OUT/non_trie.csv"
LOT_MODEL=$GROUPE.mission lot "$OUT/non_trie" "$OUT/non_trie.csv" -f md
ok "$(grep -q '^5;ecartee;.*export_non_trie' "$OUT/non_trie/rapport.csv" && [ "$(ls "$OUT/non_trie" | grep -c '\.md$')" = 2 ]; echo $?)" \
    "export non trié par la colonne de regroupement : la ligne revenue écartée"
# A field outside « pour_chaque_ligne » that differs in the rows of one letter.
sed '3s/;Belkacem;/;Belkacem-Roux;/' $GROUPE.csv >"$OUT/differe.csv"
LOT_MODEL=$GROUPE.mission lot "$OUT/differe" "$OUT/differe.csv" -f md
ok "$(grep -q '^2;ecartee;.*colonne « nom » à corriger.*colonne_differente' "$OUT/differe/rapport.csv"; echo $?)" \
    "une cellule qui change dans les lignes d’une même lettre, hors du bloc répété : signalée"
# A matricule with a no-break space after it on one row (invisible in a
# spreadsheet): still that teacher's one letter, not two.
sed '4s/^A1001;/A1001\xc2\xa0;/' $GROUPE.csv >"$OUT/groupe_insecable.csv"
LOT_MODEL=$GROUPE.mission lot "$OUT/groupe_insecable" "$OUT/groupe_insecable.csv" -f md
same_letters "$OUT/groupe" "$OUT/groupe_insecable" && cmp -s "$OUT/groupe/rapport.csv" "$OUT/groupe_insecable/rapport.csv"
ok $? "une espace insécable après un matricule : la même lettre pour l’enseignant, pas deux"
# A broken row (a quote never closed) among the rows of one teacher: no
# letter without its mission, the whole letter is refused with the reason.
sed '3s/;tutorat;/;"tutorat;/' $GROUPE.csv >"$OUT/groupe_casse.csv"
LOT_MODEL=$GROUPE.mission lot "$OUT/groupe_casse" "$OUT/groupe_casse.csv" -f md
ok "$(cut -d';' -f1,2 "$OUT/groupe_casse/rapport.csv" | tail -n +2 | tr '\n' ' ' | grep -qx '2;ecartee 5;produite 6;ecartee ' &&
    grep -q '^2;ecartee;"Yanis Belkacem";.*ligne 3 du fichier de données mal formée' "$OUT/groupe_casse/rapport.csv" &&
    ! grep -q export_non_trie "$OUT/groupe_casse/rapport.csv"; echo $?)" \
    "une ligne cassée parmi celles d’un enseignant : toute sa lettre écartée, pas une lettre sans cette mission"
# --par on the command line; a column that is not there.
sed '/^regrouper_par/d' $GROUPE.mission >"$OUT/sans_regroupement.mission"
LOT_MODEL="$OUT/sans_regroupement.mission" lot "$OUT/par" $GROUPE.csv -f md --par Matricule
same_letters "$OUT/groupe" "$OUT/par"; ok $? "--par COLONNE : comme « regrouper_par » dans le modèle"
LOT_MODEL="$OUT/sans_regroupement.mission" lot "$OUT/par_absente" $GROUPE.csv -f md --par identifiant
ok "$(tail -1 "$OUT/par_absente.err" | grep -q ': 2$' && grep -q -- '--par « identifiant »' "$OUT/par_absente.err"; echo $?)" "--par d’une colonne absente : code 2"

# Names from a pattern: safe and unique.
lot "$OUT/noms" tests/lot/mauvaises_lignes.csv -f md --nom '../{uai}/{nom}'
ok "$(ls "$OUT/noms" | grep '0130050J_.*\.md$' | grep -v '\.\.' | wc -l | grep -qx 4; echo $?)" "--nom : noms sûrs (pas de / ni de ..)"
lot "$OUT/memes" tests/lot/mauvaises_lignes.csv -f md --nom '{uai}'
ok "$(ls "$OUT/memes" | grep -c '^0130050J.*\.md$' | grep -qx 4; echo $?)" "--nom : noms rendus uniques"
# A « {colonne} » of --nom that the header does not have (a typo, an accent)
# would be an empty piece of every name: refused before any letter, with the
# column meant. Case does not count.
lot "$OUT/nom_faute" tests/lot/mauvaises_lignes.csv -f md --nom '{prenon}-{nom}'
ok "$(grep -q 'code de sortie : 2' "$OUT/nom_faute.err" && grep -q -- '--nom « {prenon}-{nom} » : le fichier de données n’a pas de colonne « prenon »' "$OUT/nom_faute.err" &&
    [ ! -e "$OUT/nom_faute" ]; echo $?)" "--nom d’une colonne absente : refusé avant toute lettre (code 2), rien d’écrit"
lot "$OUT/nom_accent" tests/lot/mauvaises_lignes.csv -f md --nom '{Prénom}'
ok "$(grep -q 'code de sortie : 2' "$OUT/nom_accent.err" && grep -q 'pas de colonne « Prénom » ; vouliez-vous dire « {prenom} »' "$OUT/nom_accent.err"; echo $?)" \
    "--nom : la colonne voulue aux accents près, suggérée"
lot "$OUT/nom_casse" tests/lot/mauvaises_lignes.csv -f md --nom '{UAI}-{Nom}'
ok "$(ls "$OUT/nom_casse" | grep -c '^0130050J-.*\.md$' | grep -qx 4; echo $?)" "--nom : une colonne en d’autres majuscules est la colonne"

# Names unique as a Windows or macOS share sees them: case, NFC and NFD are
# one name; Windows' device names get a « _ ».
python3 - "$OUT/casse.csv" <<'PY'
import csv, sys, unicodedata
rows = list(csv.reader(open("examples/lot/pacte.csv", encoding="utf-8", newline=""), delimiter=";"))
n = rows[0].index("nom")
out = [rows[0]]
for name in ["Dupont", "DUPONT", unicodedata.normalize("NFC", "Élie"), unicodedata.normalize("NFD", "Élie"), "CON", "nul", "Lpt1"]:
    r = list(rows[1]); r[n] = name; out.append(r)
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""), delimiter=";", lineterminator="\n").writerows(out)
PY
lot "$OUT/casse" "$OUT/casse.csv" -f md --nom '{nom}'
ok "$(ls "$OUT/casse" | LC_ALL=C sort | tr '\n' ' ' | grep -qx 'DUPONT-2.md Dupont.md _CON.md _Lpt1.md _nul.md rapport.csv rapport.json Élie-2.md Élie.md '; echo $?)" \
    "--nom : Dupont/DUPONT, NFC/NFD, CON, nul : des noms distincts pour un partage Windows ou macOS"

# A path longer than the system takes is that row's error, never a name cut
# short: 16 folders of 250 characters, then names of about 100.
long="$OUT/long"
for i in $(seq 1 16); do long="$long/$(printf 'd%.0s' $(seq 1 250))"; done
"$MISSIONC" --stdlib stdlib lot "$MODEL" examples/lot/pacte.csv -f md -o "$long" --quiet \
    --nom '{etablissement}-{nom}-{prenom}-{discipline}-{commune}-{chef}' 2>/dev/null
code=$?
ok "$([ $code = 1 ] && [ "$(grep -c ';erreur_ecriture;.*nom de fichier trop long \[ecriture_impossible\]' "$long/rapport.csv")" = 3 ] &&
    [ "$(ls "$long" | grep -vc '^rapport')" = 0 ]; echo $?)" "chemin trop long : erreur d’écriture de la ligne, aucun nom coupé (code $code)"
rm -rf "$OUT/long"

# A letter that cannot be written (its name is taken by a folder): that row
# is « erreur_ecriture » with the reason, the others are produced, exit 1.
rm -rf "$OUT/ecriture"
mkdir -p "$OUT/ecriture/lettre-00002.md"
"$MISSIONC" --stdlib stdlib lot "$MODEL" tests/lot/mauvaises_lignes.csv -f md -o "$OUT/ecriture" --quiet 2>/dev/null
code=$?
ok "$([ $code = 1 ] && grep -q '^3;erreur_ecriture;.*;"";"c’est un dossier, pas un fichier \[ecriture_impossible\]"$' "$OUT/ecriture/rapport.csv"; echo $?)" \
    "lettre impossible à écrire : erreur_ecriture, sa raison, code 1 (code $code)"
ok "$(find "$OUT/ecriture" -type f -name "*.md" | wc -l | grep -qx 3; echo $?)" "lettre impossible à écrire : les autres produites"

# A full disk stops the batch: exit 2 with the system's reason, no partial
# letter. On a tiny tmpfs when this machine lets the test mount one.
full="$OUT/plein"
mkdir -p "$full"
if mount -t tmpfs -o size=200k tmpfs "$full" 2>/dev/null; then
	"$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/gros.csv" -f pdf -j 2 -o "$full/l" --quiet 2>"$OUT/plein.err"
	code=$?
	partial=$(partial_letters "$full/l")
	ok "$([ $code = 2 ] && [ $partial = 0 ] && grep -q 'plus de place sur le disque' "$OUT/plein.err" &&
	    [ -z "$(ls -a "$full/l" | grep '\.tmp$')" ]; echo $?)" "disque plein : code 2 ($code), la raison, aucune lettre à moitié écrite"
	umount "$full"
else
	echo "(disque plein : pas de tmpfs possible ici, test sauté)"
fi

# A file size limit (ulimit -f) stops the batch as a full disk does: exit 2
# with the reason, not a death by SIGXFSZ without a word; no partial letter.
rm -rf "$OUT/limite"
(ulimit -f 16 && exec "$MISSIONC" --stdlib stdlib lot "$MODEL" "$OUT/rh.csv" -f pdf -j 2 -o "$OUT/limite" --quiet) 2>"$OUT/limite.err"
code=$?
partial=$(partial_letters "$OUT/limite")
ok "$([ $code = 2 ] && [ $partial = 0 ] && grep -q 'fichier trop gros.*lot arrêté' "$OUT/limite.err" &&
    [ -z "$(ls -a "$OUT/limite" | grep '\.tmp$')" ]; echo $?)" "limite de taille des fichiers (ulimit -f) : code 2 ($code), la raison, aucune lettre à moitié écrite"

# -o creates the folder and its parents; a file in the way is a usage error.
rm -rf "$OUT/imbrique"
"$MISSIONC" --stdlib stdlib lot "$MODEL" tests/lot/mauvaises_lignes.csv -f md -o "$OUT/imbrique/2025/pacte" --quiet 2>/dev/null
ok "$([ -f "$OUT/imbrique/2025/pacte/rapport.csv" ]; echo $?)" "-o : dossier et parents créés"
: >"$OUT/un_fichier"
"$MISSIONC" --stdlib stdlib lot "$MODEL" tests/lot/mauvaises_lignes.csv -f md -o "$OUT/un_fichier/x" --quiet 2>"$OUT/un_fichier.err"
ok "$([ $? = 2 ] && grep -q 'impossible de créer' "$OUT/un_fichier.err"; echo $?)" "-o sous un fichier : code 2 et un message"

# The model itself, and usage errors.
printf 'civilite;prenom\nMme;Léa\n' >"$OUT/colonnes.csv"
lot "$OUT/colonne_absente" "$OUT/colonnes.csv" -f md
golden "$OUT/colonne_absente.err" tests/lot/colonne_absente.err
"$MISSIONC" --stdlib stdlib verifier "$MODEL" >/dev/null 2>"$OUT/verifier.err"
echo "code de sortie : $?" >>"$OUT/verifier.err"
golden "$OUT/verifier.err" tests/lot/modele_verifie.err
for args in "lot $MODEL" "lot $MODEL tests/lot/mauvaises_lignes.csv" \
    "lot $MODEL tests/lot/absent.csv -o $OUT/x" "lot $MODEL tests/lot/mauvaises_lignes.csv -o $OUT/x --shard 4/3" \
    "lot $MODEL tests/lot/mauvaises_lignes.csv -o $OUT/x -j 0" "lot $MODEL tests/lot/mauvaises_lignes.csv -o $OUT/x --encodage ebcdic"; do
	# shellcheck disable=SC2086
	"$MISSIONC" --stdlib stdlib $args >/dev/null 2>"$OUT/usage.err"
	code=$?
	ok "$([ $code = 2 ] && [ -s "$OUT/usage.err" ]; echo $?)" "« missionc $args » : code 2 et un message (code $code)"
done

# Permissions: letters and reports get 0644 less the umask, as any new
# file: a service that keeps its letters private (umask 077) gets them so.
(umask 077 && lot "$OUT/privees" tests/lot/mauvaises_lignes.csv -f pdf)
modes=$(stat -c %a "$OUT"/privees/*.pdf "$OUT"/privees/rapport.csv "$OUT"/privees/rapport.json | sort -u | tr '\n' ' ')
ok "$(ls "$OUT"/privees/*.pdf >/dev/null 2>&1 && [ "$modes" = "600 " ]; echo $?)" "umask 077 : lettres et rapports en 600 ($modes)"
(umask 022 && lot "$OUT/communes" tests/lot/mauvaises_lignes.csv -f md)
modes=$(stat -c %a "$OUT"/communes/*.md "$OUT"/communes/rapport.csv | sort -u | tr '\n' ' ')
ok "$(ls "$OUT"/communes/*.md >/dev/null 2>&1 && [ "$modes" = "644 " ]; echo $?)" "umask 022 : lettres et rapports en 644 ($modes)"

echo "lot : $pass réussis, $fail échoués"
[ $fail = 0 ]
