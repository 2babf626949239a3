#!/bin/sh
# run-paquet.sh — the Debian package from start to end, as root: builds it
# (dpkg-buildpackage in a temporary copy of the tracked files, so that
# nothing lands beside the tree), lintian without error, installs it with
# apt-get, checks and renders an example from a folder outside the tree,
# then purges it and checks that nothing of it is left.
set -eu
fail() { echo "paquet : $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "à lancer en root (apt-get install, dpkg --purge)"
top=$(pwd)
APT="apt-get -o DPkg::Lock::Timeout=600 -y -qq"
export DEBIAN_FRONTEND=noninteractive

# The packaging tools, then the build dependencies of debian/control.
missing=""
for p in dpkg-dev debhelper lintian devscripts poppler-utils man-db; do
	dpkg-query -W -f='${Status}\n' $p 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "Installation des paquets :$missing"
	$APT update && $APT install $missing >/dev/null
fi
dpkg-checkbuilddeps 2>/dev/null || { $APT update && $APT build-dep ./ >/dev/null; }

if dpkg-query -W -f='${Status}\n' missionc 2>/dev/null | grep -q 'ok installed'; then
	fail "un paquet missionc est déjà installé : retirez-le d’abord (apt-get purge missionc)"
fi
[ ! -e /usr/bin/missionc ] || fail "/usr/bin/missionc existe hors paquet"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/missionc-paquet.XXXXXX")
cleanup() {
	dpkg-query -W missionc >/dev/null 2>&1 && $APT purge missionc >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
mkdir "$tmp/src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$tmp/src"
else    # an unpacked archive: everything but the build outputs
	tar --exclude=./build --exclude=./.deps --exclude=./missionc -cf - . | tar -xf - -C "$tmp/src"
fi

echo "== dpkg-buildpackage -b -us -uc"
(cd "$tmp/src" && dpkg-buildpackage -b -us -uc >"$tmp/build.log" 2>&1) \
    || { tail -40 "$tmp/build.log"; fail "dpkg-buildpackage échoue (journal ci-dessus)"; }
deb=$(ls "$tmp"/missionc_*.deb 2>/dev/null | grep -v dbgsym | head -1)
[ -n "$deb" ] || fail "pas de missionc_*.deb"
echo "   $(basename "$deb") : $(du -k "$deb" | cut -f1) Ko"

echo "== lintian"
lintian --fail-on error "$deb" "$tmp"/missionc_*.changes >"$tmp/lintian.log" 2>&1 \
    || { cat "$tmp/lintian.log"; fail "lintian trouve des erreurs"; }
sed 's/^/   /' "$tmp/lintian.log"
dpkg-deb -c "$deb" | grep -q '\.ttf$' && fail "le paquet contient des polices (il dépend de fonts-liberation2)"
dpkg-deb -f "$deb" Depends | grep -q 'libhpdf' || fail "Depends sans libhpdf (\${shlibs:Depends})"
# libqpdf, loaded by `lot --recueil` only (debian/rules, ${qpdf:Depends}).
dpkg-deb -f "$deb" Depends | grep -q 'libqpdf' || fail "Depends sans libqpdf (\${qpdf:Depends})"

echo "== apt-get install ./$(basename "$deb")"
$APT install "$deb" >/dev/null || fail "l’installation échoue"
dpkg -L missionc >"$tmp/fichiers"
[ "$(command -v missionc)" = /usr/bin/missionc ] || fail "missionc n’est pas dans le PATH"
ls /var/lib/missionc/polices/*.ttf >/dev/null 2>&1 || fail "postinst n’a pas fait les polices"
# fonts-liberation2 changing (its folder's trigger) makes the fonts again.
rm -f /var/lib/missionc/polices/*.ttf
dpkg-trigger --no-await /usr/share/fonts/truetype/liberation2 && dpkg --triggers-only --pending >/dev/null
ls /var/lib/missionc/polices/LiberationSans-Regular.ttf >/dev/null 2>&1 \
    || fail "le déclencheur de fonts-liberation2 ne refait pas les polices"
man -w missionc | grep -q '^/usr/share/man/man1/missionc.1' || fail "man missionc ne trouve pas la page"
man -w 5 mission | grep -q '^/usr/share/man/man5/mission.5' || fail "man 5 mission ne trouve pas la page"

mkdir "$tmp/ailleurs"
cp examples/ddfpt.mission "$tmp/ailleurs/lettre.mission"
(
	cd "$tmp/ailleurs"
	env -u MISSIONC_STDLIB -u MISSIONC_MODELE missionc verifier lettre.mission \
	    || fail "missionc verifier échoue"
	env -u MISSIONC_STDLIB -u MISSIONC_MODELE missionc produire lettre.mission >/dev/null \
	    || fail "missionc produire échoue"
	pdfinfo lettre.pdf >info.txt 2>&1 || fail "lettre.pdf illisible : $(cat info.txt)"
	grep -q '^Creator: *missionc .*référentiel ddfpt [0-9a-f]\{12\}$' info.txt \
	    || fail "métadonnées du PDF : $(grep Creator info.txt)"
	pdffonts lettre.pdf | grep -q LiberationSans || fail "polices absentes du PDF"
	missionc --version | grep -q '/usr/share/missionc/stdlib' || fail "--version : pas la bibliothèque installée"
	cp "$top/examples/lot/pacte_par_enseignant.mission" "$top/examples/lot/pacte_par_enseignant.csv" .
	rc=0    # 1: a row set aside, as the example has
	env -u MISSIONC_STDLIB -u MISSIONC_MODELE missionc lot pacte_par_enseignant.mission \
	    pacte_par_enseignant.csv -o lot --recueil --quiet || rc=$?
	[ $rc -le 1 ] && ls lot/recueil-*.pdf >/dev/null 2>&1 || fail "lot --recueil échoue (libqpdf)"
	echo "   lettre vérifiée et produite hors de l’arbre : $(grep '^Pages' info.txt | tr -s ' ')"
)

echo "== apt-get purge missionc"
$APT purge missionc >/dev/null || fail "la désinstallation échoue"
left=""
while read -r f; do
	[ -d "$f" ] && continue
	[ -e "$f" ] && left="$left $f"
done <"$tmp/fichiers"
[ -z "$left" ] || fail "restent après purge :$left"
for d in /usr/share/missionc /var/lib/missionc /usr/share/doc/missionc; do
	[ ! -e "$d" ] || fail "$d reste après purge"
done
! command -v missionc >/dev/null || fail "missionc reste dans le PATH"
cd "$top"
echo "paquet Debian : construit, lintian sans erreur, installé, lettre produite, purgé sans reste."
