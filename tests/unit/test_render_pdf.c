/* test_render_pdf.c — the PDF backend (render_pdf.c) on documents built by
 * hand with a template filled by hand: a well-formed file, the same bytes
 * for the same letter and date (fresh or reused mc_pdf), metadata, fonts
 * embedded, a 3 000-character word kept in the margins, « Page 3 sur 3 »,
 * headings kept with what follows, signatures and table rows never split,
 * the table header repeated, the logo, bad templates refused, empty parts,
 * a libharu error that does not stick, memory flat over many letters.
 * Run from the repository root (fonts in build/polices: run « make » first).
 * The PDFs are written next to this test's binary, to be looked at. Checks of
 * the layout read the text back with pdftotext (poppler) and are skipped
 * when it is not installed. */
#define _GNU_SOURCE             /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <time.h>
#include <cmocka.h>
#include <libdeflate.h>

#include "pdf_charset.h"
#include "pdf_encoding.h"
#include "pdf_font.h"
#include "pdf_hyphen.h"
#include "render.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define EPOCH 1757932200    /* 2025-09-15 10:30:00 UTC */

static char outdir[512] = ".";
static int have_pdftotext;

/* A template with the defaults of template.def. */
static void
fill_template(mc_template *t)
{
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < MC_T__COUNT; i++)
		t->v[i].text = "";
	t->v[MC_T_PAGE_WIDTH].number = 210 * MC_PT_PER_MM;
	t->v[MC_T_PAGE_HEIGHT].number = 297 * MC_PT_PER_MM;
	t->v[MC_T_MARGIN_TOP].number = 32 * MC_PT_PER_MM;
	t->v[MC_T_MARGIN_BOTTOM].number = 22 * MC_PT_PER_MM;
	t->v[MC_T_MARGIN_LEFT].number = 22 * MC_PT_PER_MM;
	t->v[MC_T_MARGIN_RIGHT].number = 20 * MC_PT_PER_MM;
	t->v[MC_T_FONT_REGULAR].text = "build/polices/LiberationSans-Regular.ttf";
	t->v[MC_T_FONT_BOLD].text = "build/polices/LiberationSans-Bold.ttf";
	t->v[MC_T_FONT_ITALIC].text = "build/polices/LiberationSans-Italic.ttf";
	t->v[MC_T_SIZE_TEXT].number = 10;
	t->v[MC_T_SIZE_TITLE].number = 17;
	t->v[MC_T_SIZE_HEADING].number = 12;
	t->v[MC_T_SIZE_SMALL].number = 8;
	t->v[MC_T_LINE_HEIGHT].number = 1.3;
	t->v[MC_T_COLOUR_TITLE].rgb = 0x000091;
	t->v[MC_T_COLOUR_TEXT].rgb = 0x161616;
	t->v[MC_T_COLOUR_RULE].rgb = 0x929292;
	t->v[MC_T_COLOUR_SHADE].rgb = 0xeeeef8;
	t->v[MC_T_LOGO_WIDTH].number = 28 * MC_PT_PER_MM;
}

/* tests/modeles/avec_logo/logo.png: 90 × 60 pixels. */
static const unsigned char logo_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x5a, 0x00, 0x00, 0x00, 0x3c,
	0x08, 0x02, 0x00, 0x00, 0x00, 0x69, 0x67, 0x3a, 0x12, 0x00, 0x00, 0x00,
	0x6b, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0xed, 0xd0, 0x41, 0x11, 0x00,
	0x30, 0x0c, 0xc3, 0xb0, 0x30, 0x28, 0xf6, 0x41, 0x1c, 0x92, 0x0d, 0x45,
	0x5e, 0x95, 0xcf, 0x08, 0x94, 0xe4, 0x94, 0x7e, 0xb5, 0x6e, 0xa6, 0x74,
	0x70, 0xe0, 0xc0, 0x81, 0x03, 0x07, 0x0e, 0x1c, 0x38, 0x70, 0xe0, 0xc0,
	0x81, 0x03, 0x07, 0x0e, 0x1c, 0x38, 0x70, 0xe0, 0xc0, 0x81, 0x03, 0x07,
	0x0e, 0x1c, 0x38, 0x70, 0xe0, 0xc0, 0x81, 0x03, 0x07, 0x0e, 0x1c, 0x38,
	0x70, 0xe0, 0xc0, 0x81, 0x03, 0x07, 0x0e, 0x1c, 0x38, 0x70, 0xe0, 0xc0,
	0x81, 0x03, 0x07, 0x0e, 0x1c, 0x38, 0x70, 0xe0, 0xc0, 0x81, 0x03, 0x07,
	0x0e, 0x1c, 0x38, 0x70, 0xe0, 0xc0, 0x81, 0x03, 0xc7, 0x5e, 0x8e, 0x0f,
	0x9f, 0x63, 0x97, 0xc2, 0x73, 0x76, 0x73, 0x8f, 0x00, 0x00, 0x00, 0x00,
	0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};

/* Documents built by hand */

typedef struct builder {
	mc_document doc;
	mc_block blocks[512];
	mc_run runs[2048];
	mc_text texts[1024];
	mc_signer signers[4];
	size_t nblocks, nruns, ntexts;
} builder;

static const char *const header_lines[] = {
	"Académie d’Aix-Marseille", "Lycée professionnel Jean Moulin",
	"UAI 0130012T — Marseille"
};

static builder *
new_doc(void)
{
	builder *b = calloc(1, sizeof(*b));

	assert_non_null(b);
	b->doc.title = "Lettre de mission";
	b->doc.subtitle = "Directeur délégué aux formations professionnelles et "
	    "technologiques (DDFPT)" NBSP ": M. Paul Martin";
	b->doc.period = "Années scolaires 2025-2026 à 2027-2028";
	b->doc.header = header_lines;
	b->doc.nheader = 3;
	b->doc.page_label = "Page {page} sur {pages}";
	b->doc.meta_title = "Lettre de mission — M. Paul Martin — DDFPT";
	b->doc.meta_author = "Lycée professionnel Jean Moulin";
	b->doc.meta_subject = "Années scolaires 2025-2026 à 2027-2028";
	b->doc.blocks = b->blocks;
	return b;
}

/* A text of runs: style, text, style, text…, ending with -1. */
static mc_text
runs(builder *b, ...)
{
	mc_text t = { &b->runs[b->nruns], 0 };
	va_list ap;
	int style;

	va_start(ap, b);
	while ((style = va_arg(ap, int)) >= 0) {
		assert_true(b->nruns < sizeof(b->runs) / sizeof(b->runs[0]));
		b->runs[b->nruns].style = (unsigned)style;
		b->runs[b->nruns++].text = va_arg(ap, const char *);
		t.nruns++;
	}
	va_end(ap);
	return t;
}

static mc_text
plain(builder *b, const char *s)
{
	return runs(b, MC_STYLE_PLAIN, s, -1);
}

