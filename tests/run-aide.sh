#!/bin/sh
# run-aide.sh — missionc --version (the tool's and each référentiel's
# version, in the JSON report and the PDF's metadata too) and the help of
# each command, which must match the man page.
set -u
MISSIONC=${MISSIONC:-./missionc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/missionc-aide.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
ok() { # $1 = status, $2 = what
	if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "ÉCHEC : $2"; fi
}

"$MISSIONC" --stdlib stdlib --version >"$tmp/v" 2>&1
ok $? "--version : code 0"
grep -q '^missionc [0-9]' "$tmp/v"; ok $? "--version : la version de missionc"
for f in stdlib/*.mission; do
	n=${f##*/}; n=${n%.mission}
	[ "$n" = commun ] && continue
	grep -Eq "^  $n +[0-9a-f]{12}\$" "$tmp/v"; ok $? "--version : la version de $n"
done

# One byte more in a référentiel (or in commun) changes its version only.
cp -r stdlib "$tmp/lib"
printf '\n' >>"$tmp/lib/pacte.mission"
"$MISSIONC" --stdlib "$tmp/lib" --version >"$tmp/v2" 2>&1
p1=$(grep '^  pacte ' "$tmp/v"); p2=$(grep '^  pacte ' "$tmp/v2")
[ "$p1" != "$p2" ]; ok $? "--version : pacte modifié change de version"
d1=$(grep '^  ddfpt ' "$tmp/v"); d2=$(grep '^  ddfpt ' "$tmp/v2")
[ "$d1" = "$d2" ]; ok $? "--version : ddfpt inchangé garde sa version"
printf '\n' >>"$tmp/lib/commun.mission"
"$MISSIONC" --stdlib "$tmp/lib" --version >"$tmp/v3" 2>&1
d3=$(grep '^  ddfpt ' "$tmp/v3")
[ "$d1" != "$d3" ]; ok $? "--version : commun modifié change la version de ddfpt"

# The same version in the JSON report and in the PDF's Creator.
pv=$(echo "$p1" | awk '{print $2}')
"$MISSIONC" --stdlib stdlib --diagnostics=json verifier examples/pacte_college.mission >"$tmp/j"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
refs = d["missionc"]["referentiels"]
assert d["missionc"]["version"] and refs == [{"nom": "pacte", "version": sys.argv[2]}], refs
' "$tmp/j" "$pv"
ok $? "--diagnostics=json : missionc.version et la version du référentiel pacte"
"$MISSIONC" --stdlib stdlib produire examples/pacte_college.mission -o "$tmp/l.pdf" >/dev/null 2>&1
pdfinfo "$tmp/l.pdf" 2>/dev/null | grep -q "^Creator: *missionc [0-9.]* ; référentiel pacte $pv\$"
ok $? "PDF : Creator « missionc … ; référentiel pacte $pv »"

# --help, and each command's, in French; each command in the man page.
"$MISSIONC" --help >"$tmp/h"; ok $? "--help : code 0"
grep -q '^Usage : missionc COMMANDE' "$tmp/h"; ok $? "--help : usage"
for c in verifier lister nouveau produire lot expliquer regles modele \
    check list new build batch explain rules template; do
	"$MISSIONC" "$c" --help >"$tmp/c" 2>&1; ok $? "$c --help : code 0"
	grep -q '^Usage : missionc ' "$tmp/c"; ok $? "$c --help : usage"
done
for c in verifier lister nouveau produire lot expliquer regles modele; do
	"$MISSIONC" --help "$c" | head -1 | grep -q "^Usage : missionc $c"; ok $? "--help $c"
	grep -q "^\.It Cm $c" man/missionc.1; ok $? "missionc(1) décrit $c"
done
"$MISSIONC" inconnue --help >/dev/null 2>"$tmp/e"; [ $? = 2 ]; ok $? "inconnue --help : code 2"
grep -q 'commande inconnue' "$tmp/e"; ok $? "inconnue --help : dit pourquoi"
# The options of the man page are the program's.
for o in --diagnostics=json --diagnostics=texte --stdlib --modele --version --help; do
	grep -q -- "$o" "$tmp/h"; ok $? "--help cite $o"
done

# Bash completion (without bash-completion installed: its own fallbacks).
complete_words() { # the words, last one being completed
	bash -c 'source completions/missionc.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
	    _missionc; printf "%s\n" "${COMPREPLY[@]}"' complete "$@" 2>&1 | sort | tr '\n' ' '
}
[ "$(complete_words missionc pro)" = "produire " ]; ok $? "complétion : commande"
[ "$(complete_words missionc produire x -f "")" = "html md pdf " ]; ok $? "complétion : -f"
complete_words missionc lot --re | grep -q -- "--reprendre"; ok $? "complétion : options de lot"
[ "$(complete_words missionc lot --rec)" = "--recueil " ]; ok $? "complétion : --recueil de lot"
[ "$(MISSIONC_STDLIB=stdlib complete_words missionc nouveau p)" = "pacte " ]; ok $? "complétion : référentiels"

# zsh's own completion, in a real interactive zsh (tests/zsh-complete.zsh).
zsh_words() { # the line typed before Tab
	zsh -f tests/zsh-complete.zsh completions "$1" 2>&1 | tr '\n' ' '
}
if command -v zsh >/dev/null; then
	[ "$(zsh_words 'missionc pro')" = "produire " ]; ok $? "zsh : commande"
	[ "$(zsh_words 'missionc produire lettre.mission -f ')" = "html md pdf " ]; ok $? "zsh : -f"
	[ "$(zsh_words 'missionc lot --rec')" = "--recueil " ]; ok $? "zsh : --recueil de lot"
	[ "$(zsh_words 'missionc --couleur=')" = "auto jamais toujours " ]; ok $? "zsh : --couleur="
	# compinit was once told to dump into /dev/null: it renamed a file over it.
	[ -c /dev/null ]; ok $? "zsh : /dev/null toujours un périphérique"
else
	ok 1 "zsh absent (make deps-test l’installe)"
fi

# Every option a command's --help gives, both completions offer it (an
# option added to the program and forgotten in a completion fails here).
for c in verifier produire nouveau lister expliquer regles modele formater lot; do
	b=$(complete_words missionc "$c" -)
	z=$(command -v zsh >/dev/null && zsh_words "missionc $c -")
	for o in $("$MISSIONC" "$c" --help 2>&1 | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		case " $b" in *" $o"*) ok 0 "bash : $c $o" ;; *) ok 1 "bash : $c ne complète pas $o" ;; esac
		case " $z" in *" $o"*) ok 0 "zsh : $c $o" ;; *) ok 1 "zsh : $c ne complète pas $o" ;; esac
	done
done

echo "aide et versions : $pass réussis, $fail échoués"
[ $fail = 0 ]
