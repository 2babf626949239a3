#!/bin/sh
# run-install.sh — make install into a temporary prefix (and again under a
# DESTDIR), an installed missionc run from another folder on an example,
# then make uninstall: every installed file must be gone.
set -eu
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/missionc-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
prefix="$tmp/prefix"
fail() { echo "make install : $*" >&2; exit 1; }
MAKE=${MAKE:-make}
m() { $MAKE -s --no-print-directory "$@" >/dev/null; }

# In a copy of the tree (with its objects, so that only the command line is
# compiled again with the new prefix): the other tests, maybe running at the
# same time (make -j), keep their ./missionc.
mkdir "$tmp/src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$tmp/src"
else    # an unpacked archive: everything but the build outputs
	tar --exclude=./build --exclude=./.deps --exclude=./missionc -cf - . | tar -xf - -C "$tmp/src"
fi
[ ! -d build ] || tar -cf - build | tar -xf - -C "$tmp/src"
cd "$tmp/src"
m install PREFIX="$prefix"
bin="$prefix/bin/missionc"
[ -x "$bin" ] || fail "pas de $bin"
for f in share/missionc/stdlib/pacte.mission share/missionc/templates/defaut/modele.conf \
    share/missionc/polices/LiberationSans-Regular.ttf \
    share/bash-completion/completions/missionc share/zsh/site-functions/_missionc; do
	[ -f "$prefix/$f" ] || fail "$f n’est pas installé"
done
for p in man/*.[1-9]; do
	[ -e "$p" ] || continue
	s=${p##*.}
	[ -f "$prefix/share/man/man$s/${p##*/}" ] || fail "$p n’est pas installée"
	# man -l renders the installed page (nothing on stderr).
	MANWIDTH=80 man -l "$prefix/share/man/man$s/${p##*/}" 2>"$tmp/man.err" >"$tmp/man.txt" \
	    || fail "man -l ${p##*/} échoue"
	[ ! -s "$tmp/man.err" ] || fail "man -l ${p##*/} : $(cat "$tmp/man.err")"
	[ -s "$tmp/man.txt" ] || fail "man -l ${p##*/} ne rend rien"
done

# man missionc finds the installed page (the prefix's man folder).
MANPATH="$prefix/share/man" man -w missionc | grep -q "^$prefix/share/man/man1/missionc.1" \
    || fail "man missionc ne trouve pas la page installée"

# From elsewhere, the tree out of sight: the compiled-in data folder serves.
mkdir "$tmp/ailleurs"
cp "$top/examples/pacte_college.mission" "$tmp/ailleurs/lettre.mission"
(
	cd "$tmp/ailleurs"
	env -u MISSIONC_STDLIB -u MISSIONC_MODELE "$bin" verifier lettre.mission >/dev/null \
	    || fail "verifier échoue hors de l’arbre"
	env -u MISSIONC_STDLIB -u MISSIONC_MODELE "$bin" produire lettre.mission >/dev/null \
	    || fail "produire échoue hors de l’arbre"
	[ -s lettre.pdf ] || fail "pas de lettre.pdf"
	if command -v pdffonts >/dev/null; then
		pdffonts lettre.pdf | grep -q LiberationSans || fail "polices absentes du PDF"
	fi
	"$bin" lister | grep -q "$prefix/share/missionc/stdlib" \
	    || fail "lister ne montre pas la bibliothèque installée"
	# --stdlib still wins over the compiled-in folder.
	mkdir vide
	out=$("$bin" --stdlib vide verifier lettre.mission 2>&1) && fail "--stdlib vide accepté"
	echo "$out" | grep -q "pacte" || fail "--stdlib ignoré : $out"
)

m uninstall PREFIX="$prefix"
left=$(find "$prefix" ! -type d)
[ -z "$left" ] || fail "restent après make uninstall : $left"
[ ! -e "$prefix/share/missionc" ] || fail "share/missionc reste après make uninstall"

# DESTDIR: the files land below it, the binary knows PREFIX alone.
m install PREFIX=/usr DESTDIR="$tmp/dest"
[ -x "$tmp/dest/usr/bin/missionc" ] || fail "DESTDIR ignoré"
n=$(find "$tmp/dest" -type f | wc -l)
strings "$tmp/dest/usr/bin/missionc" | grep -qx '/usr/share/missionc/stdlib' \
    || fail "le binaire ne connaît pas /usr/share/missionc"
m uninstall PREFIX=/usr DESTDIR="$tmp/dest"
left=$(find "$tmp/dest" ! -type d)
[ -z "$left" ] || fail "restent après make uninstall DESTDIR : $left"
cd "$top"
echo "make install / uninstall : $n fichiers installés, lettre vérifiée et produite hors de l’arbre, rien ne reste."