static mc_block *
add(builder *b, mc_block_kind kind)
{
	mc_block *bl;

	assert_true(b->nblocks < sizeof(b->blocks) / sizeof(b->blocks[0]));
	bl = &b->blocks[b->nblocks++];
	memset(bl, 0, sizeof(*bl));
	bl->kind = kind;
	b->doc.nblocks = b->nblocks;
	return bl;
}

static void
heading(builder *b, int level, const char *s)
{
	mc_block *bl = add(b, MC_B_HEADING);

	bl->level = level;
	bl->text = runs(b, MC_STYLE_BOLD, s, -1);
}

static void
para(builder *b, mc_para_role role, const char *s)
{
	mc_block *bl = add(b, MC_B_PARAGRAPH);

	bl->role = role;
	bl->text = runs(b, role == MC_P_OBSERVATION ? MC_STYLE_ITALIC :
	    role == MC_P_LABEL ? MC_STYLE_BOLD : MC_STYLE_PLAIN, s, -1);
}

/* A table of ncols columns from strings, row after row (head first when
 * has_head). */
static void
table(builder *b, size_t ncols, size_t nrows, int has_head, const double *widths,
    const unsigned char *numeric, int total, const char *const *cells)
{
	mc_block *bl = add(b, MC_B_TABLE);
	mc_text *t = &b->texts[b->ntexts];
	size_t n = ncols * (nrows + (has_head ? 1 : 0));

	assert_true(b->ntexts + n <= sizeof(b->texts) / sizeof(b->texts[0]));
	for (size_t i = 0; i < n; i++)
		t[i] = cells[i] != NULL ? plain(b, cells[i]) : (mc_text){ NULL, 0 };
	b->ntexts += n;
	bl->table.ncols = ncols;
	bl->table.nrows = nrows;
	bl->table.head = has_head ? t : NULL;
	bl->table.cells = has_head ? t + ncols : t;
	bl->table.numeric = numeric;
	bl->table.widths = widths;
	bl->table.total = total;
}

static void
signatures(builder *b)
{
	mc_block *bl = add(b, MC_B_SIGNATURES);

	b->signers[0] = (mc_signer){ "Cheffe d’établissement", "Mme Claire Durand" };
	b->signers[1] = (mc_signer){ "Directeur délégué aux formations", "M. Paul Martin" };
	bl->signatures.place_date = "Fait à Marseille, le 15" NBSP "septembre" NBSP "2025";
	bl->signatures.mark = "(émargement)";
	bl->signatures.signers = b->signers;
	bl->signatures.nsigners = 2;
}

/* A letter as lower.c makes them: parties, context, pay table, a mission
 * with its activities and observations, clauses, signatures. */
static builder *
letter(void)
{
	static const double w2[] = { 0.36, 0.64 };
	static const double w4[] = { 0.49, 0.17, 0.14, 0.20 };
	static const unsigned char num4[] = { 0, 1, 1, 1 };
	static const char *const parties[] = {
		"Cheffe d’établissement", "Mme Claire Durand, proviseure",
		"DDFPT", "M. Paul Martin, professeur de lycée professionnel (PLP), génie électrique",
		"Établissement", "Lycée professionnel Jean Moulin, Marseille (UAI 0130012T)",
	};
	static const char *const pay[] = {
		"Mission", "Parts", "Taux", "Montant annuel",
		"Coordination des PFMP", "2", "1" NBSP "250" NBSP "€", "2" NBSP "500,00" NBSP "€",
		"Référent «" NNBSP "chef-d’œuvre" NNBSP "» des CAP", "1", "1" NBSP "250" NBSP "€", "1" NBSP "250,00" NBSP "€",
		"Suivi des ateliers pendant les travaux du plateau technique de maintenance", "1", "1" NBSP "250" NBSP "€", "1" NBSP "250,00" NBSP "€",
		"Total", "4", NULL, "5" NBSP "000,00" NBSP "€",
	};
	builder *b = new_doc();
	mc_block *bl;

	heading(b, 1, "Les parties");
	table(b, 2, 3, 0, w2, NULL, 0, parties);
	heading(b, 1, "Contexte de cette lettre de mission");
	para(b, MC_P_BODY, "Le lycée accueille 650 élèves en CAP, baccalauréat "
	    "professionnel et BTS dans les filières de l’électrotechnique, de la "
	    "maintenance des systèmes de production et du commerce. Une section "
	    "d’apprentissage mixte a ouvert à la rentrée 2025. Il reçoit aussi des "
	    "élèves de troisième prépa-métiers" NBSP ": une fenêtre sur l’entreprise.");
	bl = add(b, MC_B_PARAGRAPH);
	bl->role = MC_P_BODY;
	bl->text = runs(b, MC_STYLE_PLAIN, "Le DDFPT exerce ses missions ",
	    MC_STYLE_BOLD, "sous l’autorité du chef d’établissement",
	    MC_STYLE_PLAIN, NNBSP "; il est membre de l’équipe de direction et "
	    "travaille avec «" NNBSP "l’adjoint gestionnaire" NNBSP "», les "
	    "coordonnateurs et les entreprises partenaires. Œuvre commune, cœur du "
	    "projet", MC_STYLE_ITALIC, " (voir l’annexe)", MC_STYLE_PLAIN, "…", -1);
	bl = add(b, MC_B_LIST);
	bl->items = &b->texts[b->ntexts];
	b->texts[b->ntexts++] = plain(b, "conseiller le chef d’établissement sur "
	    "l’organisation des enseignements professionnels et technologiques");
	b->texts[b->ntexts++] = plain(b, "coordonner les périodes de formation en "
	    "milieu professionnel (PFMP)");
	b->texts[b->ntexts++] = plain(b, "animer les relations avec les entreprises, "
	    "les branches et la Région");
	bl->nitems = 3;
	heading(b, 1, "Parts fonctionnelles et rémunération");
	table(b, 4, 4, 1, w4, num4, 1, pay);
	para(b, MC_P_NOTE, "Valeur annuelle d’une part" NBSP ": 1" NBSP "250" NBSP "€.");
	heading(b, 1, "Organiser les enseignements");
	para(b, MC_P_NOTE, "Mission principale.");
	para(b, MC_P_BODY, "Le DDFPT organise les enseignements professionnels et "
	    "technologiques, en lien avec les corps d’inspection, et veille à la "
	    "cohérence des parcours des élèves.");
	para(b, MC_P_ACTIVITY, "Évaluer les moyens nécessaires aux formations "
	    "(heures, matériels, matière d’œuvre) et préparer la répartition de la "
	    "dotation horaire globale.");
	para(b, MC_P_LABEL, "Observations et détails de l’activité demandée" NBSP ":");
	para(b, MC_P_OBSERVATION, "Préparer la répartition de la DHG avec les "
	    "coordonnateurs de filière, en janvier.");
	para(b, MC_P_ACTIVITY, "Participer à l’élaboration des emplois du temps.");
	para(b, MC_P_LABEL, "Observations et détails de l’activité demandée" NBSP ":");
	para(b, MC_P_OBSERVATION, "Veiller aux alternances des PFMP dans les emplois "
	    "du temps des classes de première et planifier l’usage des ateliers "
	    "pendant les travaux du plateau technique, en lien avec l’adjoint "
	    "gestionnaire et l’entreprise titulaire du marché.");
	heading(b, 2, "Suivi des ateliers");
	para(b, MC_P_BODY, "Le DDFPT suit le chantier du plateau technique avec la "
	    "Région et organise la continuité des enseignements" NNBSP "; il rend "
	    "compte chaque trimestre.");
	heading(b, 1, "Moyens alloués");
	para(b, MC_P_BODY, "Un bureau équipé, un ordinateur portable et un accès "
	    "aux logiciels de gestion de l’établissement.");
	heading(b, 1, "Bilan d’activité");
	para(b, MC_P_BODY, "Le bilan d’activité de la mission est remis à Mme "
	    "Claire Durand (cheffe d’établissement).");
	signatures(b);
	return b;
}

