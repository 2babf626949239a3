#!/bin/sh
# tests/format/run.sh — `missionc formater` : cas de référence (CAS.entree
# mis en forme donne CAS.attendu), idempotence, et sens inchangé sur toutes les
# lettres du dépôt : une lettre conforme mise en forme donne les mêmes octets en
# Markdown et en HTML ; une lettre fautive, les mêmes codes de diagnostic.
# Les exemples doivent être déjà au format (--verifier).
set -u
MISSIONC=${MISSIONC:-./missionc}
dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 same=0 unreadable=0 cases=0

for src in "$dir"/*.entree; do
	exp=${src%.entree}.attendu
	cases=$((cases + 1))
	if ! "$MISSIONC" formater - <"$src" >"$tmp/out" 2>"$tmp/err"; then
		echo "ÉCHEC $src : formater a échoué"; cat "$tmp/err"; fail=1; continue
	fi
	if ! cmp -s "$tmp/out" "$exp"; then
		echo "ÉCHEC $src : la mise en forme diffère de $exp"; diff "$exp" "$tmp/out" | head -20; fail=1
	fi
done

codes() { "$MISSIONC" verifier --diagnostics=json "$1" 2>/dev/null |
	python3 -c 'import json,sys; print(sorted(d["code"] for f in json.load(sys.stdin)["fichiers"] for d in f["diagnostics"]))'; }

for f in examples/*.mission examples/lot/*.mission tests/*/*.mission; do
	# The same file name: a référentiel is named after its file.
	mkdir -p "$tmp/$(dirname "$f" | tr / _)"
	b=$tmp/$(dirname "$f" | tr / _)/$(basename "$f")
	if ! "$MISSIONC" formater - <"$f" >"$b" 2>"$tmp/err"; then
		# refused for its syntax errors, never for anything else
		grep -q "ne se lit pas" "$tmp/err" ||
			{ echo "ÉCHEC $f : formater a échoué"; cat "$tmp/err"; fail=1; }
		unreadable=$((unreadable + 1)); continue
	fi
	"$MISSIONC" formater - <"$b" | cmp -s - "$b" || { echo "ÉCHEC $f : pas idempotent"; fail=1; }
	# A référentiel that checks is no letter to produce: its diagnostics
	# (none) are compared.
	if "$MISSIONC" verifier "$f" 2>/dev/null && "$MISSIONC" produire "$f" -f md -o "$tmp/a.md" >/dev/null 2>&1; then
		for fmt in md html; do
			"$MISSIONC" produire "$f" -f $fmt -o "$tmp/a.$fmt" >/dev/null 2>&1
			"$MISSIONC" produire "$b" -f $fmt -o "$tmp/b.$fmt" >/dev/null 2>&1
			cmp -s "$tmp/a.$fmt" "$tmp/b.$fmt" || { echo "ÉCHEC $f : le $fmt change une fois mis en forme"; fail=1; }
		done
	else
		[ "$(codes "$f")" = "$(codes "$b")" ] || { echo "ÉCHEC $f : les diagnostics changent une fois mis en forme"; fail=1; }
	fi
	same=$((same + 1))
done

"$MISSIONC" formater --verifier examples/*.mission examples/lot/*.mission ||
	{ echo "ÉCHEC : des exemples ne sont pas au format (lancez « missionc formater examples/*.mission examples/lot/*.mission »)"; fail=1; }

for r in $("$MISSIONC" lister 2>/dev/null | awk '/^  [a-z_]+ /{print $1}'); do
	"$MISSIONC" nouveau "$r" | "$MISSIONC" formater --verifier - 2>/dev/null ||
		{ echo "ÉCHEC : « missionc nouveau $r » n’est pas au format"; fail=1; }
done

[ $fail = 0 ] && echo "formater : $cases cas de référence, $same lettres au même sens une fois mises en forme ($unreadable illisibles laissées de côté), exemples au format."
exit $fail
