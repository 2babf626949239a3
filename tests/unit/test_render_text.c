/* test_render_text.c — the HTML and Markdown backends on documents built by
 * hand: the structure they write, what the author wrote kept as text (never
 * markup, never a printf format), the same bytes twice. The HTML goes through
 * the Nu checker (tests/check-html.sh), the Markdown back through cmark; the
 * files are left beside this program (build/rel/tests/) to be looked at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "render.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

/* Where the files for the validators go: the folder of this program. */
static char outdir[512] = ".";

/* A 3 × 2 PNG, blue, white and red. */
static const unsigned char flag_png[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00"
    "\x00\x03\x00\x00\x00\x02\x08\x02\x00\x00\x00\x12\x16\xf1\x4d\x00\x00\x00"
    "\x15\x49\x44\x41\x54\x78\xda\x63\x60\x60\x98\xf8\xff\xff\xff\x87\x0c\xfc"
    "\x0c\x70\x16\x00\x58\x34\x08\xfd\x8b\x8e\xe5\x6f\x00\x00\x00\x00\x49\x45"
    "\x4e\x44\xae\x42\x60\x82";

/* Helpers */

static char *
read_all(FILE *f, size_t *len)
{
	mc_buffer b;
	char chunk[4096];
	size_t n;

	mc_buffer_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		mc_buffer_put(&b, chunk, n);
	*len = b.len;
	if (b.failed) {
		mc_buffer_free(&b);
		return NULL;
	}
	return b.data != NULL ? b.data : calloc(1, 1);
}

static void
write_path(const char *name, const mc_buffer *b, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", outdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
}

static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

static void
assert_has(const char *s, const char *needle)
{
	if (strstr(s, needle) == NULL)
		fail_msg("missing: %s", needle);
}

static void
assert_starts(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		fail_msg("does not start with: %s\n---\n%.*s", prefix,
		    (int)strlen(prefix), s);
}

static void
assert_lacks(const char *s, const char *needle)
{
	if (strstr(s, needle) != NULL)
		fail_msg("unexpected: %s", needle);
}

static int
have(const char *command)
{
	char line[128];

	snprintf(line, sizeof(line), "command -v %s >/dev/null 2>&1", command);
	return system(line) == 0;
}

/* The template: the default's values, its style sheet. */

static char *default_css;
static size_t default_css_len;

static void
template_init(mc_template *t)
{
	memset(t, 0, sizeof(*t));
	t->v[MC_T_PAGE_WIDTH].number = 210 * MC_PT_PER_MM;
	t->v[MC_T_PAGE_HEIGHT].number = 297 * MC_PT_PER_MM;
	t->v[MC_T_MARGIN_TOP].number = 32 * MC_PT_PER_MM;
	t->v[MC_T_MARGIN_BOTTOM].number = 22 * MC_PT_PER_MM;
	t->v[MC_T_MARGIN_LEFT].number = 22 * MC_PT_PER_MM;
	t->v[MC_T_MARGIN_RIGHT].number = 20 * MC_PT_PER_MM;
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
	t->v[MC_T_LABEL_PAGE].text = "Page {page} sur {pages}";
	t->css = default_css;
	t->css_len = default_css_len;
}

/* Documents from arrays */

typedef struct builder {
	mc_run runs[1024];
	size_t nruns;
	mc_text texts[512];
	size_t ntexts;
	mc_block blocks[128];
	size_t nblocks;
	mc_document doc;
} builder;

static mc_text
txt(builder *d, const char *s, unsigned style)
{
	mc_text t = { NULL, 0 };

	if (s == NULL || *s == '\0')
		return t;       /* an empty cell has no run, as lower.c makes it */
	assert_true(d->nruns < sizeof(d->runs) / sizeof(d->runs[0]));
	d->runs[d->nruns].text = s;
	d->runs[d->nruns].style = style;
	t.runs = &d->runs[d->nruns++];
	t.nruns = 1;
	return t;
}

/* Texts stored in the builder, so that blocks can point at them. */
static const mc_text *
texts(builder *d, const char *const *s, size_t n, unsigned style)
{
	const mc_text *first = &d->texts[d->ntexts];

	assert_true(d->ntexts + n <= sizeof(d->texts) / sizeof(d->texts[0]));
	for (size_t i = 0; i < n; i++)
		d->texts[d->ntexts++] = txt(d, s[i], style);
	return first;
}

static mc_block *
block(builder *d, mc_block_kind kind)
{
	mc_block *b;

	assert_true(d->nblocks < sizeof(d->blocks) / sizeof(d->blocks[0]));
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	d->doc.blocks = d->blocks;
	d->doc.nblocks = d->nblocks;
	return b;
}

static void
heading(builder *d, int level, const char *s)
{
	mc_block *b = block(d, MC_B_HEADING);

	b->level = level;
	b->text = txt(d, s, MC_STYLE_BOLD);
}

static void
para(builder *d, mc_para_role role, const char *s)
{
	mc_block *b = block(d, MC_B_PARAGRAPH);

	b->role = role;
	b->text = txt(d, s, role == MC_P_OBSERVATION ? MC_STYLE_ITALIC :
	    role == MC_P_LABEL ? MC_STYLE_BOLD : MC_STYLE_PLAIN);
}

static void
list(builder *d, const char *const *items, size_t n)
{
	mc_block *b = block(d, MC_B_LIST);

	b->items = texts(d, items, n, MC_STYLE_PLAIN);
	b->nitems = n;
}

/* A label: value table (`head` NULL, labels in bold) or a table with a
 * header row; `cells` row after row. */
static void
table(builder *d, const char *const *head, const char *const *cells,
    size_t ncols, size_t nrows, const unsigned char *numeric,
    const double *widths, int total, const char *caption)
{
	mc_block *b = block(d, MC_B_TABLE);
	mc_text *c;

	b->table.ncols = ncols;
	b->table.nrows = nrows;
	b->table.head = head != NULL ? texts(d, head, ncols, MC_STYLE_BOLD) : NULL;
	c = &d->texts[d->ntexts];
	for (size_t i = 0; i < ncols * nrows; i++) {
		int bold = (head == NULL && i % ncols == 0) ||
		    (total && i / ncols == nrows - 1);

		assert_true(d->ntexts < sizeof(d->texts) / sizeof(d->texts[0]));
		d->texts[d->ntexts++] = txt(d, cells[i], bold ? MC_STYLE_BOLD : 0);
	}
	b->table.cells = c;
	b->table.numeric = numeric;
	b->table.widths = widths;
	b->table.total = total;
	b->table.caption = caption;
}

static void
signatures(builder *d, const char *place_date, const mc_signer *signers,
    size_t n)
{
	mc_block *b = block(d, MC_B_SIGNATURES);

	b->signatures.place_date = place_date;
	b->signatures.mark = "(émargement)";
	b->signatures.signers = signers;
	b->signatures.nsigners = n;
}

/* A letter like examples/ddfpt.mission, long enough for two pages. */

static const char *const letter_header[] = {
	"Académie d’Aix-Marseille",
	"Lycée professionnel Jean Moulin",
	"UAI 0130012T — Marseille",
};

static const mc_signer letter_signers[] = {
	{ "Chef d’établissement", "Mme Claire Durand" },
	{ "Directeur délégué aux formations professionnelles et technologiques",
	  "M. Paul Martin" },
};

static void
build_letter(builder *d)
{
	static const char *const parties[] = {
		"Chef d’établissement", "Mme Claire Durand",
		"Directeur délégué aux formations professionnelles et technologiques",
		"M. Paul Martin, professeur de lycée professionnel (Génie électrique)",
		"Établissement", "Lycée professionnel Jean Moulin, Marseille (UAI 0130012T)",
		"Période", "Années scolaires 2025-2026 à 2027-2028",
	};
	static const char *const service[] = {
		"Service hebdomadaire", "39" NBSP "h/semaine",
		"Présence dans l’établissement", "4,5" NBSP "jours/semaine",
	};
	static const char *const parts_head[] = {
		"Mission", "Quantum", "Parts", "Montant annuel",
	};
	static const char *const parts[] = {
		"Remplacements de courte durée", "18" NBSP "h", "1", "1" NBSP "250" NBSP "€",
		"Coordination des périodes de formation en milieu professionnel",
		"forfait", "1", "1" NBSP "250" NBSP "€",
		"Accompagnement des élèves", "24" NBSP "h", "1", "1" NBSP "250" NBSP "€",
		"Total", "", "3", "3" NBSP "750" NBSP "€",
	};
	static const char *const checks[] = {
		"la répartition des heures entre les filières" NNBSP ";",
		"le calendrier des périodes de formation en milieu professionnel" NNBSP ";",
		"l’état du plateau technique et de ses équipements.",
	};
	static const double w2[] = { 0.36, 0.64 };
	static const double w4[] = { 0.49, 0.17, 0.14, 0.20 };
	static const unsigned char n2[] = { 0, 0 }, n4[] = { 0, 1, 1, 1 };
	mc_document *doc = &d->doc;

	memset(d, 0, sizeof(*d));
	doc->title = "Lettre de mission";
	doc->subtitle = "M. Paul Martin, professeur de lycée professionnel (Génie électrique)";
	doc->period = "Années scolaires 2025-2026 à 2027-2028";
	doc->header = letter_header;
	doc->nheader = 3;
	doc->page_label = "Page {page} sur {pages}";
	doc->meta_title = "Lettre de mission — M. Paul Martin";
	doc->meta_author = "Lycée professionnel Jean Moulin";
	doc->meta_subject = "Années scolaires 2025-2026 à 2027-2028";

	heading(d, 1, "Les parties");
	table(d, NULL, parties, 2, 4, n2, w2, 0, "Les parties à la lettre de mission");
	heading(d, 1, "Contexte de cette lettre de mission");
	para(d, MC_P_BODY, "Le lycée accueille 650 élèves en CAP, baccalauréat "
	    "professionnel et BTS dans les filières de l’électrotechnique, de la "
	    "maintenance des systèmes de production et du commerce. Une section "
	    "d’apprentissage mixte a ouvert à la rentrée 2025.");
	para(d, MC_P_BODY, "Le plateau technique de maintenance est rénové en "
	    "2025-2026" NBSP ": le DDFPT suit le chantier avec la Région et organise "
	    "la continuité des enseignements.");
	heading(d, 1, "Service et rémunération");
	table(d, NULL, service, 2, 2, n2, w2, 0, "Service, présence et rémunération");
	heading(d, 1, "Parts fonctionnelles et rémunération");
	table(d, parts_head, parts, 4, 4, n4, w4, 1,
	    "Missions du Pacte, parts et montants annuels");
	para(d, MC_P_NOTE, "Valeur annuelle d’une part" NBSP ": 1" NBSP "250" NBSP "€.");

	heading(d, 1, "Mission N°" NBSP "1" NBSP ": Organiser les enseignements");
	para(d, MC_P_BODY, "Le DDFPT organise, sous l’autorité du chef "
	    "d’établissement, les enseignements technologiques et professionnels" NBSP
	    ": il en prévoit les moyens, en suit la mise en œuvre et en rend compte.");
	para(d, MC_P_ACTIVITY, "Évaluer les moyens nécessaires aux enseignements "
	    "technologiques et professionnels.");
	para(d, MC_P_LABEL, "Observations et détails de l’activité demandée" NBSP ":");
	para(d, MC_P_OBSERVATION, "Préparer la répartition de la DHG avec les "
	    "coordonnateurs de filière, en janvier.");
	para(d, MC_P_ACTIVITY, "Participer à l’élaboration des emplois du temps.");
	para(d, MC_P_LABEL, "Observations et détails de l’activité demandée" NBSP ":");
	para(d, MC_P_OBSERVATION, "Veiller aux alternances des PFMP dans les emplois "
	    "du temps des classes de première.");
	para(d, MC_P_ACTIVITY, "Organiser l’utilisation des locaux et des "
	    "équipements.");
	para(d, MC_P_ACTIVITY, "Gérer la matière d’œuvre et les consommables.");
	para(d, MC_P_BODY, "Il tient à jour, pour le conseil pédagogique" NBSP ":");
	list(d, checks, 3);
	heading(d, 2, "Suivi des travaux du plateau technique");
	para(d, MC_P_BODY, "Un point d’étape est fait chaque trimestre avec "
	    "l’adjoint gestionnaire et l’entreprise titulaire du marché" NNBSP "; "
	    "il donne lieu à un compte rendu écrit.");

	heading(d, 1, "Mission N°" NBSP "2" NBSP ": Coordonner les équipes");
	para(d, MC_P_ACTIVITY, "Coordonner les projets pédagogiques des filières.");
	para(d, MC_P_LABEL, "Observations et détails de l’activité demandée" NBSP ":");
	para(d, MC_P_OBSERVATION, "Accompagner le projet « chef-d’œuvre » des classes "
	    "de CAP.");
	para(d, MC_P_ACTIVITY, "Organiser les épreuves d’examen en lien avec les "
	    "corps d’inspection.");
	para(d, MC_P_LABEL, "Observations et détails de l’activité demandée" NBSP ":");
	para(d, MC_P_OBSERVATION, "Organiser les CCF et les épreuves pratiques du "
	    "baccalauréat professionnel MSPC.");
	para(d, MC_P_ACTIVITY, "Accueillir et accompagner les apprentis de la section "
	    "mixte.");
	para(d, MC_P_LABEL, "Observations et détails de l’activité demandée" NBSP ":");
	para(d, MC_P_OBSERVATION, "Un point mensuel avec le CFA académique.");

	heading(d, 1, "Mission N°" NBSP "3" NBSP ": Conseiller le chef d’établissement");
	para(d, MC_P_ACTIVITY, "Conseiller le chef d’établissement sur l’évolution de "
	    "l’offre de formation.");
	para(d, MC_P_LABEL, "Observations et détails de l’activité demandée" NBSP ":");
	para(d, MC_P_OBSERVATION, "Préparer la demande d’ouverture d’une mention "
	    "complémentaire en 2026.");
	para(d, MC_P_ACTIVITY, "Veiller à l’hygiène et à la sécurité des ateliers.");

	heading(d, 1, "Mission N°" NBSP "4" NBSP ": Développer les relations avec "
	    "les partenaires");
	para(d, MC_P_ACTIVITY, "Organiser les périodes de formation en milieu "
	    "professionnel et les stages.");
	para(d, MC_P_ACTIVITY, "Animer la campagne de taxe d’apprentissage.");
	para(d, MC_P_LABEL, "Observations et détails de l’activité demandée" NBSP ":");
	para(d, MC_P_OBSERVATION, "Coordonner la campagne de taxe d’apprentissage "
	    "avec le bureau des entreprises.");
	heading(d, 1, "Bilan d’activité");
	para(d, MC_P_BODY, "Le bilan d’activité de la mission est remis à Mme Claire "
	    "Durand (chef d’établissement).");
	signatures(d, "Fait à Marseille, le 15" NBSP "septembre" NBSP "2025",
	    letter_signers, 2);
}

/* A letter where everything the author could write tries to be markup. */

static const char *const injections[] = {
	"<script>alert(1)</script>",
	"[x](javascript:alert(1))",
	"*gras* et _italique_ et **fort** et ***les deux***",
	"# titre",
	"%s%n%p%x%%",
	"`code` et ``deux``",
	"a | b | c",
	"- pas une liste",
	"+ non plus",
	"* ni celle-ci",
	"1. pas numérotée",
	"2025) non plus",
	"> pas une citation",
	"=====",
	"---",
	"___",
	"&eacute; &amp; &#65; &#x42;",
	"<!-- commentaire -->",
	"<http://exemple.fr> et <a href=\"x\">lien</a>",
	"![image](x.png)",
	"\\* antislash \\",
	"~~~",
	"[lien]: http://exemple.fr",
	"<div>bloc</div>",
	"\"guillemets\" et 'apostrophes'",
	"ligne 1\n- ligne 2\n# ligne 3\n1. ligne 4\n> ligne 5",
};

static const char *const hostile_header[] = {
	"<b>Académie</b> & co",
	"%s%n",
};

static const mc_signer hostile_signers[] = {
	{ "<script>alert(2)</script>", "*M.* %n [Martin](javascript:x)" },
};

static void
build_hostile(builder *d)
{
	static const char *const head[] = { "<th>", "*Heures*" };
	static const char *const cells[] = {
		"[a](javascript:b)", "1 | 2",
		"Total <b>", "`3`",
	};
	static const char *const items[] = { "*gras*", "<b>x</b>", "1. un" };
	static const unsigned char numeric[] = { 0, 1 };
	mc_document *doc = &d->doc;

	memset(d, 0, sizeof(*d));
	doc->title = "Lettre <i>de</i> mission";
	doc->subtitle = "%s%n%x";
	doc->period = "\"quotes\" & 'apos'";
	doc->header = hostile_header;
	doc->nheader = 2;
	doc->page_label = "Feuille \"{page}\" \\ </style> {pages}";
	doc->meta_title = "</title><script>alert(1)</script>";
	doc->meta_author = "x\" onload=\"alert(1)";
	doc->meta_subject = "<script>";
	heading(d, 1, "# titre *gras* <script>");
	heading(d, 2, "## sous-titre\n=====");
	for (size_t i = 0; i < sizeof(injections) / sizeof(injections[0]); i++)
		para(d, MC_P_BODY, injections[i]);
	para(d, MC_P_OBSERVATION, "*déjà* en italique");
	para(d, MC_P_ACTIVITY, "- <em>activité</em>");
	list(d, items, 3);
	table(d, head, cells, 2, 2, numeric, NULL, 1, "<caption>");
	signatures(d, "Fait à <Marseille>", hostile_signers, 1);
}

/* HTML */

static void
render_html(const builder *d, const mc_template *t, int64_t epoch, mc_buffer *out)
{
	mc_buffer_init(out);
	assert_int_equal(mc_render_html(&d->doc, t, epoch, out), 0);
	assert_non_null(out->data);
	assert_int_equal(strlen(out->data), out->len);
}

static void
render_md(const builder *d, const mc_template *t, mc_buffer *out)
{
	mc_buffer_init(out);
	assert_int_equal(mc_render_markdown(&d->doc, t, out), 0);
	assert_non_null(out->data);
	assert_int_equal(strlen(out->data), out->len);
}

static void
html_structure(void **state)
{
	static builder d;
	mc_template t;
	mc_buffer a, b;

	(void)state;
	build_letter(&d);
	template_init(&t);
	render_html(&d, &t, 0, &a);
	assert_starts(a.data, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n");
	assert_has(a.data, "<title>Lettre de mission — M. Paul Martin</title>");
	assert_has(a.data, "<meta name=\"author\" content=\"Lycée professionnel Jean Moulin\">");
	assert_has(a.data, "<meta name=\"description\" content=\"Années scolaires");
	assert_lacks(a.data, "dcterms.date");
	assert_has(a.data, "<header class=\"entete\">\n<p>Académie d’Aix-Marseille</p>\n");
	assert_has(a.data, "<main>\n<hgroup>\n<h1>Lettre de mission</h1>\n"
	    "<p class=\"sous-titre\">M. Paul Martin, ");
	assert_has(a.data, "<p class=\"periode\">Années scolaires 2025-2026 à 2027-2028</p>");
	/* Headings are bold by themselves: no <strong> inside. */
	assert_has(a.data, "<h2>Les parties</h2>");
	assert_has(a.data, "<h3>Suivi des travaux du plateau technique</h3>");
	assert_has(a.data, "<h2>Mission N°" NBSP "1" NBSP ": Organiser les enseignements</h2>");
	/* Tables: label column as row headers, header row, numbers, total. */
	assert_has(a.data, "<table class=\"libelles\">\n<caption>Les parties à la lettre de mission</caption>\n"
	    "<colgroup><col style=\"width: 36%\"><col style=\"width: 64%\"></colgroup>\n");
	assert_has(a.data, "<tr><th scope=\"row\">Service hebdomadaire</th><td>39" NBSP "h/semaine</td></tr>");
	assert_has(a.data, "<thead>\n<tr><th scope=\"col\">Mission</th><th scope=\"col\" class=\"nombre\">Quantum</th>");
	assert_has(a.data, "<td class=\"nombre\">1" NBSP "250" NBSP "€</td>");
	assert_has(a.data, "<tfoot>\n<tr><th scope=\"row\">Total</th><td class=\"nombre\"></td>"
	    "<td class=\"nombre\"><strong>3</strong></td>");
	assert_int_equal(count(a.data, "<tbody>"), 3);
	/* Paragraph roles */
	assert_has(a.data, "<p class=\"corps\">Le lycée accueille 650 élèves");
	assert_has(a.data, "<p class=\"activite\">Évaluer les moyens");
	assert_has(a.data, "<p class=\"libelle\"><strong>Observations et détails de l’activité demandée" NBSP ":</strong></p>");
	assert_has(a.data, "<p class=\"observation\"><em>Préparer la répartition");
	assert_has(a.data, "<p class=\"note\">Valeur annuelle");
	assert_has(a.data, "<ul>\n<li>la répartition des heures");
	/* Signatures */
	assert_has(a.data, "<section class=\"signatures\" aria-label=\"Signatures\">\n"
	    "<p class=\"fait-a\">Fait à Marseille, le 15" NBSP "septembre" NBSP "2025</p>\n"
	    "<div class=\"signataires\">\n<div class=\"signataire\">\n"
	    "<p class=\"qualite\"><strong>Chef d’établissement</strong></p>\n"
	    "<p class=\"nom\">Mme Claire Durand</p>\n"
	    "<p class=\"emargement\">(émargement)</p>\n"
	    "<div class=\"place-signature\"></div>\n</div>\n");
	/* Style: variables, the template's sheet, then the page. */
	assert_has(a.data, "<style>\n:root {\n\t--page-largeur: 210mm;\n");
	assert_has(a.data, "\t--interligne: 1.3;\n");
	assert_has(a.data, "\t--couleur-titre: #000091;\n");
	assert_has(a.data, "\t--taille-texte: 10pt;\n");
	assert_has(a.data, "\t--marge-haut: 32mm;\n");
	assert_has(a.data, "/* lettre.css");
	assert_has(a.data, "@page {\n\tsize: 210mm 297mm;\n\tmargin: 32mm 20mm 22mm 22mm;\n"
	    "\t@bottom-center {\n\t\tcontent: \"Page \" counter(page) \" sur \" counter(pages);\n"
	    "\t\tfont-size: 8pt;\n\t\tcolor: #161616;\n\t}\n}\n</style>\n");
	assert_true(strstr(a.data, "/* lettre.css") < strstr(a.data, "@page {\n\tsize"));
	assert_has(a.data, "</main>\n</div>\n</body>\n</html>\n");
	assert_lacks(a.data, "<img");

	/* Same document, same bytes; a date only when asked. */
	render_html(&d, &t, 0, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	mc_buffer_free(&b);
	render_html(&d, &t, 1757932200, &b);
	assert_has(b.data, "<meta name=\"dcterms.date\" content=\"2025-09-15\">\n");
	mc_buffer_free(&a);
	mc_buffer_free(&b);
}

static void
html_logo(void **state)
{
	static builder d;
	mc_template t;
	mc_buffer a;

	(void)state;
	build_letter(&d);
	template_init(&t);
	t.logo = (const unsigned char *)"Many";
	t.logo_len = 4;
	t.logo_w = 2;
	t.logo_h = 1;
	render_html(&d, &t, 0, &a);
	/* 28 mm at 96 pixels to the inch; the alternative is the académie. */
	assert_has(a.data, "<header class=\"entete\">\n<img class=\"logo\" "
	    "src=\"data:image/png;base64,TWFueQ==\" alt=\"Académie d’Aix-Marseille\" "
	    "width=\"106\" height=\"53\">\n<p>");
	mc_buffer_free(&a);
	t.logo = (const unsigned char *)"Ma";
	t.logo_len = 2;
	render_html(&d, &t, 0, &a);
	assert_has(a.data, "base64,TWE=\"");
	mc_buffer_free(&a);
	t.logo = (const unsigned char *)"Man";
	t.logo_len = 3;
	render_html(&d, &t, 0, &a);
	assert_has(a.data, "base64,TWFu\"");
	mc_buffer_free(&a);
}

static void
html_escapes_everything(void **state)
{
	static builder d;
	mc_template t;
	mc_buffer a;

	(void)state;
	build_hostile(&d);
	template_init(&t);
	render_html(&d, &t, 0, &a);
	assert_lacks(a.data, "<script");
	assert_lacks(a.data, "<b>");
	assert_lacks(a.data, "<i>");
	assert_lacks(a.data, "<a ");
	assert_lacks(a.data, "onload=\"");
	assert_lacks(a.data, "<!--");
	assert_lacks(a.data, "<div>bloc");
	assert_int_equal(count(a.data, "<th>"), 0);
	assert_int_equal(count(a.data, "</title>"), 1);
	assert_int_equal(count(a.data, "</style"), 1);
	assert_has(a.data, "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>");
	assert_has(a.data, "<meta name=\"author\" content=\"x&quot; onload=&quot;alert(1)\">");
	assert_has(a.data, "<p class=\"corps\">&lt;script&gt;alert(1)&lt;/script&gt;</p>");
	assert_has(a.data, "<p class=\"corps\">[x](javascript:alert(1))</p>");
	assert_has(a.data, "<p class=\"corps\">%s%n%p%x%%</p>");
	assert_has(a.data, "<p class=\"sous-titre\">%s%n%x</p>");
	assert_has(a.data, "<p class=\"periode\">&quot;quotes&quot; &amp; 'apos'</p>");
	assert_has(a.data, "<p class=\"corps\">&amp;eacute; &amp;amp; &amp;#65; &amp;#x42;</p>");
	assert_has(a.data, "<p class=\"corps\">ligne 1<br>\n- ligne 2<br>\n# ligne 3");
	assert_has(a.data, "<h3>## sous-titre<br>\n=====</h3>");
	assert_has(a.data, "<p>&lt;b&gt;Académie&lt;/b&gt; &amp; co</p>");
	assert_has(a.data, "<th scope=\"col\">&lt;th&gt;</th>");
	assert_has(a.data, "<caption>&lt;caption&gt;</caption>");
	assert_has(a.data, "<p class=\"qualite\"><strong>&lt;script&gt;alert(2)&lt;/script&gt;</strong></p>");
	assert_has(a.data, "<p class=\"fait-a\">Fait à &lt;Marseille&gt;</p>");
	/* The page label is a CSS string: quotes, backslash and < escaped. */
	assert_has(a.data, "content: \"Feuille \\\"\" counter(page) \"\\\" \\\\ \\3c /style> \" "
	    "counter(pages);");
	mc_buffer_free(&a);
}

static void
html_style_cannot_close(void **state)
{
	static builder d;
	static const char hostile_css[] =
	    "/* </style><script>alert(1)</script> */\n"
	    "p::after { content: \"</STYLE >\"; }";
	mc_template t;
	mc_buffer a;
	char path[600];

	(void)state;
	build_letter(&d);
	template_init(&t);
	t.css = hostile_css;
	t.css_len = sizeof(hostile_css) - 1;
	render_html(&d, &t, 0, &a);
	assert_int_equal(count(a.data, "</style"), 1);
	assert_int_equal(count(a.data, "</STYLE"), 0);
	assert_has(a.data, "/* <\\/style><script>alert(1)</script> */\n"
	    "p::after { content: \"<\\/STYLE >\"; }\n@page");
	write_path("feuille-hostile.html", &a, path, sizeof(path));
	mc_buffer_free(&a);
}

/* The Nu checker on a letter with its logo, and on the hostile letter. */
static void
html_is_valid(void **state)
{
	static builder d;
	mc_template t;
	mc_buffer a;
	char letter[600], hostile[600], styled[600], command[2048];
	int status;

	(void)state;
	build_letter(&d);
	template_init(&t);
	t.logo = flag_png;
	t.logo_len = sizeof(flag_png) - 1;
	t.logo_w = 3;
	t.logo_h = 2;
	render_html(&d, &t, 1757932200, &a);
	write_path("lettre.html", &a, letter, sizeof(letter));
	mc_buffer_free(&a);
	build_hostile(&d);
	template_init(&t);
	render_html(&d, &t, 0, &a);
	write_path("injections.html", &a, hostile, sizeof(hostile));
	mc_buffer_free(&a);
	snprintf(styled, sizeof(styled), "%s/feuille-hostile.html", outdir);
	snprintf(command, sizeof(command), "sh tests/check-html.sh '%s' '%s' '%s'",
	    letter, hostile, styled);
	status = system(command);
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 77) {
		print_message("check-html: Java or vnu.jar missing, validation skipped\n");
		skip();
	}
	assert_int_equal(status, 0);
}

/* Markdown */

static void
md_structure(void **state)
{
	static builder d;
	mc_template t;
	mc_buffer a, b;

	(void)state;
	build_letter(&d);
	template_init(&t);
	render_md(&d, &t, &a);
	assert_starts(a.data, "Académie d’Aix-Marseille\\\n"
	    "Lycée professionnel Jean Moulin\\\nUAI 0130012T — Marseille\n\n"
	    "# Lettre de mission\n\n**M. Paul Martin, professeur de lycée "
	    "professionnel (Génie électrique)**\n\n"
	    "Années scolaires 2025-2026 à 2027-2028\n\n## Les parties\n\n"
	    "- **Chef d’établissement**" NBSP ": Mme Claire Durand\n- **Directeur");
	assert_has(a.data, "\n\n- **Service hebdomadaire**" NBSP ": 39" NBSP "h/semaine\n"
	    "- **Présence dans l’établissement**" NBSP ": 4,5" NBSP "jours/semaine\n\n");
	/* A table with a header row: the first cell leads, then header: value. */
	assert_has(a.data, "\n\n- Remplacements de courte durée — **Quantum**" NBSP ": 18"
	    NBSP "h" NNBSP "; **Parts**" NBSP ": 1" NNBSP "; **Montant annuel**" NBSP
	    ": 1" NBSP "250" NBSP "€\n- Coordination");
	assert_has(a.data, "€\n- **Total — Parts" NBSP ": 3" NNBSP "; Montant annuel"
	    NBSP ": 3" NBSP "750" NBSP "€**\n\n");
	assert_has(a.data, "\n\n## Mission N°" NBSP "1" NBSP ": Organiser les enseignements\n\n");
	assert_has(a.data, "\n\n### Suivi des travaux du plateau technique\n\n");
	assert_has(a.data, "\n\n- Évaluer les moyens nécessaires aux enseignements "
	    "technologiques et professionnels.\n\n**Observations et détails de "
	    "l’activité demandée" NBSP ":**\n\n*Préparer la répartition de la DHG avec "
	    "les coordonnateurs de filière, en janvier.*\n\n");
	assert_has(a.data, "\n\nValeur annuelle d’une part" NBSP ": 1" NBSP "250" NBSP "€.\n\n");
	/* Two activities in a row are one list; items of a list are tight. */
	assert_has(a.data, "\n\n- Organiser l’utilisation des locaux et des équipements.\n"
	    "- Gérer la matière d’œuvre et les consommables.\n\n");
	assert_has(a.data, "\n\n- la répartition des heures entre les filières" NNBSP ";\n"
	    "- le calendrier");
	assert_has(a.data, "\n\nFait à Marseille, le 15" NBSP "septembre" NBSP "2025\n\n"
	    "**Chef d’établissement**\\\nMme Claire Durand\\\n(émargement)\n\n"
	    "**Directeur délégué aux formations professionnelles et technologiques**\\\n"
	    "M. Paul Martin\\\n(émargement)\n");
	assert_int_equal(a.data[a.len - 1], '\n');
	assert_true(a.data[a.len - 2] != '\n');
	assert_lacks(a.data, "|");
	assert_lacks(a.data, "## **");

	render_md(&d, &t, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	mc_buffer_free(&a);
	mc_buffer_free(&b);
}

static void
md_escapes(void **state)
{
	static builder d;
	mc_template t;
	mc_buffer a;

	(void)state;
	build_hostile(&d);
	template_init(&t);
	render_md(&d, &t, &a);
	assert_has(a.data, "\n\n\\<script\\>alert(1)\\</script\\>\n\n");
	assert_has(a.data, "\n\n\\[x\\](javascript:alert(1))\n\n");
	assert_has(a.data, "\n\n\\*gras\\* et \\_italique\\_ et \\*\\*fort\\*\\* et "
	    "\\*\\*\\*les deux\\*\\*\\*\n\n");
	assert_has(a.data, "\n\n\\# titre\n\n");
	assert_has(a.data, "\n\n%s%n%p%x%%\n\n");
	assert_has(a.data, "\n\n\\`code\\` et \\`\\`deux\\`\\`\n\n");
	assert_has(a.data, "\n\na \\| b \\| c\n\n");
	assert_has(a.data, "\n\n\\- pas une liste\n\n");
	assert_has(a.data, "\n\n\\+ non plus\n\n");
	assert_has(a.data, "\n\n1\\. pas numérotée\n\n");
	assert_has(a.data, "\n\n2025\\) non plus\n\n");
	assert_has(a.data, "\n\n\\> pas une citation\n\n");
	assert_has(a.data, "\n\n\\=====\n\n");
	assert_has(a.data, "\n\n\\&eacute; \\&amp; \\&\\#65; \\&\\#x42;\n\n");
	assert_has(a.data, "\n\nligne 1\\\n\\- ligne 2\\\n\\# ligne 3\\\n1\\. ligne 4\\\n"
	    "\\> ligne 5\n\n");
	assert_has(a.data, "# Lettre \\<i\\>de\\</i\\> mission\n\n**%s%n%x**\n\n");
	assert_has(a.data, "\n\n## \\# titre \\*gras\\* \\<script\\>\n\n"
	    "### \\#\\# sous-titre =====\n\n");
	assert_has(a.data, "\\<b\\>Académie\\</b\\> \\& co\\\n%s%n\n\n");
	mc_buffer_free(&a);
}

/* Control characters and noncharacters never reach the output raw: the
 * checker refuses them in a letter's texts (non_imprimable_en_pdf) and a
 * batch in its cells, and should one come through all the same, HTML and
 * Markdown write it « � » (mc_unsafe_char). */
static void
controls_never_raw(void **state)
{
	static builder d;
	static const char text[] = "Contrôles : [\x01] [\x1b[31m] [\x7f] [\xc2\x85] [\xef\xb7\x90] fin.";
	mc_template t;
	mc_buffer a, b;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.doc.title = "Lettre de mission";
	para(&d, MC_P_BODY, text);
	template_init(&t);
	render_html(&d, &t, 0, &a);
	render_md(&d, &t, &b);
	assert_has(a.data, "Contrôles : [\xef\xbf\xbd] [\xef\xbf\xbd[31m] [\xef\xbf\xbd] "
	    "[\xef\xbf\xbd] [\xef\xbf\xbd] fin.");
	assert_has(b.data, "Contrôles : \\[\xef\xbf\xbd\\] \\[\xef\xbf\xbd\\[31m\\] "
	    "\\[\xef\xbf\xbd\\] \\[\xef\xbf\xbd\\] \\[\xef\xbf\xbd\\] fin.");
	for (const char *o = a.data; *o != '\0'; o++)
		assert_false((*o > 0 && *o < 0x20 && *o != '\n' && *o != '\t') || *o == 0x7f);
	for (const char *o = b.data; *o != '\0'; o++)
		assert_false((*o > 0 && *o < 0x20 && *o != '\n' && *o != '\t') || *o == 0x7f);
	mc_buffer_free(&a);
	mc_buffer_free(&b);
}

/* What cmark makes of a text that is ours to write: the HTML it should give
 * for a literal paragraph. */
static void
cmark_literal(mc_buffer *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': mc_buffer_puts(b, "&amp;"); break;
		case '<': mc_buffer_puts(b, "&lt;"); break;
		case '>': mc_buffer_puts(b, "&gt;"); break;
		case '"': mc_buffer_puts(b, "&quot;"); break;
		case '\n': mc_buffer_puts(b, "<br />\n"); break;
		default: mc_buffer_put(b, s, 1); break;
		}
	}
}

static char *
cmark_html(const mc_buffer *md, const char *name)
{
	char path[600], command[800];
	FILE *p;
	size_t len;
	char *html;

	write_path(name, md, path, sizeof(path));
	snprintf(command, sizeof(command), "cmark '%s'", path);
	p = popen(command, "r");
	assert_non_null(p);
	html = read_all(p, &len);
	assert_int_equal(pclose(p), 0);
	assert_non_null(html);
	return html;
}

/* Every injection comes back from cmark as the same characters, in a plain
 * paragraph: no link, no emphasis, no heading, no list, no HTML. */
static void
md_read_back_by_cmark(void **state)
{
	static builder d;
	mc_template t;
	mc_buffer a;
	char *html;

	(void)state;
	if (!have("cmark")) {
		print_message("cmark missing: Markdown not read back\n");
		skip();
	}
	build_hostile(&d);
	template_init(&t);
	render_md(&d, &t, &a);
	html = cmark_html(&a, "injections.md");
	for (size_t i = 0; i < sizeof(injections) / sizeof(injections[0]); i++) {
		mc_buffer want;

		mc_buffer_init(&want);
		mc_buffer_puts(&want, "<p>");
		cmark_literal(&want, injections[i]);
		mc_buffer_puts(&want, "</p>\n");
		if (strstr(html, want.data) == NULL)
			fail_msg("cmark did not keep « %s » literal:\n%s", injections[i], html);
		mc_buffer_free(&want);
	}
	assert_has(html, "<h1>Lettre &lt;i&gt;de&lt;/i&gt; mission</h1>");
	assert_has(html, "<h2># titre *gras* &lt;script&gt;</h2>");
	assert_has(html, "<h3>## sous-titre =====</h3>");
	assert_has(html, "<p><strong>%s%n%x</strong></p>");
	assert_has(html, "<p>&lt;b&gt;Académie&lt;/b&gt; &amp; co<br />\n%s%n</p>");
	assert_has(html, "<p><em>*déjà* en italique</em></p>");
	assert_has(html, "<ul>\n<li>- &lt;em&gt;activité&lt;/em&gt;</li>\n</ul>\n<ul>\n<li>*gras*</li>");
	assert_has(html, "<li>*gras*</li>\n<li>&lt;b&gt;x&lt;/b&gt;</li>\n<li>1. un</li>");
	assert_has(html, "<li>[a](javascript:b) — <strong>*Heures*</strong>" NBSP ": 1 | 2</li>");
	assert_has(html, "<li><strong>Total &lt;b&gt; — *Heures*" NBSP ": `3`</strong></li>");
	assert_has(html, "<p><strong>&lt;script&gt;alert(2)&lt;/script&gt;</strong><br />\n"
	    "*M.* %n [Martin](javascript:x)<br />\n(émargement)</p>");
	assert_lacks(html, "<script");
	assert_lacks(html, "<a ");
	assert_lacks(html, "<img");
	assert_lacks(html, "<code");
	assert_lacks(html, "<pre");
	assert_lacks(html, "<hr");
	assert_lacks(html, "<blockquote");
	assert_lacks(html, "<ol");
	assert_lacks(html, "raw HTML omitted");
	assert_lacks(html, "<em>gras");
	assert_lacks(html, "<strong>fort");
	assert_lacks(html, "<h1>titre");
	assert_lacks(html, "<h2>sous");
	free(html);
	mc_buffer_free(&a);
}

/* Runs in several styles, spaces inside them: the emphasis hugs the words,
 * the spaces stay outside it (both of « Le » + « chef », as the document has
 * them: lower.c's texts never have two). */
static void
md_runs_by_cmark(void **state)
{
	static builder d;
	static const mc_run runs[] = {
		{ "Le ", MC_STYLE_PLAIN },
		{ " chef ", MC_STYLE_BOLD },
		{ "et ", MC_STYLE_PLAIN },
		{ "tous", MC_STYLE_BOLD | MC_STYLE_ITALIC },
		{ " les autres", MC_STYLE_ITALIC },
		{ " signent" NBSP ":", MC_STYLE_PLAIN },
		{ " *ici*", MC_STYLE_BOLD },
	};
	mc_template t;
	mc_buffer a;
	mc_block *b;
	char *html;

	(void)state;
	if (!have("cmark")) {
		print_message("cmark missing: Markdown not read back\n");
		skip();
	}
	memset(&d, 0, sizeof(d));
	d.doc.title = "Lettre";
	b = block(&d, MC_B_PARAGRAPH);
	b->text.runs = runs;
	b->text.nruns = sizeof(runs) / sizeof(runs[0]);
	template_init(&t);
	render_md(&d, &t, &a);
	html = cmark_html(&a, "styles.md");
	assert_has(a.data, "\n\nLe  **chef** et ***tous*** *les autres* signent" NBSP
	    ": **\\*ici\\***\n");
	assert_has(html, "<p>Le  <strong>chef</strong> et <em><strong>tous</strong></em> "
	    "<em>les autres</em> signent" NBSP ": <strong>*ici*</strong></p>");
	free(html);
	mc_buffer_free(&a);
}

/* The letter's structure, as cmark reads it. */
static void
md_letter_by_cmark(void **state)
{
	static builder d;
	mc_template t;
	mc_buffer a;
	char *html;

	(void)state;
	if (!have("cmark")) {
		print_message("cmark missing: Markdown not read back\n");
		skip();
	}
	build_letter(&d);
	template_init(&t);
	render_md(&d, &t, &a);
	html = cmark_html(&a, "lettre.md");
	assert_starts(html, "<p>Académie d’Aix-Marseille<br />\nLycée "
	    "professionnel Jean Moulin<br />\nUAI 0130012T — Marseille</p>\n"
	    "<h1>Lettre de mission</h1>\n<p><strong>M. Paul Martin, ");
	assert_int_equal(count(html, "<h1>"), 1);
	assert_int_equal(count(html, "<h2>"), 9);
	assert_int_equal(count(html, "<h3>"), 1);
	assert_has(html, "<ul>\n<li><strong>Chef d’établissement</strong>" NBSP
	    ": Mme Claire Durand</li>\n");
	assert_has(html, "<li><strong>Total — Parts" NBSP ": 3" NNBSP "; Montant annuel"
	    NBSP ": 3" NBSP "750" NBSP "€</strong></li>\n</ul>\n");
	assert_has(html, "<p><em>Préparer la répartition de la DHG avec les "
	    "coordonnateurs de filière, en janvier.</em></p>");
	assert_has(html, "<ul>\n<li>Organiser l’utilisation des locaux et des "
	    "équipements.</li>\n<li>Gérer la matière d’œuvre et les "
	    "consommables.</li>\n</ul>\n");
	assert_has(html, "<ul>\n<li>la répartition des heures entre les filières");
	assert_has(html, "<p><strong>Chef d’établissement</strong><br />\nMme Claire "
	    "Durand<br />\n(émargement)</p>");
	free(html);
	mc_buffer_free(&a);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_structure),
		cmocka_unit_test(html_logo),
		cmocka_unit_test(html_escapes_everything),
		cmocka_unit_test(html_style_cannot_close),
		cmocka_unit_test(html_is_valid),
		cmocka_unit_test(md_structure),
		cmocka_unit_test(md_escapes),
		cmocka_unit_test(controls_never_raw),
		cmocka_unit_test(md_read_back_by_cmark),
		cmocka_unit_test(md_runs_by_cmark),
		cmocka_unit_test(md_letter_by_cmark),
	};
	const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
	FILE *f;
	int failed;

	if (slash != NULL && (size_t)(slash - argv[0]) < sizeof(outdir))
		snprintf(outdir, sizeof(outdir), "%.*s", (int)(slash - argv[0]), argv[0]);
	f = fopen("templates/defaut/lettre.css", "rb");
	if (f == NULL) {
		fprintf(stderr, "templates/defaut/lettre.css: run from the repository's root\n");
		return 1;
	}
	default_css = read_all(f, &default_css_len);
	fclose(f);
	if (default_css == NULL)
		return 1;
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	free(default_css);
	return failed;
}