/* Rendering */

static mc_template tpl;

static mc_pdf *
new_pdf(const mc_template *t)
{
	const char *error = NULL;
	mc_pdf *p = mc_pdf_new(t, &error);

	if (p == NULL)
		fail_msg("mc_pdf_new : %s (lancez « make » pour build/polices)",
		    error != NULL ? error : "?");
	return p;
}

static mc_buffer
render(mc_pdf *p, const builder *b, int64_t epoch)
{
	mc_buffer out;

	mc_buffer_init(&out);
	assert_int_equal(mc_render_pdf(p, &b->doc, epoch, &out), 0);
	assert_false(out.failed);
	return out;
}

static const char *
write_pdf(const char *name, const mc_buffer *out)
{
	static char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(out->data, 1, out->len, f), out->len);
	fclose(f);
	return path;
}

static size_t
count(const mc_buffer *out, const char *what)
{
	size_t n = 0, len = strlen(what);

	for (size_t i = 0; i + len <= out->len; i++)
		if (memcmp(out->data + i, what, len) == 0)
			n++;
	return n;
}

static size_t
pages(const mc_buffer *out)
{
	return count(out, "/Type /Page") - count(out, "/Type /Pages");
}

/* The text of a page (0: all), by pdftotext; NULL when it is not installed. */
static char *
page_text(const char *path, int page, int bbox)
{
	char cmd[800], *text;
	size_t len = 0, cap = 1 << 16;
	FILE *f;

	if (!have_pdftotext)
		return NULL;
	if (page > 0)
		snprintf(cmd, sizeof(cmd), "pdftotext %s -f %d -l %d -enc UTF-8 '%s' -",
		    bbox ? "-bbox" : "", page, page, path);
	else
		snprintf(cmd, sizeof(cmd), "pdftotext %s -enc UTF-8 '%s' -",
		    bbox ? "-bbox" : "", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	text = malloc(cap);
	assert_non_null(text);
	for (size_t n; (n = fread(text + len, 1, cap - len - 1, f)) > 0;) {
		len += n;
		if (cap - len < 2) {
			text = realloc(text, cap *= 2);
			assert_non_null(text);
		}
	}
	text[len] = '\0';
	assert_int_equal(pclose(f), 0);
	return text;
}

/* Tests */

static void
well_formed(void **state)
{
	mc_pdf *p = new_pdf(&tpl);
	builder *b = letter();
	mc_buffer out = render(p, b, EPOCH);
	char *text;

	(void)state;
	assert_true(out.len > 1000);
	assert_memory_equal(out.data, "%PDF-", 5);
	assert_non_null(strstr(out.data + out.len - 8, "%%EOF"));
	/* Three fonts embedded, the Info strings in UTF-16 (« é » is 00E9). */
	assert_int_equal(count(&out, "/FontFile2"), 3);
	assert_int_equal(count(&out, "/Creator <FEFF006D0069007300730069006F006E0063>"), 1);
	assert_int_equal(count(&out, "/Title <FEFF004C0065007400740072006500200064006500200"
	    "06D0069007300730069006F006E00202014"), 1);
	assert_int_equal(count(&out, "/Author <FEFF004C0079006300E90065"), 1);
	assert_int_equal(count(&out, "/CreationDate (D:20250915103000Z"), 1);
	assert_int_equal(count(&out, "/ModDate (D:20250915103000Z"), 1);
	print_message("lettre.pdf : %zu octets, %zu pages\n", out.len, pages(&out));
	assert_true(out.len < 60000);
	text = page_text(write_pdf("lettre.pdf", &out), 0, 0);
	if (text != NULL) {
		static const char *const want[] = {
			"Académie d’Aix-Marseille", "Lettre de mission",
			"Référent « chef-d’œuvre » des CAP", "5 000,00 €",
			"sous l’autorité du chef d’établissement ; il est membre",
			"Œuvre commune, cœur du projet (voir l’annexe)…",
			"Évaluer les moyens nécessaires", "(émargement)",
			"reçoit aussi des élèves", "fenêtre sur l’entreprise",
			"matière d’œuvre",
			"Fait à Marseille, le 15 septembre 2025", "Page 1 sur 2",
			"Page 2 sur 2", "• coordonner les périodes",
		};

		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
			if (strstr(text, want[i]) == NULL)
				fail_msg("absent du texte : « %s »\n%s", want[i], text);
		free(text);
	}
	mc_buffer_free(&out);
	free(b);
	mc_pdf_free(p);
}

/* A letter of nfill paragraphs after the usual one. */
static builder *
long_letter(size_t nfill)
{
	builder *b = letter();
	mc_block last = b->blocks[--b->nblocks];

	for (size_t i = 0; i < nfill; i++)
		para(b, MC_P_BODY, "Paragraphe de remplissage pour allonger la lettre "
		    "jusqu’à trois pages : le texte revient à la ligne aux espaces, "
		    "sans césure, et chaque ligne reste dans les marges de la page.");
	b->blocks[b->nblocks++] = last;
	b->doc.nblocks = b->nblocks;
	return b;
}

static void
same_bytes(void **state)
{
	mc_pdf *reused = new_pdf(&tpl), *fresh = new_pdf(&tpl);
	builder *b = letter(), *other = long_letter(40);
	mc_buffer first = render(reused, b, EPOCH), between, again, by_fresh, later, undated;

	(void)state;
	/* Characters the first letter has not: libharu keeps the glyphs it has
	 * seen from letter to letter; the first letter must not get them. */
	para(other, MC_P_BODY, "Æsthète ¿¡ ½ ¼ © ® ™ ‰ † ‡ ƒ ß Ø þ µ ¶ § ¤ ¥ £ ¢");
	between = render(reused, other, EPOCH);
	again = render(reused, b, EPOCH);
	by_fresh = render(fresh, b, EPOCH);
	later = render(reused, b, EPOCH + 3600);
	undated = render(reused, b, 0);
	assert_int_equal(first.len, again.len);
	assert_memory_equal(first.data, again.data, first.len);
	assert_int_equal(first.len, by_fresh.len);
	assert_memory_equal(first.data, by_fresh.data, first.len);
	assert_true(later.len != first.len || memcmp(later.data, first.data, first.len) != 0);
	assert_int_equal(count(&undated, "/CreationDate"), 0);
	assert_int_equal(count(&undated, "/ModDate"), 0);
	mc_buffer_free(&first);
	mc_buffer_free(&between);
	mc_buffer_free(&again);
	mc_buffer_free(&by_fresh);
	mc_buffer_free(&later);
	mc_buffer_free(&undated);
	free(b);
	free(other);
	mc_pdf_free(reused);
	mc_pdf_free(fresh);
}

/* No word of the bounding boxes pdftotext gives ends right of the margin. */
static void
within_margins(const char *bbox)
{
	double right = (210 - 20) * MC_PT_PER_MM + 0.5;

	for (const char *s = strstr(bbox, "xMax=\""); s != NULL;
	    s = strstr(s + 1, "xMax=\"")) {
		double x = strtod(s + 6, NULL);

		if (x > right)
			fail_msg("un mot dépasse la marge de droite : xMax=%.1f > %.1f", x, right);
	}
}

static void
long_word(void **state)
{
	mc_pdf *p = new_pdf(&tpl);
	builder *b = letter();
	char *word = malloc(3001), *text;
	size_t kept = 0;
	mc_buffer out;

	(void)state;
	assert_non_null(word);
	for (int i = 0; i < 3000; i += 2)
		memcpy(word + i, "Ab", 2);
	word[3000] = '\0';
	b->blocks[b->nblocks - 1].kind = MC_B_PARAGRAPH;    /* the signatures */
	b->blocks[b->nblocks - 1].role = MC_P_OBSERVATION;
	b->blocks[b->nblocks - 1].text = runs(b, MC_STYLE_ITALIC, word, -1);
	out = render(p, b, EPOCH);
	text = page_text(write_pdf("mot_3000.pdf", &out), 0, 1);
	if (text != NULL) {
		within_margins(text);
		free(text);
		/* Cut between characters, no hyphen added: all 3 000 come back. */
		text = page_text(write_pdf("mot_3000.pdf", &out), 0, 0);
		for (const char *c = text; *c != '\0'; c++)
			kept += *c == 'A' || *c == 'b';
		assert_true(kept >= 3000);
		assert_null(strstr(text, "Ab-"));
		free(text);
	}
	mc_buffer_free(&out);
	free(word);
	free(b);
	mc_pdf_free(p);
}

static void
three_pages(void **state)
{
	mc_pdf *p = new_pdf(&tpl);
	size_t n = 0;
	mc_buffer out;
	char *text;

	(void)state;
	/* The fewest filler paragraphs that make three pages. */
	for (size_t nfill = 10;; nfill += 2) {
		builder *b = long_letter(nfill);

		out = render(p, b, EPOCH);
		free(b);
		n = pages(&out);
		if (n >= 3)
			break;
		mc_buffer_free(&out);
	}
	assert_int_equal(n, 3);
	print_message("trois_pages.pdf : %zu octets\n", out.len);
	assert_true(out.len < 60000);
	text = page_text(write_pdf("trois_pages.pdf", &out), 0, 0);
	if (text != NULL) {
		assert_non_null(strstr(text, "Page 1 sur 3"));
		assert_non_null(strstr(text, "Page 2 sur 3"));
		assert_non_null(strstr(text, "Page 3 sur 3"));
		free(text);
		/* The header on every page. */
		for (int pg = 1; pg <= 3; pg++) {
			text = page_text(write_pdf("trois_pages.pdf", &out), pg, 0);
			assert_non_null(strstr(text, "UAI 0130012T — Marseille"));
			free(text);
		}
	}
	mc_buffer_free(&out);
	mc_pdf_free(p);
}

/* The text of each page, by pdftotext; texts[0] unused. */
static char **
page_texts(const char *path, int npages)
{
	char **texts = calloc((size_t)npages + 1, sizeof(*texts));

	assert_non_null(texts);
	for (int pg = 1; pg <= npages; pg++)
		texts[pg] = page_text(path, pg, 0);
	return texts;
}

static void
free_texts(char **texts, int npages)
{
	for (int pg = 1; pg <= npages; pg++)
		free(texts[pg]);
	free(texts);
}

/* The page where `what` is, or 0. */
static int
page_of(char **texts, int npages, const char *what)
{
	for (int pg = 1; pg <= npages; pg++)
		if (strstr(texts[pg], what) != NULL)
			return pg;
	return 0;
}

/* The bottom of a word on a page (pdftotext -bbox: y downwards), or -1. */
static double
word_bottom(const char *bbox, const char *word)
{
	char tag[80];
	const char *w, *y;

	snprintf(tag, sizeof(tag), ">%s</word>", word);
	if ((w = strstr(bbox, tag)) == NULL)
		return -1;
	for (y = w; y > bbox && strncmp(y, "yMax=\"", 6) != 0; y--)
		;
	return strtod(y + 6, NULL);
}

/* For every amount of text before them, a heading is followed on its page
 * by the start of its paragraph, and the signature block stays whole, with
 * its room to sign above the bottom margin. */
static void
kept_together(void **state)
{
	mc_pdf *p = new_pdf(&tpl);

	(void)state;
	if (!have_pdftotext)
		skip();
	for (size_t nfill = 0; nfill < 64; nfill++) {
		builder *b = new_doc();
		mc_buffer out;
		char **texts, *bbox;
		double low;
		int n, at;

		for (size_t i = 0; i < nfill; i++)
			para(b, MC_P_BODY, "Une ligne de texte.");
		heading(b, 1, "Titre gardé");
		para(b, MC_P_BODY, "Première ligne du paragraphe qui suit le titre, "
		    "assez longue pour tenir sur deux lignes de la page, et même un peu "
		    "plus que cela pour être sûr.");
		for (size_t i = 0; i < 40; i++)
			para(b, MC_P_BODY, "Une ligne de texte.");
		signatures(b);
		out = render(p, b, EPOCH);
		n = (int)pages(&out);
		texts = page_texts(write_pdf("ensemble.pdf", &out), n);
		at = page_of(texts, n, "Titre gardé");
		assert_int_not_equal(at, 0);
		assert_int_equal(page_of(texts, n, "Première ligne du paragraphe"), at);
		assert_int_equal(page_of(texts, n, "deux lignes de la page"), at);
		at = page_of(texts, n, "Fait à Marseille");
		assert_int_not_equal(at, 0);
		assert_int_equal(page_of(texts, n, "(émargement)"), at);
		assert_int_equal(page_of(texts, n, "Mme Claire Durand"), at);
		assert_int_equal(page_of(texts, n, "M. Paul Martin"), at);
		free_texts(texts, n);
		bbox = page_text(write_pdf("ensemble.pdf", &out), at, 1);
		low = word_bottom(bbox, "Martin");
		assert_true(low > 0);
		assert_true(low + 30 * MC_PT_PER_MM <= (297 - 22) * MC_PT_PER_MM + 1);
		free(bbox);
		mc_buffer_free(&out);
		free(b);
	}
	mc_pdf_free(p);
}

/* A long table goes on on the next page under its header row again; no
 * row is split. */
static void
long_table(void **state)
{
	static const double w[] = { 0.6, 0.4 };
	static const unsigned char num[] = { 0, 1 };
	const char *cells[2 * 71];
	char labels[70][120];
	mc_pdf *p = new_pdf(&tpl);
	builder *b = new_doc();
	mc_buffer out;
	char **texts;
	int n;

	(void)state;
	cells[0] = "Mission";
	cells[1] = "Heures";
	for (int r = 0; r < 70; r++) {
		snprintf(labels[r], sizeof(labels[r]), "Ligne %d du tableau, un libellé "
		    "assez long pour aller sur deux lignes, fin de la ligne %d.", r + 1, r + 1);
		cells[2 + 2 * r] = labels[r];
		cells[3 + 2 * r] = "12,5" NBSP "h";
	}
	table(b, 2, 70, 1, w, num, 0, cells);
	out = render(p, b, EPOCH);
	n = (int)pages(&out);
	assert_true(n >= 3);
	texts = page_texts(write_pdf("tableau.pdf", &out), n);
	for (int pg = 1; have_pdftotext && pg <= n; pg++)
		assert_non_null(strstr(texts[pg], "Mission"));
	for (int r = 1; have_pdftotext && r <= 70; r++) {
		char first[40], last[40];

		snprintf(first, sizeof(first), "Ligne %d du tableau", r);
		snprintf(last, sizeof(last), "fin de la ligne %d.", r);
		assert_int_not_equal(page_of(texts, n, first), 0);
		assert_int_equal(page_of(texts, n, first), page_of(texts, n, last));
	}
	free_texts(texts, n);
	mc_buffer_free(&out);
	free(b);
	mc_pdf_free(p);
	if (!have_pdftotext)
		skip();
}

static void
logo_and_bad_templates(void **state)
{
	mc_template t;
	const char *error = NULL;
	mc_pdf *p;
	builder *b = letter();
	mc_buffer out;
	char *text;

	(void)state;
	fill_template(&t);
	t.logo = logo_png;
	t.logo_len = sizeof(logo_png);
	t.logo_w = 90;
	t.logo_h = 60;
	p = new_pdf(&t);
	out = render(p, b, EPOCH);
	assert_int_equal(count(&out, "/Subtype /Image"), 1);
	text = page_text(write_pdf("logo.pdf", &out), 1, 0);
	if (text != NULL) {
		assert_non_null(strstr(text, "Académie d’Aix-Marseille"));
		free(text);
	}
	mc_buffer_free(&out);
	mc_pdf_free(p);

	/* A logo that is no PNG, a font that is not there: refused, said why. */
	t.logo = (const unsigned char *)"pas une image";
	t.logo_len = 13;
	assert_null(mc_pdf_new(&t, &error));
	assert_non_null(error);
	assert_non_null(strstr(error, "logo"));
	fill_template(&t);
	t.v[MC_T_FONT_BOLD].text = "build/polices/absente.ttf";
	error = NULL;
	assert_null(mc_pdf_new(&t, &error));
	assert_non_null(error);
	assert_non_null(strstr(error, "police.gras"));
	free(b);
}

/* Letters that go wrong do not poison the next: a character the fonts
 * cannot print is skipped (render.c refuses such letters first). */
static void
unprintable_skipped(void **state)
{
	mc_pdf *p = new_pdf(&tpl), *fresh = new_pdf(&tpl);
	builder *b = letter(), *good = letter();
	mc_buffer out, ok, ref;

	(void)state;
	para(b, MC_P_BODY, "Un caractère hors de Windows-1252" NBSP ": \xe2\x88\x9e, "
	    "un emoji \xf0\x9f\x98\x80 et une tabulation\tici.");
	out = render(p, b, EPOCH);
	ok = render(p, good, EPOCH);
	ref = render(fresh, good, EPOCH);
	assert_int_equal(ok.len, ref.len);
	assert_memory_equal(ok.data, ref.data, ok.len);
	mc_buffer_free(&out);
	mc_buffer_free(&ok);
	mc_buffer_free(&ref);
	free(b);
	free(good);
	mc_pdf_free(p);
	mc_pdf_free(fresh);
}

/* What lowering may leave out or leave empty. */
static void
edge_cases(void **state)
{
	static const char *const head_only[] = { "Colonne", "Autre" };
	static const mc_signer four[] = {
		{ "Chef d’établissement", "Mme A" }, { "Adjoint", "M. B" },
		{ "Gestionnaire", "Mme C" }, { "Enseignant", "M. D" },
	};
	mc_pdf *p = new_pdf(&tpl);
	builder *b = new_doc();
	mc_block *bl;
	mc_buffer out;

	(void)state;
	b->doc.title = NULL;
	b->doc.subtitle = b->doc.period = NULL;
	b->doc.nheader = 0;
	b->doc.page_label = NULL;
	b->doc.meta_title = b->doc.meta_author = b->doc.meta_subject = NULL;
	out = render(p, b, 0);    /* no block at all */
	assert_int_equal(pages(&out), 1);
	mc_buffer_free(&out);
	add(b, MC_B_PARAGRAPH);                   /* an empty text */
	add(b, MC_B_LIST);                        /* no item */
	table(b, 2, 0, 1, NULL, NULL, 0, head_only);
	add(b, MC_B_SIGNATURES);                  /* nobody, no place */
	bl = add(b, MC_B_SIGNATURES);
	bl->signatures.signers = four;
	bl->signatures.nsigners = 4;
	bl->signatures.mark = "(émargement)";
	heading(b, 2, "Un titre en dernier");
	out = render(p, b, 0);
	assert_memory_equal(out.data, "%PDF-", 5);
	write_pdf("cas_limites.pdf", &out);
	mc_buffer_free(&out);
	free(b);
	mc_pdf_free(p);
}

/* A letter that makes libharu fail (here: a title too large for it) gives
 * -1, and the next letter on the same mc_pdf is as a fresh one makes it. */
static void
error_does_not_stick(void **state)
{
	mc_template t;
	mc_pdf *p, *fresh;
	builder *bad = letter(), *good = letter();
	mc_buffer out, ok, ref;

	(void)state;
	fill_template(&t);
	t.v[MC_T_SIZE_TITLE].number = 700;    /* libharu takes 600 at most */
	p = new_pdf(&t);
	fresh = new_pdf(&t);
	good->doc.title = "";
	mc_buffer_init(&out);
	assert_int_equal(mc_render_pdf(p, &bad->doc, EPOCH, &out), -1);
	ok = render(p, good, EPOCH);
	ref = render(fresh, good, EPOCH);
	assert_int_equal(ok.len, ref.len);
	assert_memory_equal(ok.data, ref.data, ok.len);
	mc_buffer_free(&out);
	mc_buffer_free(&ok);
	mc_buffer_free(&ref);
	free(bad);
	free(good);
	mc_pdf_free(p);
	mc_pdf_free(fresh);
}

/* The regular font's file (the first one embedded), as deflated. */
static void
regular_font_file(const mc_buffer *pdf, const char **at, size_t *len)
{
	const char *p = memmem(pdf->data, pdf->len, "/Length1", 8), *end;

	assert_non_null(p);
	p = memmem(p, pdf->len - (size_t)(p - pdf->data), "stream", 6);
	assert_non_null(p);
	p += 6;
	p += *p == '\r' ? 2 : 1;
	end = memmem(p, pdf->len - (size_t)(p - pdf->data), "endstream", 9);
	assert_non_null(end);
	*at = p;
	*len = (size_t)(end - p);
}

/* The regular font embeds the French alphabet whatever the letter shows:
 * two letters whose names differ in it embed the same font file (made and
 * deflated once in a batch); a name with a letter beyond it, another. */
static void
common_glyphs(void **state)
{
	mc_pdf *p = new_pdf(&tpl);
	builder *a = letter(), *b = letter(), *c = letter();
	mc_buffer ra, rb, rc;
	const char *fa, *fb, *fc;
	size_t la, lb, lc;

	(void)state;
	a->doc.subtitle = "DDFPT" NBSP ": M. Paul Martin";
	b->doc.subtitle = "DDFPT" NBSP ": Mme Zoé Kowalczyk-Ÿvärt, Œdipe, Ùrsula";
	c->doc.subtitle = "DDFPT" NBSP ": M. Søren Martin";
	ra = render(p, a, EPOCH);
	rb = render(p, b, EPOCH);
	rc = render(p, c, EPOCH);
	regular_font_file(&ra, &fa, &la);
	regular_font_file(&rb, &fb, &lb);
	regular_font_file(&rc, &fc, &lc);
	assert_int_equal(la, lb);
	assert_memory_equal(fa, fb, la);
	assert_true(lc != la || memcmp(fa, fc, la) != 0);
	mc_buffer_free(&ra);
	mc_buffer_free(&rb);
	mc_buffer_free(&rc);
	free(a);
	free(b);
	free(c);
	mc_pdf_free(p);
}

/* render_pdf.c reads each byte's width with mc_pdf_code_width: the same as
 * libharu's HPDF_Font_TextWidth of that one byte, on every byte of the three
 * fonts and of their extended subsets (in their own encoding). */
static void
widths_as_libharu_measures(void **state)
{
	static const char *const files[] = {
		"build/polices/LiberationSans-Regular.ttf",
		"build/polices/LiberationSans-Bold.ttf",
		"build/polices/LiberationSans-Italic.ttf",
		"build/polices/LiberationSans-Regular-Ext.ttf",
		"build/polices/LiberationSans-Bold-Ext.ttf",
		"build/polices/LiberationSans-Italic-Ext.ttf",
	};
	HPDF_Doc pdf = HPDF_New(NULL, NULL);

	(void)state;
	assert_non_null(pdf);
	assert_int_equal(mc_pdf_register_ext_encoding(pdf), HPDF_OK);
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		const char *name = f < 3 ? mc_pdf_load_ttf(pdf, files[f]) :
		    mc_pdf_load_ttf_as(pdf, files[f], "Ext");
		const char *encoding = f < 3 ? "WinAnsiEncoding" : MC_EXT_ENCODING;
		HPDF_Font font;
		HPDF_Encoder enc;
		int differ = 0;

		assert_non_null(name);
		font = HPDF_GetFont(pdf, name, encoding);
		enc = HPDF_GetEncoder(pdf, encoding);
		assert_non_null(font);
		assert_non_null(enc);
		for (unsigned c = 0x20; c < 256; c++) {
			HPDF_BYTE b = (HPDF_BYTE)c;
			HPDF_UINT libharu = HPDF_Font_TextWidth(font, &b, 1).width;
			HPDF_INT ours = mc_pdf_code_width(font, enc, b);

			assert_int_equal(ours, (HPDF_INT)libharu);
			differ |= c > 0x20 && libharu != HPDF_Font_TextWidth(font,
			    (const HPDF_BYTE *)" ", 1).width;
		}
		assert_true(differ);    /* not a font of equal widths */
	}
	HPDF_Free(pdf);
}

