/* template.c — reading a template: DIR/modele.conf, lines « clé = valeur »
 * checked against template.def (unknown keys, values of the wrong kind,
 * unknown {fields}, missing files) with positioned French diagnostics, then the
 * files it names (style sheet, logo, fonts) checked and read once. */
#include "png_check.h"
#include "template.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const mc_template_info mc_template_table[MC_T__COUNT] = {
#define TPL(id, key, kind, def, fields, doc) { key, kind, def, fields, doc },
#include "template.def"
#undef TPL
};

size_t
mc_template_key_count(void)
{
	return MC_T__COUNT;
}

void
mc_template_key(size_t i, const char **key, const char **def, const char **doc,
    const char **fields)
{
	const mc_template_info *info = &mc_template_table[i < MC_T__COUNT ? i : 0];

	*key = info->key;
	*def = info->def;
	*doc = info->doc;
	*fields = info->fields;
}

size_t
mc_template_diag_count(const mc_template *t)
{
	return t->diags.count;
}

const mc_diag *
mc_template_diag(const mc_template *t, size_t i)
{
	return i < t->diags.count ? t->diags.items[i] : NULL;
}

static const char *
kind_expects(mc_template_kind k)
{
	switch (k) {
	case MC_TK_MM:
		return "une longueur en millimètres (ex. « 20 » ou « 12,5 »)";
	case MC_TK_PT:
		return "une taille en points, de 4 à 72 (ex. « 10,5 »)";
	case MC_TK_NUMBER:
		return "un nombre de 0,8 à 3 (ex. « 1,3 »)";
	case MC_TK_YESNO:
		return "« oui » ou « non »";
	case MC_TK_COLOUR:
		return "une couleur « #rrggbb » (ex. « #000091 »)";
	default:
		return "un texte";
	}
}

/* « 12,5 » or « 12.5 »: digits, one decimal separator, nothing else. */
static int
parse_number(const char *s, double *out)
{
	double v = 0, scale = 0;

	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			if (scale > 0) {
				scale /= 10;
				v += (*s - '0') * scale;
			} else {
				v = v * 10 + (*s - '0');
			}
			if (v > 1e6)
				return 0;
		} else if ((*s == ',' || *s == '.') && scale == 0) {
			scale = 1;
		} else {
			return 0;
		}
	}
	*out = v;
	return 1;
}

static int
parse_colour(const char *s, unsigned *rgb)
{
	unsigned v = 0;

	if (s[0] != '#' || strlen(s) != 7)
		return 0;
	for (int i = 1; i < 7; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return 0;
	}
	*rgb = v;
	return 1;
}

/* Whether `name` (len bytes) is one of the space-separated `fields`. */
static int
field_known(const char *fields, const char *name, size_t len)
{
	const char *p = fields;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");

		if (n == len && strncmp(p, name, len) == 0)
			return 1;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 0;
}

typedef struct reader {
	mc_template *t;
	mc_span span;        /* the value being read */
	int seen[MC_T__COUNT];
} reader;

static void
check_fields(reader *r, mc_template_field f, const char *text)
{
	const mc_template_info *info = &mc_template_table[f];

	for (const char *p = strchr(text, '{'); p != NULL; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		size_t len;

		if (end == NULL)
			break;
		len = (size_t)(end - p - 1);
		if (!field_known(info->fields, p + 1, len)) {
			char *name = mc_arena_strndup(&r->t->arena, p + 1, len);
			const char *help = *info->fields != '\0' ?
			    mc_arena_printf(&r->t->arena, "champs possibles : %s",
			    info->fields) : "ce texte n’a pas de champ";
			mc_span at = r->span;

			at.start += (uint32_t)(p - text);
			at.end = at.start + (uint32_t)len + 2;
			mc_diag_emit(&r->t->diags, MC_D_TEMPLATE_UNKNOWN_FIELD, at,
			    name ? name : "", info->key, help);
		}
	}
}

static int
file_exists(const char *path)
{
	return access(path, R_OK) == 0;
}

