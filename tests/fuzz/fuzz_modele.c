/* fuzz_modele.c — a template (modele.conf, and the style sheet and logo it
 * may name) on any bytes: « modele.conf NUL lettre.css NUL logo.png », the
 * logo being the rest (a PNG holds NUL bytes), written into a folder of its
 * own. The template is read, its
 * diagnostics printed; when it has no error, one letter is rendered with it
 * in the three formats. Nothing may crash, leak or hang, a renderer refused
 * says why, and a PDF made is whole. An académie's template is as much an
 * input as a letter: its geometry, sizes and texts reach every renderer. */
#define _GNU_SOURCE     /* memmem */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz_common.h"

static mc_stdlib *lib;
static char dir[64];
static char *letter;
static size_t letter_len;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[3] = { "modele.conf", "lettre.css", "logo.png" };

static void
remove_dir(void)
{
	char path[128];

	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *f = fopen("examples/pacte_college.mission", "rb");

	(void)argc;
	(void)argv;
	lib = fuzz_stdlib();
	FUZZ_CHECK(f != NULL, "examples/pacte_college.mission (lancer depuis la racine)");
	letter = malloc(1 << 16);
	FUZZ_CHECK(letter != NULL, "mémoire");
	letter_len = fread(letter, 1, 1 << 16, f);
	fclose(f);
	snprintf(dir, sizeof(dir), "/tmp/fuzz_modele.XXXXXX");
	FUZZ_CHECK(mkdtemp(dir) != NULL, "dossier temporaire");
	atexit(remove_dir);
	return 0;
}

/* Part `i` of the input written as files[i]; absent when the input has no
 * such part. */
static void
write_part(int i, const uint8_t *p, size_t n, int present)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
	unlink(path);
	if (!present)
		return;
	f = fopen(path, "wb");
	FUZZ_CHECK(f != NULL, "écriture du modèle");
	FUZZ_CHECK(n == 0 || fwrite(p, 1, n, f) == n, "écriture du modèle");
	fclose(f);
}

static int
ends_with(const mc_buffer *b, const char *tail)
{
	size_t n = strlen(tail);

	return b->len >= n && memcmp(b->data + b->len - n, tail, n) == 0;
}

static void
render(const mc_template *t)
{
	static const mc_format formats[3] = {
		MC_FORMAT_HTML, MC_FORMAT_MARKDOWN, MC_FORMAT_PDF
	};
	mc_result *res = mc_check(lib, "lettre.mission", letter, letter_len);
	mc_buffer out;

	FUZZ_CHECK(res != NULL && mc_result_worst(res) != MC_ERROR, "lettre d’exemple");
	mc_buffer_init(&out);
	for (int i = 0; i < 3; i++) {
		const char *why = NULL;
		mc_renderer *r = mc_renderer_new(formats[i], t, &why);

		if (r == NULL) {
			FUZZ_CHECK(why != NULL && *why != '\0', "moteur de rendu refusé sans raison");
			continue;
		}
		mc_renderer_set_date(r, 1758000000);
		mc_buffer_clear(&out);
		if (mc_render(r, res, &out) != 0) {
			FUZZ_CHECK(mc_result_worst(res) == MC_ERROR, "rendu refusé sans erreur");
		} else {
			FUZZ_CHECK(!out.failed, "tampon de sortie incomplet");
			if (formats[i] == MC_FORMAT_PDF) {
				FUZZ_CHECK(out.len > 5 && memcmp(out.data, "%PDF-", 5) == 0, "PDF : en-tête");
				FUZZ_CHECK(ends_with(&out, "%%EOF\n") || ends_with(&out, "%%EOF"), "PDF : %%EOF final");
			}
		}
		mc_renderer_free(r);
	}
	mc_buffer_free(&out);
	mc_result_free(res);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	mc_template *t;
	FILE *null;
	int errors = 0;

	for (int i = 0; i < 3; i++) {
		const uint8_t *nul = p != NULL && i < 2 ? memchr(p, 0, (size_t)(end - p)) : NULL;
		const uint8_t *stop = nul != NULL ? nul : end;

		write_part(i, p, p != NULL ? (size_t)(stop - p) : 0, p != NULL);
		p = nul != NULL ? nul + 1 : NULL;
	}
	t = mc_template_open(dir, "build/polices");
	FUZZ_CHECK(t != NULL, "modèle sans résultat");
	null = fopen("/dev/null", "w");
	for (size_t i = 0; i < mc_template_diag_count(t); i++) {
		const mc_diag *d = mc_template_diag(t, i);

		FUZZ_CHECK(d->message != NULL && d->code != NULL, "diagnostic sans message");
		errors += d->severity == MC_ERROR;
		if (null != NULL)
			diag_print_text(null, d);
	}
	if (null != NULL)
		fclose(null);
	if (errors == 0)
		render(t);
	mc_template_close(t);
	return 0;
}