static size_t
heap_in_use(void)
{
	return mallinfo2().uordblks;
}

static void
memory_flat_and_speed(void **state)
{
	mc_pdf *p = new_pdf(&tpl);
	builder *b = long_letter(30);
	size_t before;
	struct timespec t0, t1;
	const int n = 300;

	(void)state;
	for (int i = 0; i < 20; i++) {
		mc_buffer out = render(p, b, EPOCH);

		mc_buffer_free(&out);
	}
	before = heap_in_use();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < n; i++) {
		mc_buffer out = render(p, b, EPOCH);

		mc_buffer_free(&out);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("%.2f ms par lettre de trois pages (%d lettres)\n",
	    ((double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) / n, n);
	assert_true(heap_in_use() <= before + 64 * 1024);
	free(b);
	mc_pdf_free(p);
}

/* The extended encoding: one byte a letter, never 0x20 (a space for the
 * layout), none of Windows-1252 twice, and each byte back to its letter. */
static void
extended_encoding(void **state)
{
	unsigned n = 0;

	(void)state;
	assert_true(mc_pdf_ext_last() <= 0xFF);
	for (uint32_t cp = 0; cp < 0x10000; cp++) {
		unsigned char c = mc_pdf_ext_code(cp);

		if (c == 0)
			continue;
		n++;
		assert_true(c >= MC_EXT_FIRST && c <= mc_pdf_ext_last());
		assert_int_equal(mc_cp1252(cp), 0);
		assert_int_equal(mc_pdf_ext_unicode(c), cp);
	}
	assert_int_equal(n, mc_pdf_ext_last() - MC_EXT_FIRST + 1);
	/* Turkish, Polish, Romanian, Czech, Vietnamese */
	assert_true(mc_pdf_printable(0x015F) && mc_pdf_printable(0x0131) &&
	    mc_pdf_printable(0x0141) && mc_pdf_printable(0x0219) &&
	    mc_pdf_printable(0x0159) && mc_pdf_printable(0x1EC5) &&
	    mc_pdf_printable(0x0111));
	assert_false(mc_pdf_printable(0x202E) || mc_pdf_printable(0x200B) ||
	    mc_pdf_printable(0x1F44D) || mc_pdf_printable(0x0301));
}

static void
assert_same(const mc_buffer *a, const mc_buffer *b)
{
	assert_int_equal(a->len, b->len);
	assert_memory_equal(a->data, b->data, a->len);
}

/* The extended fonts are loaded when a letter first needs one, by the check
 * (mc_pdf_can_print) or while it is laid out: a letter with a Polish name
 * gives the same bytes from a new renderer, after Windows-1252 letters and
 * after the check, its extended fonts tagged after the three others (as
 * when they were loaded with them); a Windows-1252 letter the same bytes
 * before and after it, with no extended font. */
static void
extended_fonts_when_needed(void **state)
{
	builder *latin = letter(), *polish = letter();
	mc_pdf *alone = new_pdf(&tpl), *after = new_pdf(&tpl), *checked = new_pdf(&tpl);
	mc_buffer a, b, c, w1, w2, w3;

	(void)state;
	polish->signers[1].name = "M. Łukasz Wróblewski-Ściborski";
	polish->runs[polish->nruns - 1].text = "Żaneta Kowalczyk, ąęłńśźż";
	a = render(alone, polish, EPOCH);
	w3 = render(alone, latin, EPOCH);
	w1 = render(after, latin, EPOCH);
	w2 = render(after, latin, EPOCH);
	b = render(after, polish, EPOCH);
	assert_true(mc_pdf_can_print(checked, 0x0141));        /* Ł */
	c = render(checked, polish, EPOCH);
	assert_same(&a, &b);
	assert_same(&a, &c);
	assert_same(&w1, &w2);
	assert_same(&w1, &w3);
	assert_true(count(&a, "/FontFile2") > 3);
	assert_int_equal(count(&a, "/BaseFont /HPDFAD+LiberationSansExt"), 1);
	assert_int_equal(count(&w1, "Ext"), 0);
	assert_int_equal(count(&w1, "/FontFile2"), 3);
	mc_buffer_free(&a);
	mc_buffer_free(&b);
	mc_buffer_free(&c);
	mc_buffer_free(&w1);
	mc_buffer_free(&w2);
	mc_buffer_free(&w3);
	mc_pdf_free(alone);
	mc_pdf_free(after);
	mc_pdf_free(checked);
	free(latin);
	free(polish);
}

/* A font file not named « .ttf » has no F-Ext.ttf beside it: its letters
 * beyond Windows-1252 are refused, and a letter that has some anyway renders
 * without them. */
static void
no_extended_fonts(void **state)
{
	mc_template t = tpl;
	char path[600], cmd[700];
	builder *polish = letter();
	mc_pdf *p;
	mc_buffer out;

	(void)state;
	snprintf(path, sizeof(path), "%s/police-sans-extension.TTF", outdir);
	snprintf(cmd, sizeof(cmd), "cp build/polices/LiberationSans-Regular.ttf '%s'", path);
	assert_int_equal(system(cmd), 0);
	t.v[MC_T_FONT_REGULAR].text = path;
	p = new_pdf(&t);
	assert_false(mc_pdf_can_print(p, 0x0141));      /* Ł */
	assert_true(mc_pdf_can_print(p, 0x00E9));       /* é */
	polish->signers[1].name = "M. Łukasz Wróblewski";
	out = render(p, polish, EPOCH);
	assert_int_equal(count(&out, "Ext"), 0);
	mc_buffer_free(&out);
	mc_pdf_free(p);
	free(polish);
}

/* French hyphenation (libhyphen, hyphen-fr): « éta-blis-se-ment », by
 * Windows-1252 letters; two letters at least before a cut, three after. */
static void
french_hyphenation(void **state)
{
	mc_hyphen *h = mc_hyphen_fr();
	const unsigned char word[] = "\xe9tablissement", want[13] = {
		0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0 };
	unsigned char after[16];

	(void)state;
	assert_non_null(h);
	assert_int_equal(mc_hyphen_points(h, word, 13, after), 3);
	assert_memory_equal(after, want, 13);
	assert_int_equal(mc_hyphen_points(h, (const unsigned char *)"pdf", 3, after), 0);
	mc_hyphen_free(h);
}

static int
same_string(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The patterns built in at compile time (tools/hyphen_table.c) are the
 * dictionary libhyphen builds from hyphen-fr's file, state for state, in
 * every level of the chain. */
static void
built_in_patterns(void **state)
{
	mc_hyphen *file = mc_hyphen_load(MC_HYPHEN_FR), *built = mc_hyphen_fr();
	const HyphenDict *a, *b;
	int levels = 0;

	(void)state;
	if (file == NULL)
		skip();    /* hyphen-fr gone since the build */
	assert_non_null(built);
	mc_hyphen_fill_all(built);
	for (a = mc_hyphen_dict(file), b = mc_hyphen_dict(built); a != NULL || b != NULL;
	    a = a->nextlevel, b = b->nextlevel, levels++) {
		assert_true(a != NULL && b != NULL);
		assert_int_equal(a->lhmin, b->lhmin);
		assert_int_equal(a->rhmin, b->rhmin);
		assert_int_equal(a->clhmin, b->clhmin);
		assert_int_equal(a->crhmin, b->crhmin);
		assert_true(same_string(a->nohyphen, b->nohyphen));
		assert_int_equal(a->nohyphenl, b->nohyphenl);
		assert_string_equal(a->cset, b->cset);
		assert_int_equal(a->utf8, b->utf8);
		assert_int_equal(a->num_states, b->num_states);
		for (int i = 0; i < a->num_states; i++) {
			const HyphenState *x = &a->states[i], *y = &b->states[i];

			assert_true(same_string(x->match, y->match));
			assert_true(same_string(x->repl, y->repl));
			/* Set, and read, for a state with a match only. */
			if (x->match != NULL) {
				assert_int_equal(x->replindex, y->replindex);
				assert_int_equal(x->replcut, y->replcut);
			}
			assert_int_equal(x->fallback_state, y->fallback_state);
			assert_int_equal(x->num_trans, y->num_trans);
			for (int t = 0; t < x->num_trans; t++) {
				assert_int_equal(x->trans[t].ch, y->trans[t].ch);
				assert_int_equal(x->trans[t].new_state, y->trans[t].new_state);
			}
		}
	}
	assert_true(levels >= 1);
	mc_hyphen_free(file);
	mc_hyphen_free(built);
}

/* A state mc_hyphen_fr leaves unwritten (no word has reached it yet),
 * made to show if libhyphen ever read it: a match that cuts the word where
 * it is read. */
static void
poison_unwritten(mc_hyphen *h)
{
	static char cut[] = "9";

	for (HyphenDict *d = (HyphenDict *)mc_hyphen_dict(h); d != NULL; d = d->nextlevel)
		for (int i = 0; i < d->num_states; i++) {
			HyphenState *st = &d->states[i];

			if (st->match == NULL && st->repl == NULL && st->num_trans == 0 &&
			    st->trans == NULL && st->fallback_state == 0) {
				st->match = cut;
				st->fallback_state = -1;
			}
		}
}

/* One word both ways: the states written as words reach them (poisoned
 * until then), and all written at once. */
static void
same_cuts(mc_hyphen *lazy, mc_hyphen *all, const unsigned char *w, size_t n,
    size_t *words)
{
	unsigned char a[64], b[64];
	size_t ka, kb;

	if (n < 5 || n > 64)
		return;
	ka = mc_hyphen_points(lazy, w, n, a);
	kb = mc_hyphen_points(all, w, n, b);
	if (ka != kb || memcmp(a, b, n) != 0)
		fail_msg("coupures différentes pour « %.*s »", (int)n, (const char *)w);
	(*words)++;
}

/* The Windows-1252 letter of a code point, 0 for none. */
static unsigned char
cp1252_letter(unsigned long c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7))
		return (unsigned char)c;
	if (c == 0x153)
		return 0x9C;
	if (c == 0x152)
		return 0x8C;
	return 0;
}