/* Files are looked for in the template's folder; fonts also in fonts_dir. */
static const char *
find_file(reader *r, mc_template_field f, const char *name, const char *fonts_dir)
{
	mc_arena *a = &r->t->arena;
	const char *path;

	if (strstr(name, "..") != NULL || name[0] == '/') {
		mc_diag_emit(&r->t->diags, MC_D_TEMPLATE_BAD_FILE, r->span,
		    mc_template_table[f].key, name,
		    "doit être un nom de fichier du dossier du modèle");
		return NULL;
	}
	path = mc_arena_printf(a, "%s/%s", r->t->dir, name);
	if (path != NULL && file_exists(path))
		return path;
	if (mc_template_table[f].kind == MC_TK_FONT) {
		path = fonts_dir != NULL ? mc_arena_printf(a, "%s/%s", fonts_dir, name) : NULL;
		if (path != NULL && file_exists(path))
			return path;
		/* Only the PDF needs fonts: a warning, so that HTML and Markdown
		 * letters are still produced; mc_renderer_new refuses the PDF. */
		mc_diag_emit(&r->t->diags, MC_D_TEMPLATE_FONT_MISSING, r->span,
		    mc_template_table[f].key, name);
		return NULL;
	}
	mc_diag_emit(&r->t->diags, MC_D_TEMPLATE_FILE_MISSING, r->span,
	    mc_template_table[f].key, name);
	return NULL;
}

static int
file_exists_in(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return file_exists(path);
}

