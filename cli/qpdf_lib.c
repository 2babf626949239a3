/* qpdf_lib.c — libqpdf loaded at run time, for `lot --recueil` only
 * (batch_bundle.c). missionc is not linked against it: every other command
 * starts without libqpdf's C++ runtime and its TLS libraries (about 2 ms of
 * a start that is otherwise under 3). The soname is the one of the
 * libqpdf-dev the program was built with (MISSIONC_QPDF_SONAME, written by
 * the Makefile into qpdf_soname.h); the Debian package depends on that
 * library (debian/rules). */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "qpdf_lib.h"
#include "qpdf_soname.h"

/* Each prototype of QPDF_LIB_FUNCTIONS is the header's, or this does not
 * compile (_Generic does not evaluate, so nothing refers to libqpdf). */
#define QPDF_LIB_CHECK(ret, name, params) \
	_Static_assert(_Generic(qpdf_##name, ret (*) params: 1, default: 0), \
	    "qpdf_" #name " : prototype différent de <qpdf/qpdf-c.h>");
QPDF_LIB_FUNCTIONS(QPDF_LIB_CHECK)
#undef QPDF_LIB_CHECK

int
qpdf_lib_open(qpdf_lib *q, char *why, size_t size)
{
	const char *missing = NULL;
	const char *err;

	memset(q, 0, sizeof(*q));
	dlerror();
	if ((q->handle = dlopen(MISSIONC_QPDF_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		err = dlerror();
		snprintf(why, size, "la bibliothèque %s de qpdf, qui rassemble les recueils, ne peut être chargée : %s ; "
		    "installez-la (paquet libqpdf de la distribution) ou relancez le lot sans --recueil",
		    MISSIONC_QPDF_SONAME, err != NULL ? err : "raison inconnue");
		return -1;
	}
#define QPDF_LIB_LOAD(ret, name, params) \
	if (missing == NULL) { \
		void *sym = dlsym(q->handle, "qpdf_" #name); \
		if (sym == NULL) \
			missing = "qpdf_" #name; \
		else \
			memcpy(&q->name, &sym, sizeof(sym)); \
	}
	QPDF_LIB_FUNCTIONS(QPDF_LIB_LOAD)
#undef QPDF_LIB_LOAD
	if (missing != NULL) {
		snprintf(why, size, "la bibliothèque %s de qpdf n’a pas la fonction %s (version trop ancienne) ; "
		    "mettez-la à jour ou relancez le lot sans --recueil", MISSIONC_QPDF_SONAME, missing);
		qpdf_lib_close(q);
		return -1;
	}
	return 0;
}

void
qpdf_lib_close(qpdf_lib *q)
{
	if (q->handle != NULL)
		dlclose(q->handle);
	memset(q, 0, sizeof(*q));
}