static void
words_of_file(mc_hyphen *lazy, mc_hyphen *all, const char *path, size_t *words)
{
	FILE *f = fopen(path, "rb");
	unsigned char w[80];
	size_t n = 0;
	int c;

	if (f == NULL)
		return;
	while ((c = getc(f)) != EOF) {
		unsigned long cp = (unsigned long)c;
		unsigned char l;

		if (c >= 0xC0 && c < 0xE0) {
			int d = getc(f);

			cp = d == EOF ? 0 : ((unsigned long)(c & 0x1F) << 6) | (unsigned long)(d & 0x3F);
		} else if (c >= 0x80) {
			cp = 0;
		}
		l = cp1252_letter(cp);
		if (l != 0 && n < sizeof(w)) {
			w[n++] = l;
			continue;
		}
		same_cuts(lazy, all, w, n, words);
		n = 0;
	}
	same_cuts(lazy, all, w, n, words);
	fclose(f);
}

/* The states of the built-in patterns written as words reach them cut
 * every word as the whole dictionary does: the words of the référentiels,
 * the examples and the documentation, then pseudo-random ones (letters,
 * accents, digits, apostrophes and hyphens). A state libhyphen read and
 * reach() did not write would cut where the patterns do not. */
static void
hyphen_states_written_as_reached(void **state)
{
	static const char *const files[] = {
		"stdlib/pacte.mission", "stdlib/ddfpt.mission", "stdlib/atddf.mission",
		"stdlib/mlds.mission", "stdlib/numerique.mission", "stdlib/tne.mission",
		"stdlib/commun.mission", "examples/ddfpt.mission", "docs/vitesse.md",
		"docs/regles.md", "docs/modeles.md", "README.md"
	};
	static const unsigned char alphabet[] =
	    "abcdefghijklmnopqrstuvwxyzeeaaiioouu\xe0\xe2\xe7\xe9\xe8\xea\xeb"
	    "\xee\xef\xf4\xf9\xfb\xfc\xff\x9c\xc9\xc0" "ABCZ0129'-.";
	mc_hyphen *lazy = mc_hyphen_fr(), *all = mc_hyphen_fr();
	unsigned long seed = 12345;
	size_t words = 0;

	(void)state;
	assert_non_null(lazy);
	assert_non_null(all);
	mc_hyphen_fill_all(all);
	poison_unwritten(lazy);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		words_of_file(lazy, all, files[i], &words);
	assert_true(words > 5000);
	for (int i = 0; i < 30000; i++) {
		unsigned char w[64];
		size_t n;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = 5 + (size_t)(seed >> 33) % 40;
		for (size_t k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			w[k] = alphabet[(seed >> 33) % (sizeof(alphabet) - 1)];
		}
		same_cuts(lazy, all, w, n, &words);
	}
	mc_hyphen_free(lazy);
	mc_hyphen_free(all);
}