static void
set_value(reader *r, mc_template_field f, const char *text, const char *fonts_dir,
    int given)
{
	const mc_template_info *info = &mc_template_table[f];
	mc_template_value *v = &r->t->v[f];
	double n = 0;
	int ok = 1;

	v->text = text;
	switch (info->kind) {
	case MC_TK_MM:
		ok = parse_number(text, &n) && n <= 1000;
		v->number = n * MC_PT_PER_MM;
		break;
	case MC_TK_PT:
		ok = parse_number(text, &n) && n >= 4 && n <= 72;
		v->number = n;
		break;
	case MC_TK_NUMBER:
		ok = parse_number(text, &n) && n >= 0.8 && n <= 3;
		v->number = n;
		break;
	case MC_TK_YESNO:
		ok = strcmp(text, "oui") == 0 || strcmp(text, "non") == 0;
		v->number = strcmp(text, "oui") == 0;
		break;
	case MC_TK_COLOUR:
		ok = parse_colour(text, &v->rgb);
		break;
	case MC_TK_TEXT:
		check_fields(r, f, text);
		break;
	case MC_TK_FILE:
		/* A template that does not give its own style sheet or logo simply
		 * has none; a file it names must be there. */
		if (*text != '\0' && !given && !file_exists_in(r->t->dir, text)) {
			v->text = "";
			break;
		}
		/* fall through */
	case MC_TK_FONT:
		if (*text != '\0') {
			const char *path = find_file(r, f, text, fonts_dir);

			v->text = path != NULL ? path : "";
		}
		break;
	}
	if (!ok)
		mc_diag_emit(&r->t->diags, MC_D_TEMPLATE_BAD_VALUE, r->span, info->key,
		    kind_expects(info->kind), text);
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static void
read_line(reader *r, uint32_t start, uint32_t end, const char *fonts_dir)
{
	mc_template *t = r->t;
	const char *s = t->src.text;
	uint32_t k0, k1, v0, v1, eq;
	char *key, *value;
	size_t f;

	while (start < end && is_space(s[start]))
		start++;
	while (end > start && is_space(s[end - 1]))
		end--;
	if (start == end || s[start] == '#')
		return;
	for (eq = start; eq < end && s[eq] != '='; eq++)
		;
	if (eq == end) {
		mc_diag_emit(&t->diags, MC_D_TEMPLATE_SYNTAX, mc_span_of(&t->src, start, end));
		return;
	}
	k0 = start;
	k1 = eq;
	while (k1 > k0 && is_space(s[k1 - 1]))
		k1--;
	v0 = eq + 1;
	while (v0 < end && is_space(s[v0]))
		v0++;
	v1 = end;
	if (k1 == k0) {
		mc_diag_emit(&t->diags, MC_D_TEMPLATE_SYNTAX, mc_span_of(&t->src, start, end));
		return;
	}
	key = mc_arena_strndup(&t->arena, s + k0, k1 - k0);
	value = mc_arena_strndup(&t->arena, s + v0, v1 - v0);
	if (key == NULL || value == NULL)
		return;
	for (f = 0; f < MC_T__COUNT; f++)
		if (strcmp(mc_template_table[f].key, key) == 0)
			break;
	if (f == MC_T__COUNT) {
		mc_suggester sg;
		mc_diag *d = mc_diag_emit(&t->diags, MC_D_TEMPLATE_UNKNOWN_KEY,
		    mc_span_of(&t->src, k0, k1), key);

		mc_suggest_init(&sg, key);
		mc_suggest_each(&sg, mc_template_table, MC_T__COUNT,
		    sizeof(*mc_template_table));
		mc_diag_suggest(&t->diags, d, mc_suggest_best(&sg));
		return;
	}
	if (r->seen[f]) {
		mc_diag_emit(&t->diags, MC_D_TEMPLATE_DUPLICATE_KEY,
		    mc_span_of(&t->src, k0, k1), key);
		return;
	}
	r->seen[f] = 1;
	r->span = mc_span_of(&t->src, v0, v1);
	set_value(r, (mc_template_field)f, value, fonts_dir, 1);
}

/* A count of pixels as French writes it: « 4096 », « 60 000 ». */
static const char *
grouped(mc_arena *a, unsigned n)
{
	if (n >= 1000000)
		return mc_arena_printf(a, "%u %03u %03u", n / 1000000, n / 1000 % 1000,
		    n % 1000);
	if (n >= 10000)
		return mc_arena_printf(a, "%u %03u", n / 1000, n % 1000);
	return mc_arena_printf(a, "%u", n);
}

/* The files a template names are read once, here: a renderer then only
 * reads memory. */
static void
load_files(reader *r)
{
	mc_template *t = r->t;
	const char *css = t->v[MC_T_CSS].text;
	const char *logo = t->v[MC_T_LOGO].text;
	size_t len;
	int err;
	char *data;

	t->css = "";
	if (*css != '\0' && (data = mc_read_file(css, &len, &err)) != NULL) {
		t->css = mc_arena_strndup(&t->arena, data, len);
		t->css_len = len;
		free(data);
		/* The style sheet goes inside <style>: its text must not close it. */
		for (size_t i = 0; t->css != NULL && i + 7 <= len; i++)
			if (t->css[i] == '<' && t->css[i + 1] == '/' &&
			    strncasecmp(t->css + i + 2, "style", 5) == 0) {
				mc_diag_emit(&t->diags, MC_D_TEMPLATE_BAD_FILE,
				    mc_span_of(NULL, 0, 0), "html.css", css,
				    "contient « </style » : une feuille de style ne peut pas fermer sa balise");
				break;
			}
	}
	if (*logo != '\0' && (data = mc_read_file(logo, &len, &err)) != NULL) {
		static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
		const unsigned char *u = (const unsigned char *)data;
		unsigned w, h;
		mc_png_problem problem;

		if (len < 33 || memcmp(u, png, 8) != 0 || memcmp(u + 12, "IHDR", 4) != 0) {
			mc_diag_emit(&t->diags, MC_D_TEMPLATE_BAD_FILE, mc_span_of(NULL, 0, 0),
			    "logo", logo, "n’est pas une image PNG");
		} else if ((problem = mc_png_check(u, len, &w, &h)) != MC_PNG_OK) {
			/* libharu would stop the program on what libpng cannot read. */
			const char *why = problem == MC_PNG_TOO_LARGE ?
			    mc_arena_printf(&t->arena, "mesure %s × %s pixels : un logo en a au plus %u de côté, réduisez-le",
			    grouped(&t->arena, w), grouped(&t->arena, h), MC_PNG_MAX_SIDE) : problem == MC_PNG_SMALL_PALETTE ?
			    "est une image à palette de 1, 2 ou 4 bits avec transparence, que le PDF ne sait pas reprendre : enregistrez-la en palette de 8 bits ou en couleurs RVB" :
			    "n’est pas une image PNG lisible : elle est tronquée ou abîmée";

			mc_diag_emit(&t->diags, MC_D_TEMPLATE_BAD_FILE, mc_span_of(NULL, 0, 0),
			    "logo", logo, why != NULL ? why : "est trop grand");
		} else {
			unsigned char *copy = mc_arena_alloc(&t->arena, len);

			if (copy != NULL)
				memcpy(copy, data, len);
			t->logo = copy;
			t->logo_len = len;
			t->logo_w = (unsigned)u[16] << 24 | (unsigned)u[17] << 16 |
			    (unsigned)u[18] << 8 | u[19];
			t->logo_h = (unsigned)u[20] << 24 | (unsigned)u[21] << 16 |
			    (unsigned)u[22] << 8 | u[23];
		}
		free(data);
	}
	for (int f = MC_T_FONT_REGULAR; f <= MC_T_FONT_ITALIC; f++) {
		const char *path = t->v[f].text;
		unsigned char head[4] = { 0 };
		FILE *fp = *path != '\0' ? fopen(path, "rb") : NULL;

		if (fp == NULL)
			continue;
		if (fread(head, 1, 4, fp) != 4 || !((head[0] == 0 && head[1] == 1 &&
		    head[2] == 0 && head[3] == 0) || memcmp(head, "true", 4) == 0))
			mc_diag_emit(&t->diags, MC_D_TEMPLATE_BAD_FILE, mc_span_of(NULL, 0, 0),
			    mc_template_table[f].key, path, "n’est pas une police TrueType (.ttf)");
		fclose(fp);
	}
}

static void
check_geometry(mc_template *t)
{
	double w = t->v[MC_T_PAGE_WIDTH].number - t->v[MC_T_MARGIN_LEFT].number -
	    t->v[MC_T_MARGIN_RIGHT].number;
	double h = t->v[MC_T_PAGE_HEIGHT].number - t->v[MC_T_MARGIN_TOP].number -
	    t->v[MC_T_MARGIN_BOTTOM].number;

	if (w < 80 * MC_PT_PER_MM || h < 100 * MC_PT_PER_MM)
		mc_diag_emit(&t->diags, MC_D_TEMPLATE_MARGINS, mc_span_of(&t->src, 0, 0),
		    fmax(w, 0) / MC_PT_PER_MM, fmax(h, 0) / MC_PT_PER_MM);
}

mc_template *
mc_template_open(const char *dir, const char *fonts_dir)
{
	mc_template *t = calloc(1, sizeof(*t));
	reader r;
	const char *path;
	char *text;
	size_t len = 0;
	int err = 0;

	if (t == NULL)
		return NULL;
	mc_arena_init(&t->arena, (size_t)16 * 1024);
	mc_diags_init(&t->diags, &t->arena, 100);
	t->dir = mc_arena_strdup(&t->arena, dir);
	memset(&r, 0, sizeof(r));
	r.t = t;
	path = mc_arena_printf(&t->arena, "%s/modele.conf", dir);
	if (t->dir == NULL || path == NULL) {
		mc_template_close(t);
		return NULL;
	}
	text = mc_read_file(path, &len, &err);
	if (text == NULL) {
		mc_diag_emit(&t->diags, MC_D_FILE_UNREADABLE, mc_span_of(NULL, 0, 0),
		    path, mc_strerror(err));
		return t;
	}
	if (!mc_source_init(&t->src, &t->arena, &t->diags, path, text, len)) {
		free(text);
		return t;
	}
	free(text);
	for (size_t i = 0; i < t->src.nlines; i++) {
		uint32_t start = t->src.lines[i];
		uint32_t end = i + 1 < t->src.nlines ? t->src.lines[i + 1] :
		    (uint32_t)t->src.len;

		if (i == 0 && start < t->src.body)
			start = t->src.body;
		while (end > start && (t->src.text[end - 1] == '\n'))
			end--;
		read_line(&r, start, end, fonts_dir);
	}
	/* Keys not given take their default, checked the same way. */
	r.span = mc_span_of(NULL, 0, 0);
	for (size_t f = 0; f < MC_T__COUNT; f++)
		if (!r.seen[f])
			set_value(&r, (mc_template_field)f, mc_template_table[f].def,
			    fonts_dir, 0);
	check_geometry(t);
	if (!mc_diags_has_errors(&t->diags))
		load_files(&r);
	return t;
}

void
mc_template_close(mc_template *t)
{
	if (t == NULL)
		return;
	mc_diags_free(&t->diags);
	mc_arena_free(&t->arena);
	free(t);
}
