#!/bin/sh
# check-html.sh — validates HTML files with the Nu HTML checker (vnu.jar,
# installed by « make deps ») and fails, printing its messages, on any error.
# The CSS inside <style> is checked too. Exit status: 0 valid, 1 invalid,
# 77 when Java or the checker is missing (a test may then skip).
# Usage: sh tests/check-html.sh FICHIER.html...
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
VNU_JAR=${VNU_JAR:-$root/.deps/vnu/node_modules/vnu-jar/build/dist/vnu.jar}

if [ $# -eq 0 ]; then
	echo "usage : sh tests/check-html.sh FICHIER.html…" >&2
	exit 2
fi
if ! command -v java >/dev/null 2>&1; then
	echo "check-html : java est introuvable (make deps)" >&2
	exit 77
fi
if [ ! -f "$VNU_JAR" ]; then
	echo "check-html : validateur introuvable : $VNU_JAR (make deps)" >&2
	exit 77
fi
for f in "$@"; do
	if [ ! -f "$f" ]; then
		echo "check-html : fichier introuvable : $f" >&2
		exit 2
	fi
done
messages=$(java -jar "$VNU_JAR" --errors-only "$@" 2>&1)
status=$?
if [ $status -ne 0 ] || [ -n "$messages" ]; then
	printf '%s\n' "$messages" >&2
	echo "check-html : HTML invalide" >&2
	exit 1
fi
echo "HTML valide : $*"
