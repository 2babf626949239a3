/* run.c — missionc's command line: parses the global options and runs the
 * command (French names, English aliases). Apart from main.c so that the
 * fuzzing harness of the commands (tests/fuzz/fuzz_cli.c) goes through the
 * same parsing as a user. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void
usage(FILE *out)
{
	fputs(
"Usage : missionc COMMANDE [OPTIONS] [ARGUMENTS]\n"
"\n"
"Commandes :\n"
"  verifier FICHIER|DOSSIER…\n"
"                        vérifie des lettres de mission ; un dossier : toutes\n"
"                        ses lettres .mission ; un référentiel : comme la\n"
"                        bibliothèque le lit (alias : check)\n"
"  lister [RÉFÉRENTIEL]  liste les référentiels, ou les missions de l’un d’eux\n"
"                        (alias : list)\n"
"  nouveau RÉFÉRENTIEL [--mission M]… [-o FICHIER]\n"
"                        le modèle complet d’une lettre, à compléter (alias : new) ;\n"
"                        --mission ne garde que les missions nommées\n"
"  produire FICHIER… [-f pdf|html|md] [-o SORTIE]\n"
"                        la lettre prête à signer (alias : build) ; sans -o, à côté\n"
"                        du fichier, avec l’extension du format ; le format se\n"
"                        déduit aussi de l’extension de -o (défaut : pdf) ;\n"
"                        --surveiller : reproduite à chaque modification de la\n"
"                        lettre ou de la bibliothèque\n"
"  lot MODELE.mission DONNEES.csv -o DOSSIER [-f pdf|html|md] [-j N]\n"
"      [--nom MOTIF] [--reprendre] [--shard K/N] [--separateur S]\n"
"      [--encodage E] [--par COLONNE] [--recueil] [--quiet]\n"
"                        une lettre par ligne d’un export (alias : batch), ou par\n"
"                        valeur de COLONNE (--par) ;\n"
"                        rapport.csv et rapport.json disent le sort de chaque ligne ;\n"
"                        --recueil : un PDF à imprimer par établissement\n"
"  formater FICHIER… [--verifier]\n"
"                        met les lettres en forme canonique, sur place (alias :\n"
"                        fmt) ; --verifier : code 1 si l’une n’y est pas\n"
"  lsp                   serveur de langage pour les éditeurs, sur l’entrée et la\n"
"                        sortie standard (voir docs/editeurs.md)\n"
"  expliquer CODE        explique un diagnostic ou une règle (alias : explain)\n"
"  regles                toutes les règles des référentiels, en Markdown\n"
"                        (alias : rules ; produit docs/regles.md)\n"
"  modele                les clés d’un modèle de présentation, en Markdown\n"
"                        (alias : template ; produit docs/modeles.md)\n"
"\n"
"Options :\n"
"  --diagnostics=json    diagnostics en JSON sur la sortie standard\n"
"  --diagnostics=sarif   diagnostics en SARIF 2.1.0 (intégration continue)\n"
"  --diagnostics=texte   diagnostics lisibles sur la sortie d’erreur (défaut)\n"
"  --couleur=auto|toujours|jamais\n"
"                        couleurs des diagnostics (auto : sur un terminal, sauf\n"
"                        si NO_COLOR est défini)\n"
"  --stdlib DOSSIER      bibliothèque de référentiels à utiliser\n"
"  --modele DOSSIER      modèle de présentation (défaut : templates/defaut)\n"
"  -h, --help            cette aide ; missionc COMMANDE --help : l’aide d’une\n"
"                        commande\n"
"  --version             la version de missionc et de chaque référentiel\n"
"\n"
"Variables : MISSIONC_STDLIB, MISSIONC_MODELE (dossiers) ; SOURCE_DATE_EPOCH\n"
"(date de création écrite dans les documents, pour des sorties identiques).\n"
"\n"
"Codes de sortie : 0 lettre conforme (avertissements permis), 1 lettre non\n"
"conforme ou illisible par le compilateur, 2 erreur d’utilisation ou de lecture.\n",
	    out);
}

/* The options that take a value (the next argument). */
static int
takes_value(const char *a)
{
	static const char *const options[] = {
		"-o", "--mission", "-f", "--format", "-j", "--nom", "--shard",
		"--separateur", "--encodage", "--stdlib", "--modele", "--par"
	};

	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (strcmp(a, options[i]) == 0)
			return 1;
	return 0;
}

