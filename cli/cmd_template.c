/* cmd_template.c — `missionc modele`: the keys of a template's modele.conf,
 * with their default and meaning, as Markdown (docs/modeles.md). */
#include "cli.h"

int
cmd_template(int argc, char **argv, const cli_options *opt)
{
	(void)argv;
	(void)opt;
	if (argc != 0) {
		fputs("missionc modele : cette commande ne prend pas d’argument\n", stderr);
		return EXIT_USAGE;
	}
	fputs("# Modèles de présentation\n\n"
	    "Document produit par `missionc modele` : ne pas le modifier à la main.\n\n"
	    "Un modèle est un dossier (`templates/defaut/` par défaut ; un autre avec\n"
	    "`missionc produire --modele DOSSIER`, ou la variable `MISSIONC_MODELE`). Il\n"
	    "contient `modele.conf`, des lignes « clé = valeur » (les lignes qui\n"
	    "commencent par `#` sont des commentaires ; une clé absente garde sa valeur\n"
	    "par défaut), et les fichiers qu’il nomme : feuille de style, logo PNG,\n"
	    "polices TrueType. Les longueurs sont en millimètres, les tailles en\n"
	    "points, les couleurs en `#rrggbb` ; un nombre s’écrit avec une virgule ou un\n"
	    "point. Une police est cherchée dans le dossier du modèle, puis dans celui\n"
	    "des polices réduites que construit `make` (`build/polices`).\n\n"
	    "Une police donnée telle quelle est incluse entière dans chaque PDF ; pour\n"
	    "garder des fichiers légers, réduisez-la au jeu de caractères imprimé\n"
	    "(Windows-1252) comme le fait le Makefile :\n"
	    "`hb-subset --unicodes='20-7E,A0-FF,152,153,160,161,178,17D,17E,192,2C6,2DC,2013,2014,2018-201A,201C-201E,2020-2022,2026,2030,2039,203A,20AC,2122' --no-hinting --output-file=Police.ttf Police-complete.ttf`.\n"
	    "Les autres lettres latines (turc, polonais, roumain, tchèque, vietnamien…)\n"
	    "s’impriment avec une seconde police à côté de chacune, `Police-Ext.ttf`,\n"
	    "réduite de même aux caractères de `compiler/pdf_charset.def` (le Makefile\n"
	    "la construit) ; sans elle, seul le jeu Windows-1252 s’imprime.\n\n"
	    "Les textes peuvent contenir des champs entre accolades, remplis pour\n"
	    "chaque lettre ; la colonne « Champs » dit lesquels. Dans l’en-tête, un\n"
	    "morceau séparé par « — » dont un champ est vide est omis.\n\n"
	    "Dans le HTML, les valeurs sont aussi données à la feuille de style en\n"
	    "variables CSS nommées d’après les clés (`--couleur-titre`,\n"
	    "`--taille-texte`, `--marge-haut`…) ; la règle `@page` (format, marges et\n"
	    "pied de page) est écrite après la feuille de style, d’après `modele.conf`.\n\n"
	    "| Clé | Défaut | Champs | Rôle |\n|---|---|---|---|\n", stdout);
	for (size_t i = 0; i < mc_template_key_count(); i++) {
		const char *key, *def, *doc, *fields;

		mc_template_key(i, &key, &def, &doc, &fields);
		printf("| `%s` | %s%s%s | %s | %s |\n", key, *def ? "`" : "", *def ? def : "(aucun)",
		    *def ? "`" : "", *fields ? fields : "", doc);
	}
	return EXIT_CLEAN;
}
