/* render_html.c — the HTML backend: one self-contained HTML5 file per letter
 * (style sheet and logo inline, nothing fetched), semantic so that it reads
 * well on screen, in a screen reader and on paper: <header> for the
 * établissement, <main>, <h1>–<h3>, tables with scoped header cells, the
 * signatures in their own <section>. The look is the template's style sheet
 * (templates/defaut/lettre.css); what comes from modele.conf reaches it as CSS
 * custom properties, and the page box (size, margins, « Page 1 sur 2 ») is a
 * generated @page rule. Text is escaped in one place, put_text(); strings
 * inside the style sheet in put_css_string(). */
#include "render.h"

#include <string.h>
#include <time.h>

/* U+FFFD, written for a control character: HTML forbids them. */
#define REPLACEMENT "\xef\xbf\xbd"

enum {
	IN_TEXT,                 /* element content: a line end is a <br> */
	IN_ATTR                  /* attribute value or <title>: a line end is a space */
};

/* The one place where text becomes HTML. Everything a document holds goes
 * through here, so nothing the author wrote can become markup; U+00A0 and
 * U+202F stay characters (UTF-8), which keeps the golden files readable. */
static void
put_text(mc_buffer *b, const char *s, size_t n, int where)
{
	size_t done = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t len = 1;

		if (c == '&')
			rep = "&amp;";
		else if (c == '<')
			rep = "&lt;";
		else if (c == '>')
			rep = "&gt;";
		else if (c == '"')
			rep = "&quot;";
		else if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
			rep = "";
		else if (c == '\n' || c == '\r')
			rep = where == IN_ATTR ? " " : "<br>\n";
		else if ((len = mc_unsafe_char(s + i, n - i)) > 0)
			rep = REPLACEMENT;      /* control, noncharacter */
		else
			len = 1;
		if (rep == NULL)
			continue;
		mc_buffer_put(b, s + done, i - done);
		mc_buffer_puts(b, rep);
		i += len - 1;
		done = i + 1;
	}
	mc_buffer_put(b, s + done, n - done);
}

static void
put_str(mc_buffer *b, const char *s, int where)
{
	if (s != NULL)
		put_text(b, s, strlen(s), where);
}

/* Runs as <strong> and <em>. `implied` are the styles the element already
 * shows (a heading, a header cell is bold): not marked twice. */
static void
put_runs(mc_buffer *b, const mc_text *t, unsigned implied)
{
	for (size_t i = 0; i < t->nruns; i++) {
		unsigned style = t->runs[i].style & ~implied;

		if (style & MC_STYLE_BOLD)
			mc_buffer_puts(b, "<strong>");
		if (style & MC_STYLE_ITALIC)
			mc_buffer_puts(b, "<em>");
		put_str(b, t->runs[i].text, IN_TEXT);
		if (style & MC_STYLE_ITALIC)
			mc_buffer_puts(b, "</em>");
		if (style & MC_STYLE_BOLD)
			mc_buffer_puts(b, "</strong>");
	}
}

static int
text_empty(const mc_text *t)
{
	for (size_t i = 0; i < t->nruns; i++)
		if (t->runs[i].text != NULL && t->runs[i].text[0] != '\0')
			return 0;
	return 1;
}

static void
put_base64(mc_buffer *b, const unsigned char *p, size_t n)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char out[256];
	size_t o = 0;

	for (size_t i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		out[o++] = digits[v >> 18 & 63];
		out[o++] = digits[v >> 12 & 63];
		out[o++] = i + 1 < n ? digits[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? digits[v & 63] : '=';
		if (o == sizeof(out)) {
			mc_buffer_put(b, out, o);
			o = 0;
		}
	}
	mc_buffer_put(b, out, o);
}

/* The style sheet */

/* A number with at most two decimals and a point, whatever the locale the
 * program runs in (printf's %f would write « 1,3 » under a French one). */
