/* bench_render.c — `make bench`: how fast missionc renders letters.
 *   bench_render N LETTRE…   N letters per format in one process, cycling over
 *                            the given letters: each is checked, lowered and
 *                            rendered (the whole path of a batch), one
 *                            renderer per format reused letter after letter.
 * Prints ms per letter per format, PDF bytes per letter and the process's
 * peak memory; asserts nothing (timings are the machine's, not a test's). */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "missionc.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		if (f)
			fclose(f);
		return NULL;
	}
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static long
peak_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int
main(int argc, char **argv)
{
	static const mc_format formats[] = { MC_FORMAT_PDF, MC_FORMAT_HTML, MC_FORMAT_MARKDOWN };
	static const char *const names[] = { "PDF", "HTML", "Markdown" };
	long n = argc > 1 ? atol(argv[1]) : 0;
	int nletters = argc - 2;
	char **texts;
	size_t *lens;
	mc_stdlib *lib;
	mc_template *t;

	if (n <= 0 || nletters <= 0) {
		fputs("usage : bench_render N LETTRE…\n", stderr);
		return 2;
	}
	texts = calloc((size_t)nletters, sizeof(*texts));
	lens = calloc((size_t)nletters, sizeof(*lens));
	lib = mc_stdlib_open("stdlib");
	t = mc_template_open("templates/defaut", "build/polices");
	if (texts == NULL || lens == NULL || lib == NULL || t == NULL ||
	    mc_template_diag_count(t) > 0) {
		fputs("bench_render : bibliothèque ou modèle illisible\n", stderr);
		return 1;
	}
	for (int i = 0; i < nletters; i++)
		if ((texts[i] = slurp(argv[i + 2], &lens[i])) == NULL) {
			fprintf(stderr, "bench_render : impossible de lire %s\n", argv[i + 2]);
			return 1;
		}
	for (size_t f = 0; f < sizeof(formats) / sizeof(*formats); f++) {
		const char *why = NULL;
		mc_renderer *r = mc_renderer_new(formats[f], t, &why);
		double t0, dt;
		size_t bytes = 0;
		long rss_mid = 0;

		if (r == NULL) {
			fprintf(stderr, "bench_render : %s\n", why ? why : "mémoire insuffisante");
			return 1;
		}
		mc_renderer_set_date(r, 1758000000);
		t0 = now();
		for (long i = 0; i < n; i++) {
			int k = (int)(i % nletters);
			mc_result *res = mc_check(lib, argv[k + 2], texts[k], lens[k]);
			mc_buffer out;

			mc_buffer_init(&out);
			if (res == NULL || mc_render(r, res, &out) != 0) {
				fprintf(stderr, "bench_render : %s ne se produit pas\n", argv[k + 2]);
				return 1;
			}
			bytes += out.len;
			mc_buffer_free(&out);
			mc_result_free(res);
			if (i == n / 10)
				rss_mid = peak_kib();
		}
		dt = now() - t0;
		printf("  %-8s : %7.3f ms par lettre (vérifier + abaisser + rendre ; %ld lettres), %6.0f lettres/s",
		    names[f], dt / (double)n * 1e3, n, (double)n / dt);
		if (formats[f] == MC_FORMAT_PDF)
			printf(", %.1f Ko par lettre", (double)bytes / (double)n / 1024.0);
		else
			printf(", %.1f Ko par lettre", (double)bytes / (double)n / 1024.0);
		printf("\n             mémoire maximale %.1f Mio après %ld lettres, %.1f Mio après %ld\n",
		    (double)rss_mid / 1024.0, n / 10 + 1, (double)peak_kib() / 1024.0, n);
		mc_renderer_free(r);
	}
	for (int i = 0; i < nletters; i++)
		free(texts[i]);
	free(texts);
	free(lens);
	mc_template_close(t);
	mc_stdlib_close(lib);
	return 0;
}
