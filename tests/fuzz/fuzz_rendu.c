/* fuzz_rendu.c — the renderers on any letter that checks: PDF, HTML and
 * Markdown made in memory, each with its invariants. HTML: its elements
 * balanced, no raw control character. Markdown: no raw control character.
 * PDF: starts with %PDF-, has a cross-reference table, ends with %%EOF. */
#define _GNU_SOURCE     /* memmem */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "fuzz_common.h"

static mc_stdlib *lib;
static mc_template *tpl;
static mc_renderer *renderers[3];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* The PDF last: a character it cannot print adds an error to the
	 * result, after which nothing more is rendered. */
	static const mc_format formats[3] = {
		MC_FORMAT_HTML, MC_FORMAT_MARKDOWN, MC_FORMAT_PDF
	};

	(void)argc;
	(void)argv;
	lib = fuzz_stdlib();
	tpl = fuzz_template();
	for (int i = 0; i < 3; i++) {
		renderers[i] = mc_renderer_new(formats[i], tpl, NULL);
		FUZZ_CHECK(renderers[i] != NULL, "moteur de rendu");
		mc_renderer_set_date(renderers[i], 1758000000);
	}
	return 0;
}

/* A control character other than tab and line end, raw. */
static int
has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
			return 1;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return 1;
	}
	return 0;
}

static int
is_void(const char *name, size_t n)
{
	static const char *const v[] = {
		"meta", "br", "img", "link", "hr", "input", "col", "wbr", "area",
		"base", "source", "track", "embed",
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++)
		if (strlen(v[i]) == n && memcmp(v[i], name, n) == 0)
			return 1;
	return 0;
}

/* Every element opened is closed, in order; <style> and comments skipped. */
static int
html_balanced(const char *s, size_t n)
{
	const char *stack[64];
	size_t lens[64], depth = 0;
	const char *p = s, *end = s + n;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *name, *gt = memchr(p, '>', (size_t)(end - p));
		size_t len = 0;
		int closing;

		if (gt == NULL)
			return 0;
		if (p[1] == '!') {                     /* DOCTYPE, comment */
			p = gt + 1;
			continue;
		}
		closing = p[1] == '/';
		name = p + 1 + closing;
		while (name + len < gt && name[len] != ' ' && name[len] != '/')
			len++;
		if (closing) {
			if (depth == 0 || lens[depth - 1] != len ||
			    memcmp(stack[depth - 1], name, len) != 0)
				return 0;
			depth--;
		} else if (!is_void(name, len)) {
			if (depth == 64)
				return 0;
			stack[depth] = name;
			lens[depth++] = len;
			if (len == 5 && memcmp(name, "style", 5) == 0) {
				const char *close = strstr(gt, "</style>");

				if (close == NULL)
					return 0;
				gt = close - 1;
			}
		}
		p = gt + 1;
	}
	return depth == 0;
}

static int
ends_with(const mc_buffer *b, const char *tail)
{
	size_t n = strlen(tail);

	return b->len >= n && memcmp(b->data + b->len - n, tail, n) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_result *res = mc_check(lib, "fuzz.mission", (const char *)data, size);
	mc_buffer out;

	FUZZ_CHECK(res != NULL, "mc_check sans résultat");
	if (mc_result_worst(res) == MC_ERROR) {
		mc_result_free(res);
		return 0;
	}
	mc_buffer_init(&out);
	for (int i = 0; i < 3; i++) {
		mc_buffer_clear(&out);
		if (mc_render(renderers[i], res, &out) != 0) {
			/* Refused only with a diagnostic that says why. */
			FUZZ_CHECK(mc_result_worst(res) == MC_ERROR, "rendu refusé sans erreur");
			continue;
		}
		FUZZ_CHECK(!out.failed, "tampon de sortie incomplet");
		switch (i) {
		case 2:
			FUZZ_CHECK(out.len > 5 && memcmp(out.data, "%PDF-", 5) == 0, "PDF : en-tête");
			FUZZ_CHECK(ends_with(&out, "%%EOF\n") || ends_with(&out, "%%EOF"), "PDF : %%EOF final");
			FUZZ_CHECK(memmem(out.data, out.len, "\nxref", 5) != NULL, "PDF : table xref");
			break;
		case 0:
			FUZZ_CHECK(!has_control(out.data, out.len), "HTML : caractère de contrôle brut");
			FUZZ_CHECK(html_balanced(out.data, out.len), "HTML : éléments mal imbriqués");
			break;
		default:
			FUZZ_CHECK(!has_control(out.data, out.len), "Markdown : caractère de contrôle brut");
			break;
		}
	}
	mc_buffer_free(&out);
	mc_result_free(res);
	return 0;
}