static void
put_decimal(mc_buffer *b, double v, const char *unit)
{
	long long h = (long long)(v * 100 + (v < 0 ? -0.5 : 0.5));

	if (h < 0) {
		mc_buffer_puts(b, "-");
		h = -h;
	}
	mc_buffer_printf(b, "%lld", h / 100);
	if (h % 100 != 0 && h % 10 == 0)
		mc_buffer_printf(b, ".%lld", h % 100 / 10);
	else if (h % 100 != 0)
		mc_buffer_printf(b, ".%02lld", h % 100);
	mc_buffer_puts(b, unit);
}

/* Template lengths are kept in points; the style sheet speaks millimetres,
 * as modele.conf does. */
static void
put_mm(mc_buffer *b, double pt)
{
	put_decimal(b, pt / MC_PT_PER_MM, "mm");
}

/* The one place where text becomes a CSS string. `<` is escaped too, so that
 * no string can close the <style> element. */
static void
put_css_string(mc_buffer *b, const char *s, size_t n)
{
	size_t done = 0;

	mc_buffer_puts(b, "\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;

		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '<')
			rep = "\\3c ";
		else if (c == '\n')
			rep = "\\a ";
		else if (c < 0x20 || c == 0x7f)
			rep = "";
		if (rep == NULL)
			continue;
		mc_buffer_put(b, s + done, i - done);
		mc_buffer_puts(b, rep);
		done = i + 1;
	}
	mc_buffer_put(b, s + done, n - done);
	mc_buffer_puts(b, "\"");
}

/* « style » in any case, as the HTML parser matches an end tag. */
static int
is_style_tag(const char *s)
{
	for (size_t i = 0; i < 5; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != "style"[i])
			return 0;
	}
	return 1;
}

/* The template's style sheet, as is: it is the académie's own file. Only a
 * « </style » inside it (in a comment or a string) is written « <\/style »,
 * which means the same in CSS but cannot end the <style> element early. */
static void
put_style_sheet(mc_buffer *b, const char *css, size_t n)
{
	size_t done = 0;

	for (size_t i = 0; i + 7 <= n; i++) {
		if (css[i] != '<' || css[i + 1] != '/')
			continue;
		if (!is_style_tag(css + i + 2))
			continue;
		mc_buffer_put(b, css + done, i + 1 - done);
		mc_buffer_puts(b, "\\");
		done = i + 1;
	}
	mc_buffer_put(b, css + done, n - done);
	if (n > 0 && css[n - 1] != '\n')
		mc_buffer_puts(b, "\n");
}

/* modele.conf's values as custom properties named after its keys, before the
 * template's style sheet, which uses them (and may override them). */
static void
put_variables(mc_buffer *b, const mc_template *t)
{
	static const struct {
		const char *name;
		int field;
		char unit;       /* 'm' millimetres, 'p' points, 'n' number, 'c' colour */
	} vars[] = {
		{ "page-largeur", MC_T_PAGE_WIDTH, 'm' },
		{ "page-hauteur", MC_T_PAGE_HEIGHT, 'm' },
		{ "marge-haut", MC_T_MARGIN_TOP, 'm' },
		{ "marge-bas", MC_T_MARGIN_BOTTOM, 'm' },
		{ "marge-gauche", MC_T_MARGIN_LEFT, 'm' },
		{ "marge-droite", MC_T_MARGIN_RIGHT, 'm' },
		{ "taille-texte", MC_T_SIZE_TEXT, 'p' },
		{ "taille-titre", MC_T_SIZE_TITLE, 'p' },
		{ "taille-section", MC_T_SIZE_HEADING, 'p' },
		{ "taille-petit", MC_T_SIZE_SMALL, 'p' },
		{ "interligne", MC_T_LINE_HEIGHT, 'n' },
		{ "couleur-titre", MC_T_COLOUR_TITLE, 'c' },
		{ "couleur-texte", MC_T_COLOUR_TEXT, 'c' },
		{ "couleur-filet", MC_T_COLOUR_RULE, 'c' },
		{ "couleur-fond", MC_T_COLOUR_SHADE, 'c' },
		{ "logo-largeur", MC_T_LOGO_WIDTH, 'm' },
	};

	mc_buffer_puts(b, ":root {\n");
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const mc_template_value *v = &t->v[vars[i].field];

		mc_buffer_printf(b, "\t--%s: ", vars[i].name);
		switch (vars[i].unit) {
		case 'm':
			put_mm(b, v->number);
			break;
		case 'p':
			put_decimal(b, v->number, "pt");
			break;
		case 'c':
			mc_buffer_printf(b, "#%06x", v->rgb & 0xffffffu);
			break;
		default:
			put_decimal(b, v->number, "");
			break;
		}
		mc_buffer_puts(b, ";\n");
	}
	mc_buffer_puts(b, "}\n");
}

