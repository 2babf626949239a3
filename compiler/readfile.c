/* readfile.c — reading a whole file into memory: the stdlib's référentiels and
 * a template's files (the CLI reads letters itself). */
#include "missionc.h"
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file; on failure returns NULL and sets *err to errno. */
char *
mc_read_file(const char *path, size_t *len, int *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	*err = 0;
	if (f == NULL) {
		*err = errno;
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			char *b;

			cap = cap ? cap * 2 : 65536;
			b = realloc(buf, cap);
			if (b == NULL) {
				*err = ENOMEM;
				break;
			}
			buf = b;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f))
				*err = errno ? errno : EIO;
			break;
		}
	}
	fclose(f);
	if (*err != 0) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The reason a file could not be read, in French (strerror speaks the C
 * locale's English). */
const char *
mc_strerror(int err)
{
	switch (err) {
	case ENOENT:
		return "fichier ou dossier absent";
	case EACCES:
		return "permission refusée";
	case EISDIR:
		return "c’est un dossier, pas un fichier";
	case ENOMEM:
		return "mémoire insuffisante";
	case ENOTDIR:
		return "un élément du chemin n’est pas un dossier";
	case ENOSPC:
		return "plus de place sur le disque";
#ifdef EDQUOT
	case EDQUOT:
		return "quota de disque dépassé";
#endif
	case EROFS:
		return "système de fichiers en lecture seule";
	case ENAMETOOLONG:
		return "nom de fichier trop long";
	case EIO:
		return "erreur d’entrée-sortie";
	case EFBIG:
		return "fichier trop gros pour la limite de taille des fichiers (ulimit -f) ou le système de fichiers";
	case EEXIST:
		return "un fichier de ce nom existe déjà";
	case EMFILE:
	case ENFILE:
		return "trop de fichiers ouverts";
	default:
		return strerror(err);
	}
}
