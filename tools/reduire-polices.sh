#!/bin/sh
# reduire-polices.sh — the PDF's fonts: Liberation Sans (metrics of Arial)
# subset to the Windows-1252 repertoire the PDF prints with, so that each
# letter embeds 3 × ~17 Ko instead of whole fonts (PDF-NOTES). Used by the
# Makefile (build/polices) and, installed, by the Debian package's postinst,
# which makes them from fonts-liberation2 on the machine instead of shipping
# modified copies of the fonts.
# Each font has a second subset, NOM-Ext.ttf, with the Latin letters beyond
# Windows-1252 (Turkish, Polish, Romanian, Czech, Vietnamese…), which only
# the letters that use them embed: the list is compiler/pdf_charset.def's
# (tests/run-render.py checks that both agree).
#   reduire-polices.sh --noms               the fonts' names
#   reduire-polices.sh --etendues           the extended repertoire
#   reduire-polices.sh SOURCE.ttf SORTIE.ttf one font
#   reduire-polices.sh --etendue SOURCE.ttf SORTIE.ttf its extended subset
#   reduire-polices.sh --tout SOURCE DOSSIER every font of SOURCE into DOSSIER
set -eu
NOMS="LiberationSans-Regular LiberationSans-Bold LiberationSans-Italic"
CP1252="20-7E,A0-FF,152,153,160,161,178,17D,17E,192,2C6,2DC,2013,2014,2018-201A,201C-201E,2020-2022,2026,2030,2039,203A,20AC,2122"
ETENDUES="0100-0151,0154-015F,0162-0177,0179-017C,017F-017F,018F-018F,01A0-01A1,01AF-01B0,0218-021B,0259-0259,1EA0-1EF9"

reduire() { # $1 = source, $2 = output, $3 = repertoire: written under a temporary name, then renamed
	hb-subset --unicodes="${3:-$CP1252}" --no-hinting --output-file="$2.tmp" "$1"
	chmod 644 "$2.tmp"
	mv "$2.tmp" "$2"
}

case ${1:-} in
--noms)
	echo "$NOMS" ;;
--etendues)
	echo "$ETENDUES" ;;
--etendue)
	[ $# = 3 ] || { echo "usage : $0 --etendue SOURCE.ttf SORTIE.ttf" >&2; exit 2; }
	reduire "$2" "$3" "$ETENDUES" ;;
--tout)
	[ $# = 3 ] || { echo "usage : $0 --tout SOURCE DOSSIER" >&2; exit 2; }
	mkdir -p "$3"
	for n in $NOMS; do
		reduire "$2/$n.ttf" "$3/$n.ttf"
		reduire "$2/$n.ttf" "$3/$n-Ext.ttf" "$ETENDUES"
	done ;;
-*|"")
	echo "usage : $0 --noms | --etendues | SOURCE.ttf SORTIE.ttf | --etendue SOURCE.ttf SORTIE.ttf | --tout SOURCE DOSSIER" >&2; exit 2 ;;
*)
	[ $# = 2 ] || { echo "usage : $0 SOURCE.ttf SORTIE.ttf" >&2; exit 2; }
	reduire "$1" "$2" ;;
esac