/* « Page {page} sur {pages} » as the content of a page-margin box: the
 * label's words as CSS strings, the placeholders as page counters. */
static void
put_page_label(mc_buffer *b, const char *label)
{
	const char *p = label, *lit = label;
	int first = 1;

	while (*p != '\0') {
		const char *counter = NULL;
		size_t skip = 0;

		if (strncmp(p, "{page}", 6) == 0) {
			counter = "counter(page)";
			skip = 6;
		} else if (strncmp(p, "{pages}", 7) == 0) {
			counter = "counter(pages)";
			skip = 7;
		}
		if (counter == NULL) {
			p++;
			continue;
		}
		if (p > lit) {
			mc_buffer_puts(b, first ? "" : " ");
			put_css_string(b, lit, (size_t)(p - lit));
			first = 0;
		}
		mc_buffer_puts(b, first ? "" : " ");
		mc_buffer_puts(b, counter);
		first = 0;
		p += skip;
		lit = p;
	}
	if (p > lit || first) {
		mc_buffer_puts(b, first ? "" : " ");
		put_css_string(b, lit, (size_t)(p - lit));
	}
}

/* The printed page: after the template's style sheet, so that modele.conf has
 * the last word on the geometry (a more specific rule of the sheet, such as
 * lettre.css's « @page :first », still wins, by CSS's own rules). */
static void
put_page_rule(mc_buffer *b, const mc_document *doc, const mc_template *t)
{
	mc_buffer_puts(b, "@page {\n\tsize: ");
	put_mm(b, t->v[MC_T_PAGE_WIDTH].number);
	mc_buffer_puts(b, " ");
	put_mm(b, t->v[MC_T_PAGE_HEIGHT].number);
	mc_buffer_puts(b, ";\n\tmargin: ");
	put_mm(b, t->v[MC_T_MARGIN_TOP].number);
	mc_buffer_puts(b, " ");
	put_mm(b, t->v[MC_T_MARGIN_RIGHT].number);
	mc_buffer_puts(b, " ");
	put_mm(b, t->v[MC_T_MARGIN_BOTTOM].number);
	mc_buffer_puts(b, " ");
	put_mm(b, t->v[MC_T_MARGIN_LEFT].number);
	mc_buffer_puts(b, ";\n");
	if (doc->page_label != NULL && doc->page_label[0] != '\0') {
		/* A margin box inherits from the page, not from <html>: its size
		 * and colour are given here, its font by the style sheet's @page. */
		mc_buffer_puts(b, "\t@bottom-center {\n\t\tcontent: ");
		put_page_label(b, doc->page_label);
		mc_buffer_puts(b, ";\n\t\tfont-size: ");
		put_decimal(b, t->v[MC_T_SIZE_SMALL].number, "pt");
		mc_buffer_printf(b, ";\n\t\tcolor: #%06x;\n\t}\n",
		    t->v[MC_T_COLOUR_TEXT].rgb & 0xffffffu);
	}
	mc_buffer_puts(b, "}\n");
}

