/* help.c — `missionc COMMANDE --help` and `missionc --version`: each
 * command's own help (the same words as man/missionc.1 and man/missionc-lot.1)
 * and the versions of the tool and of the référentiels it checks with. */
#include <string.h>

#include "cli.h"

typedef struct command_help {
	const char *name;      /* French name, then its aliases */
	const char *aliases[3];
	const char *text;
} command_help;

static const command_help helps[] = {
	{ "verifier", { "vérifier", "check", NULL },
"Usage : missionc verifier FICHIER|DOSSIER…\n"
"\n"
"Vérifie des lettres de mission (« - » : l’entrée standard ; un dossier :\n"
"toutes ses lettres .mission) contre leur référentiel et écrit les diagnostics\n"
"sur la sortie d’erreur, puis leur nombre ; ou en JSON ou en SARIF sur la\n"
"sortie standard avec --diagnostics=json ou --diagnostics=sarif.\n"
"\n"
"Un fichier qui commence par « referentiel » (et un commun.mission) est\n"
"vérifié comme la bibliothèque le lit pour une lettre qui le suit : dans son\n"
"dossier quand celui-ci a son commun.mission (la bibliothèque d’une\n"
"académie), sinon selon la bibliothèque en vigueur (--stdlib).\n"
"\n"
"Codes de sortie : 0 conforme (avertissements permis), 1 non conforme,\n"
"2 fichier illisible ou erreur d’utilisation.\n"
"\n"
"Exemple : missionc verifier lettre.mission\n" },
	{ "lister", { "list", NULL, NULL },
"Usage : missionc lister [RÉFÉRENTIEL]\n"
"\n"
"Sans argument, les référentiels de la bibliothèque ; avec un nom, ses\n"
"missions et activités avec leur texte officiel.\n"
"\n"
"Exemple : missionc lister pacte\n" },
	{ "nouveau", { "new", NULL, NULL },
"Usage : missionc nouveau RÉFÉRENTIEL [--mission M]… [-o FICHIER]\n"
"\n"
"Écrit le modèle complet d’une lettre du référentiel, à compléter : parties,\n"
"missions et activités (leur texte en commentaire), et « … » partout où\n"
"l’auteur doit écrire ; verifier les signale tant qu’ils restent.\n"
"\n"
"  --mission M   ne garder que la mission M (se répète)\n"
"  -o FICHIER    écrire dans FICHIER (défaut : la sortie standard) ; un\n"
"                fichier existant n’est pas remplacé\n"
"\n"
"Exemple : missionc nouveau pacte --mission devoirs_faits -o lettre.mission\n" },
	{ "produire", { "build", NULL, NULL },
"Usage : missionc produire FICHIER… [-f pdf|html|md] [-o SORTIE]\n"
"\n"
"Vérifie chaque lettre et, si elle n’a pas d’erreur, écrit la lettre prête à\n"
"signer. Une lettre en erreur n’est pas produite, et son ancienne sortie est\n"
"retirée.\n"
"\n"
"  -f, --format F  pdf (défaut), html ou md ; déduit aussi de l’extension de -o\n"
"  -o SORTIE       le fichier produit (« - » : la sortie standard) ; sans -o, à\n"
"                  côté de la lettre, avec l’extension du format\n"
"\n"
"Codes de sortie : 0 produite, 1 non conforme, 2 erreur d’utilisation ou\n"
"d’écriture.\n"
"\n"
"Exemple : missionc produire lettre.mission -f html -o lettre.html\n" },
	{ "lot", { "batch", NULL, NULL },
"Usage : missionc lot MODELE.mission DONNEES.csv -o DOSSIER [-f pdf|html|md]\n"
"           [-j N] [--nom MOTIF] [--reprendre] [--shard K/N]\n"
"           [--separateur S] [--encodage E] [--par COLONNE] [--recueil]\n"
"           [--quiet]\n"
"\n"
"Une lettre par ligne d’un export RH : chaque ligne remplit les «champs» du\n"
"modèle ; la lettre est vérifiée et produite, ou écartée avec ses diagnostics.\n"
"rapport.csv et rapport.json, dans DOSSIER, disent le sort de chaque ligne.\n"
"\n"
"  -o DOSSIER       où écrire les lettres (créé au besoin)\n"
"  -f F             pdf (défaut), html ou md\n"
"  -j N             nombre de fils (défaut : les processeurs)\n"
"  --nom MOTIF      nom des fichiers (défaut : lettre-{n}) ; {n}, {ligne},\n"
"                   {colonne}\n"
"  --reprendre      saute les lignes dont la lettre existe déjà, faite des\n"
"                   mêmes cellules, du même modèle et du même format\n"
"  --shard K/N      ne traite que la part K des N parts des lignes\n"
"  --separateur S   « ; », « , » ou « tab » (défaut : lu sur l’en-tête)\n"
"  --encodage E     utf-8 (défaut), windows-1252 (latin-1) ou mac-roman\n"
"  --par COLONNE    une lettre par valeur de COLONNE (lignes consécutives) ;\n"
"                   le bloc pour_chaque_ligne du modèle se répète par ligne\n"
"  --recueil        avec -f pdf, un PDF à imprimer par établissement,\n"
"                   recueil-UAI.pdf, et rapport-par-etablissement.csv\n"
"  --quiet          sans progression ni résumé\n"
"\n"
"Codes de sortie : 0 toutes les lignes produites, 1 des lignes écartées,\n"
"2 erreur d’utilisation ou d’entrée-sortie. Voir missionc-lot(1).\n"
"\n"
"Exemple : missionc lot pacte.mission pacte.csv -o lettres/ -j 4\n" },
	{ "expliquer", { "explain", NULL, NULL },
"Usage : missionc expliquer CODE\n"
"\n"
"Explique un diagnostic du compilateur (uai_cle) ou une règle d’un\n"
"référentiel (ddfpt.duree_max) : son message, son texte officiel.\n"
"\n"
"Exemple : missionc expliquer pacte.plafond_voie_professionnelle\n" },
	{ "regles", { "règles", "rules", NULL },
"Usage : missionc regles\n"
"\n"
"Toutes les règles des référentiels, en Markdown (produit docs/regles.md).\n" },
	{ "modele", { "modèle", "template", NULL },
"Usage : missionc modele\n"
"\n"
"Les clés d’un modèle de présentation (modele.conf), avec leur valeur par\n"
"défaut, en Markdown (produit docs/modeles.md).\n" },
};