/* The sRGB profile built in deflated (tools/icc_table.c) inflates to the
 * profile of icc-profiles-free, byte for byte. */
extern const unsigned char mc_srgb_icc_deflated[];
extern const size_t mc_srgb_icc_deflated_len, mc_srgb_icc_len;

static void
built_in_profile(void **state)
{
	FILE *f = fopen("/usr/share/color/icc/sRGB.icc", "rb");
	struct libdeflate_decompressor *d;
	unsigned char *want, *got;
	size_t n, out = 0;

	(void)state;
	if (f == NULL)
		skip();    /* icc-profiles-free gone since the build */
	d = libdeflate_alloc_decompressor();
	want = malloc(mc_srgb_icc_len + 1);
	got = malloc(mc_srgb_icc_len);
	assert_true(d != NULL && want != NULL && got != NULL);
	n = fread(want, 1, mc_srgb_icc_len + 1, f);
	fclose(f);
	assert_int_equal(n, mc_srgb_icc_len);
	assert_int_equal(libdeflate_zlib_decompress(d, mc_srgb_icc_deflated,
	    mc_srgb_icc_deflated_len, got, mc_srgb_icc_len, &out), LIBDEFLATE_SUCCESS);
	assert_int_equal(out, mc_srgb_icc_len);
	assert_memory_equal(got, want, mc_srgb_icc_len);
	libdeflate_free_decompressor(d);
	free(want);
	free(got);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(well_formed),
		cmocka_unit_test(same_bytes),
		cmocka_unit_test(long_word),
		cmocka_unit_test(three_pages),
		cmocka_unit_test(kept_together),
		cmocka_unit_test(long_table),
		cmocka_unit_test(logo_and_bad_templates),
		cmocka_unit_test(unprintable_skipped),
		cmocka_unit_test(edge_cases),
		cmocka_unit_test(error_does_not_stick),
		cmocka_unit_test(memory_flat_and_speed),
		cmocka_unit_test(extended_encoding),
		cmocka_unit_test(extended_fonts_when_needed),
		cmocka_unit_test(no_extended_fonts),
		cmocka_unit_test(french_hyphenation),
		cmocka_unit_test(built_in_patterns),
		cmocka_unit_test(hyphen_states_written_as_reached),
		cmocka_unit_test(built_in_profile),
		cmocka_unit_test(common_glyphs),
		cmocka_unit_test(widths_as_libharu_measures),
	};
	const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;

	if (slash != NULL && (size_t)(slash - argv[0]) < sizeof(outdir))
		snprintf(outdir, sizeof(outdir), "%.*s", (int)(slash - argv[0]), argv[0]);
	have_pdftotext = system("pdftotext -v >/dev/null 2>&1") == 0;
	fill_template(&tpl);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