/* The document */

static void
put_head(mc_buffer *b, const mc_document *doc, const mc_template *t,
    int64_t epoch)
{
	const char *title = doc->meta_title;

	/* An empty <title> is invalid HTML. */
	if (title == NULL || title[0] == '\0')
		title = doc->title;
	if (title == NULL || title[0] == '\0')
		title = "Lettre de mission";
	mc_buffer_puts(b, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>");
	put_str(b, title, IN_ATTR);
	mc_buffer_puts(b, "</title>\n");
	if (doc->meta_author != NULL && doc->meta_author[0] != '\0') {
		mc_buffer_puts(b, "<meta name=\"author\" content=\"");
		put_str(b, doc->meta_author, IN_ATTR);
		mc_buffer_puts(b, "\">\n");
	}
	if (doc->meta_subject != NULL && doc->meta_subject[0] != '\0') {
		mc_buffer_puts(b, "<meta name=\"description\" content=\"");
		put_str(b, doc->meta_subject, IN_ATTR);
		mc_buffer_puts(b, "\">\n");
	}
	if (epoch != 0) {
		/* Dated only when asked: the same letter gives the same bytes. */
		time_t when = (time_t)epoch;
		struct tm tm;

		if (gmtime_r(&when, &tm) != NULL)
			mc_buffer_printf(b, "<meta name=\"dcterms.date\" "
			    "content=\"%04d-%02d-%02d\">\n", tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday);
	}
	mc_buffer_puts(b, "<style>\n");
	put_variables(b, t);
	if (t->css != NULL)
		put_style_sheet(b, t->css, t->css_len);
	put_page_rule(b, doc, t);
	mc_buffer_puts(b, "</style>\n</head>\n");
}

/* The logo at the width modele.conf gives (in CSS pixels, 96 to the inch),
 * its height in proportion so the page does not move while it loads. Its
 * text alternative is the first header line (« Académie d’Aix-Marseille »),
 * what an académie's logo says. */
static void
put_logo(mc_buffer *b, const mc_document *doc, const mc_template *t)
{
	double w = t->v[MC_T_LOGO_WIDTH].number * 96.0 / 72.0;
	unsigned long width, height;

	if (w < 1)
		w = t->logo_w;
	width = (unsigned long)(w + 0.5);
	height = t->logo_w > 0 ? (unsigned long)(w * t->logo_h / t->logo_w + 0.5) : 0;
	mc_buffer_puts(b, "<img class=\"logo\" src=\"data:image/png;base64,");
	put_base64(b, t->logo, t->logo_len);
	mc_buffer_puts(b, "\" alt=\"");
	put_str(b, doc->nheader > 0 ? doc->header[0] : "Logo", IN_ATTR);
	mc_buffer_printf(b, "\" width=\"%lu\"", width);
	if (height > 0)
		mc_buffer_printf(b, " height=\"%lu\"", height);
	mc_buffer_puts(b, ">\n");
}

static void
put_header(mc_buffer *b, const mc_document *doc, const mc_template *t)
{
	if (doc->nheader == 0 && t->logo == NULL)
		return;
	mc_buffer_puts(b, "<header class=\"entete\">\n");
	if (t->logo != NULL && t->logo_len > 0)
		put_logo(b, doc, t);
	for (size_t i = 0; i < doc->nheader; i++) {
		mc_buffer_puts(b, "<p>");
		put_str(b, doc->header[i], IN_TEXT);
		mc_buffer_puts(b, "</p>\n");
	}
	mc_buffer_puts(b, "</header>\n");
}

static void
put_title(mc_buffer *b, const mc_document *doc)
{
	mc_buffer_puts(b, "<hgroup>\n<h1>");
	put_str(b, doc->title, IN_TEXT);
	mc_buffer_puts(b, "</h1>\n");
	if (doc->subtitle != NULL && doc->subtitle[0] != '\0') {
		mc_buffer_puts(b, "<p class=\"sous-titre\">");
		put_str(b, doc->subtitle, IN_TEXT);
		mc_buffer_puts(b, "</p>\n");
	}
	if (doc->period != NULL && doc->period[0] != '\0') {
		mc_buffer_puts(b, "<p class=\"periode\">");
		put_str(b, doc->period, IN_TEXT);
		mc_buffer_puts(b, "</p>\n");
	}
	mc_buffer_puts(b, "</hgroup>\n");
}

static const char *
role_class(mc_para_role role)
{
	switch (role) {
	case MC_P_ACTIVITY:
		return "activite";
	case MC_P_LABEL:
		return "libelle";
	case MC_P_OBSERVATION:
		return "observation";
	case MC_P_NOTE:
		return "note";
	case MC_P_BODY:
		break;
	}
	return "corps";
}

/* One cell. `scope` is "col", "row" or NULL (a data cell). */
static void
put_cell(mc_buffer *b, const mc_text *text, const char *scope, int numeric)
{
	if (scope != NULL)
		mc_buffer_printf(b, "<th scope=\"%s\"", scope);
	else
		mc_buffer_puts(b, "<td");
	if (numeric)
		mc_buffer_puts(b, " class=\"nombre\"");
	mc_buffer_puts(b, ">");
	put_runs(b, text, scope != NULL ? MC_STYLE_BOLD : 0);
	mc_buffer_puts(b, scope != NULL ? "</th>" : "</td>");
}

static void
put_row(mc_buffer *b, const mc_table *tb, size_t r, int row_header)
{
	mc_buffer_puts(b, "<tr>");
	for (size_t c = 0; c < tb->ncols; c++)
		put_cell(b, &tb->cells[r * tb->ncols + c],
		    c == 0 && row_header ? "row" : NULL,
		    tb->numeric != NULL && tb->numeric[c]);
	mc_buffer_puts(b, "</tr>\n");
}

/* A table: headers in <thead> (or, for a label: value table, the first
 * column as row headers), the total row in <tfoot>. */
static void
put_table(mc_buffer *b, const mc_table *tb)
{
	size_t body = tb->nrows;

	if (tb->ncols == 0)
		return;
	if (tb->total && body > 0)
		body--;
	mc_buffer_puts(b, tb->head != NULL ? "<table>\n" :
	    "<table class=\"libelles\">\n");
	if (tb->caption != NULL && tb->caption[0] != '\0') {
		mc_buffer_puts(b, "<caption>");
		put_str(b, tb->caption, IN_TEXT);
		mc_buffer_puts(b, "</caption>\n");
	}
	if (tb->widths != NULL) {
		mc_buffer_puts(b, "<colgroup>");
		for (size_t c = 0; c < tb->ncols; c++) {
			mc_buffer_puts(b, "<col style=\"width: ");
			put_decimal(b, tb->widths[c] * 100, "%");
			mc_buffer_puts(b, "\">");
		}
		mc_buffer_puts(b, "</colgroup>\n");
	}
	if (tb->head != NULL) {
		mc_buffer_puts(b, "<thead>\n<tr>");
		for (size_t c = 0; c < tb->ncols; c++)
			put_cell(b, &tb->head[c], "col",
			    tb->numeric != NULL && tb->numeric[c]);
		mc_buffer_puts(b, "</tr>\n</thead>\n");
	}
	if (body > 0) {
		mc_buffer_puts(b, "<tbody>\n");
		for (size_t r = 0; r < body; r++)
			put_row(b, tb, r, tb->head == NULL);
		mc_buffer_puts(b, "</tbody>\n");
	}
	if (body < tb->nrows) {
		mc_buffer_puts(b, "<tfoot>\n");
		put_row(b, tb, body, 1);
		mc_buffer_puts(b, "</tfoot>\n");
	}
	mc_buffer_puts(b, "</table>\n");
}

/* Place and date, then one box per signer: quality, name, the mark, and
 * room to sign under it. */
static void
put_signatures(mc_buffer *b, const mc_signatures *s)
{
	mc_buffer_puts(b, "<section class=\"signatures\" aria-label=\"Signatures\">\n");
	if (s->place_date != NULL && s->place_date[0] != '\0') {
		mc_buffer_puts(b, "<p class=\"fait-a\">");
		put_str(b, s->place_date, IN_TEXT);
		mc_buffer_puts(b, "</p>\n");
	}
	if (s->nsigners > 0)
		mc_buffer_puts(b, "<div class=\"signataires\">\n");
	for (size_t i = 0; i < s->nsigners; i++) {
		const mc_signer *sg = &s->signers[i];

		mc_buffer_puts(b, "<div class=\"signataire\">\n");
		if (sg->label != NULL && sg->label[0] != '\0') {
			mc_buffer_puts(b, "<p class=\"qualite\"><strong>");
			put_str(b, sg->label, IN_TEXT);
			mc_buffer_puts(b, "</strong></p>\n");
		}
		if (sg->name != NULL && sg->name[0] != '\0') {
			mc_buffer_puts(b, "<p class=\"nom\">");
			put_str(b, sg->name, IN_TEXT);
			mc_buffer_puts(b, "</p>\n");
		}
		if (s->mark != NULL && s->mark[0] != '\0') {
			mc_buffer_puts(b, "<p class=\"emargement\">");
			put_str(b, s->mark, IN_TEXT);
			mc_buffer_puts(b, "</p>\n");
		}
		mc_buffer_puts(b, "<div class=\"place-signature\"></div>\n</div>\n");
	}
	if (s->nsigners > 0)
		mc_buffer_puts(b, "</div>\n");
	mc_buffer_puts(b, "</section>\n");
}

static void
put_block(mc_buffer *b, const mc_block *blk)
{
	switch (blk->kind) {
	case MC_B_HEADING:
		/* The letter's title is the <h1>: sections are <h2>, and so on. */
		mc_buffer_puts(b, blk->level <= 1 ? "<h2>" : "<h3>");
		put_runs(b, &blk->text, MC_STYLE_BOLD);
		mc_buffer_puts(b, blk->level <= 1 ? "</h2>\n" : "</h3>\n");
		break;
	case MC_B_PARAGRAPH:
		if (text_empty(&blk->text))
			break;
		mc_buffer_printf(b, "<p class=\"%s\">", role_class(blk->role));
		put_runs(b, &blk->text, 0);
		mc_buffer_puts(b, "</p>\n");
		break;
	case MC_B_LIST:
		if (blk->nitems == 0)
			break;
		mc_buffer_puts(b, "<ul>\n");
		for (size_t i = 0; i < blk->nitems; i++) {
			mc_buffer_puts(b, "<li>");
			put_runs(b, &blk->items[i], 0);
			mc_buffer_puts(b, "</li>\n");
		}
		mc_buffer_puts(b, "</ul>\n");
		break;
	case MC_B_TABLE:
		put_table(b, &blk->table);
		break;
	case MC_B_SIGNATURES:
		put_signatures(b, &blk->signatures);
		break;
	}
}

int
mc_render_html(const mc_document *doc, const mc_template *t, int64_t epoch,
    mc_buffer *out)
{
	put_head(out, doc, t, epoch);
	mc_buffer_puts(out, "<body>\n<div class=\"feuille\">\n");
	put_header(out, doc, t);
	mc_buffer_puts(out, "<main>\n");
	put_title(out, doc);
	for (size_t i = 0; i < doc->nblocks; i++)
		put_block(out, &doc->blocks[i]);
	mc_buffer_puts(out, "</main>\n</div>\n</body>\n</html>\n");
	return out->failed ? -1 : 0;
}