int
cli_command_help(const char *cmd, FILE *out)
{
	for (size_t i = 0; i < sizeof(helps) / sizeof(helps[0]); i++) {
		int match = strcmp(cmd, helps[i].name) == 0;

		for (size_t k = 0; !match && k < 3 && helps[i].aliases[k] != NULL; k++)
			match = strcmp(cmd, helps[i].aliases[k]) == 0;
		if (match) {
			fputs(helps[i].text, out);
			fputs("\nOptions de toutes les commandes : --diagnostics=json|sarif|texte,\n"
			    "--couleur=auto|toujours|jamais, --stdlib DOSSIER, --modele DOSSIER\n"
			    "(voir missionc --help et missionc(1)).\n", out);
			return 1;
		}
	}
	return 0;
}

/* Every référentiel of the library is loaded to give its version: one
 * that does not load says so instead of a version. */
int
cli_print_version(const cli_options *opt)
{
	mc_stdlib *lib;
	const char *const *names;

	printf("missionc %s\n", MISSIONC_VERSION);
	lib = cli_open_stdlib(opt);
	if (lib == NULL)
		return EXIT_USAGE;
	names = mc_stdlib_names(lib);
	printf("Référentiels (%s) :\n", mc_stdlib_dir(lib));
	if (names == NULL || *names == NULL)
		puts("  (aucun)");
	for (; names != NULL && *names != NULL; names++) {
		const mc_referential *ref = mc_stdlib_get(lib, *names);

		if (ref == NULL || mc_referential_broken(ref))
			printf("  %-12s %s (en erreur : missionc lister %s)\n", *names,
			    ref != NULL ? mc_referential_version(ref) : "?", *names);
		else
			printf("  %-12s %s\n", *names, mc_referential_version(ref));
	}
	mc_stdlib_close(lib);
	return EXIT_CLEAN;
}