int
cli_run(int argc, char **argv)
{
	cli_options opt = { NULL, NULL, 0, 0, 0 };
	int color = -1;   /* auto */
	char **args = calloc((size_t)argc + 1, sizeof(*args));
	int nargs = 0, status, help = 0, version = 0;
	const char *cmd = NULL;

	if (args == NULL)
		return EXIT_USAGE;
	opt.stdlib_dir = getenv("MISSIONC_STDLIB");
	opt.template_dir = getenv("MISSIONC_MODELE");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (takes_value(a) && i + 1 >= argc) {
			fprintf(stderr, "missionc : « %s » attend une valeur (voir missionc --help)\n", a);
			free(args);
			return EXIT_USAGE;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 ||
		    strcmp(a, "--aide") == 0) {
			help = 1;
		} else if (strcmp(a, "--version") == 0) {
			version = 1;
		} else if (strcmp(a, "--diagnostics=json") == 0) {
			opt.json = 1;
			opt.sarif = 0;
		} else if (strcmp(a, "--diagnostics=sarif") == 0) {
			opt.sarif = 1;
			opt.json = 0;
		} else if (strcmp(a, "--diagnostics=texte") == 0 ||
		    strcmp(a, "--diagnostics=text") == 0) {
			opt.json = opt.sarif = 0;
		} else if (strncmp(a, "--couleur=", 10) == 0 ||
		    strncmp(a, "--color=", 8) == 0) {
			const char *v = strchr(a, '=') + 1;

			if (strcmp(v, "jamais") == 0 || strcmp(v, "never") == 0) {
				color = 0;
			} else if (strcmp(v, "toujours") == 0 || strcmp(v, "always") == 0) {
				color = 1;
			} else if (strcmp(v, "auto") == 0) {
				color = -1;
			} else {
				fprintf(stderr, "missionc : « %s » : --couleur vaut jamais, toujours ou auto\n", a);
				free(args);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--stdlib") == 0) {
			opt.stdlib_dir = argv[++i];
		} else if (strncmp(a, "--stdlib=", 9) == 0) {
			opt.stdlib_dir = a + 9;
		} else if (strcmp(a, "--modele") == 0) {
			opt.template_dir = argv[++i];
		} else if (strncmp(a, "--modele=", 9) == 0) {
			opt.template_dir = a + 9;
		} else if (takes_value(a)) {
			args[nargs++] = argv[i];
			args[nargs++] = argv[++i];
		} else if (strcmp(a, "--reprendre") == 0 || strcmp(a, "--quiet") == 0 ||
		    strcmp(a, "--recueil") == 0 ||
		    strcmp(a, "--verifier") == 0 || strcmp(a, "--check") == 0 ||
		    strcmp(a, "--surveiller") == 0 || strcmp(a, "--watch") == 0 ||
		    strcmp(a, "--silencieux") == 0) {
			args[nargs++] = argv[i];
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "missionc : option inconnue « %s » (voir missionc --help)\n", a);
			free(args);
			return EXIT_USAGE;
		} else if (cmd == NULL) {
			cmd = a;
		} else {
			args[nargs++] = argv[i];
		}
	}
	/* auto: on a terminal, unless NO_COLOR is set (no-color.org). */
	opt.color = color >= 0 ? color : isatty(STDERR_FILENO) &&
	    (getenv("NO_COLOR") == NULL || getenv("NO_COLOR")[0] == '\0');
	/* After the loop: --stdlib may come after --version, a command before
	 * or after --help. */
	if (help && cmd != NULL && cli_command_help(cmd, stdout)) {
		free(args);
		return EXIT_CLEAN;
	}
	if (help && cmd != NULL) {
		fprintf(stderr, "missionc : commande inconnue « %s » (voir missionc --help)\n", cmd);
		free(args);
		return EXIT_USAGE;
	}
	if (help) {
		usage(stdout);
		free(args);
		return EXIT_CLEAN;
	}
	if (version) {
		free(args);
		return cli_print_version(&opt);
	}
	if (cmd == NULL) {
		usage(stderr);
		free(args);
		return EXIT_USAGE;
	}
	if (strcmp(cmd, "verifier") == 0 || strcmp(cmd, "vérifier") == 0 ||
	    strcmp(cmd, "check") == 0)
		status = cmd_check(nargs, args, &opt);
	else if (strcmp(cmd, "lister") == 0 || strcmp(cmd, "list") == 0)
		status = cmd_list(nargs, args, &opt);
	else if (strcmp(cmd, "nouveau") == 0 || strcmp(cmd, "new") == 0)
		status = cmd_new(nargs, args, &opt);
	else if (strcmp(cmd, "regles") == 0 || strcmp(cmd, "règles") == 0 ||
	    strcmp(cmd, "rules") == 0)
		status = cmd_rules(nargs, args, &opt);
	else if (strcmp(cmd, "expliquer") == 0 || strcmp(cmd, "explain") == 0)
		status = cmd_explain(nargs, args, &opt);
	else if (strcmp(cmd, "lot") == 0 || strcmp(cmd, "batch") == 0)
		status = cmd_batch(nargs, args, &opt);
	else if (strcmp(cmd, "produire") == 0 || strcmp(cmd, "build") == 0)
		status = cmd_build(nargs, args, &opt);
	else if (strcmp(cmd, "modele") == 0 || strcmp(cmd, "modèle") == 0 ||
	    strcmp(cmd, "template") == 0)
		status = cmd_template(nargs, args, &opt);
	else if (strcmp(cmd, "formater") == 0 || strcmp(cmd, "fmt") == 0)
		status = cmd_format(nargs, args, &opt);
	else if (strcmp(cmd, "lsp") == 0)
		status = cmd_lsp(nargs, args, &opt);
	else {
		fprintf(stderr, "missionc : commande inconnue « %s » (voir missionc --help)\n", cmd);
		status = EXIT_USAGE;
	}
	free(args);
	return status;
}
