/* render_md.c — the Markdown backend: CommonMark with no extension, so that
 * any reader (cmark, a forge, a mail client) shows the same structure. The
 * letter becomes:
 *   - the header lines, one paragraph, a hard line break (« \ ») after each;
 *   - « # » the title, the subtitle in bold, the period;
 *   - « ## » sections, « ### » sub-headings, paragraphs between blank lines,
 *     run styles as ** and *; observations thus come out in italics, as the
 *     document styles them (no block quote on top);
 *   - each activity a bullet, so that a mission's activities read as a list;
 *   - tables as bullet lists, since pipe tables are an extension that cmark
 *     shows as one paragraph: one item per row, the first cell leading (it
 *     names the row), then « Header : value » for the other cells, separated
 *     by « ; »: « - Coordination — **Quantum** : 12 h ; **Parts** : 1 ». A
 *     label: value table gives « - **Label** : value »; the total row is all
 *     bold; an empty cell is left out;
 *   - the signatures as paragraphs: place and date, then per signer the
 *     quality in bold, the name and the mark, one per line.
 * Escaping is in one place, put_escaped(); emphasis and white space around it
 * in put_span(). */
#include "render.h"

#include <string.h>

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

typedef struct md {
	mc_buffer *b;
	const char *indent;      /* written after a line break inside a block,
	                          * so that a list item's lines stay in it */
	int breaks;              /* a line end in a text is a hard line break
	                          * (paragraphs), or a space (headings) */
	int bol;                 /* nothing written on this line yet */
	int started;             /* something written in this block */
	unsigned open[2];        /* emphasis open, innermost last */
	size_t nopen;
	mc_buffer pending;       /* white space read, not written yet: it goes
	                          * outside the emphasis, or away at the end */
	int blocks;              /* blocks written so far */
	char marker;             /* bullet of the last list */
	int last_list;           /* the last block was a list: a new one needs
	                          * the other bullet, or CommonMark joins them */
	int last_activity;
} md;

/* The one place where text becomes Markdown. `s` holds no white space (put_span
 * splits it off). Always escaped: the characters that start inline markup
 * (\ ` * _ [ ] < > & ~ |, and # which could close a heading). At the start
 * of a line, what would start a block: - + = (lists, setext underlines) and
 * « 1. » or « 1) » (ordered lists). Ordinary French punctuation (. , : ; ’ ( )
 * ! ?) is left as is: it is markup only after one of the above, escaped.
 * Control characters and noncharacters become U+FFFD (mc_unsafe_char). */
static void
put_escaped(md *w, const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0)
		return;
	if (w->bol) {
		size_t d = 0;

		while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d > 0 && d + 1 == n && (s[d] == '.' || s[d] == ')')) {
			mc_buffer_put(w->b, s, d);
			mc_buffer_puts(w->b, "\\");
			i = d;
		} else if (s[0] == '-' || s[0] == '+' || s[0] == '=') {
			mc_buffer_puts(w->b, "\\");
		}
	}
	for (; i < n; i++) {
		size_t bad = mc_unsafe_char(s + i, n - i);

		if (bad > 0) {          /* control, noncharacter: never raw */
			mc_buffer_puts(w->b, "\xef\xbf\xbd");
			i += bad - 1;
			continue;
		}
		if (s[i] != '\0' && strchr("\\`*_[]<>&~|#", s[i]) != NULL)
			mc_buffer_puts(w->b, "\\");
		mc_buffer_put(w->b, s + i, 1);
	}
	w->bol = 0;
	w->started = 1;
}

/* The length of the white space at s (0 if none): ASCII blanks and line
 * ends, and the no-break spaces, which count as white space for emphasis. */
static size_t
space_len(const char *s, size_t n)
{
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')
		return 1;
	if (n >= 2 && memcmp(s, NBSP, 2) == 0)
		return 2;
	if (n >= 3 && memcmp(s, NNBSP, 3) == 0)
		return 3;
	return 0;
}

/* Pending white space, written before the next word: a line end as a hard
 * line break (or a space in a heading); blanks at the start of a line or of
 * the block dropped, as they would be read as indentation. */
static void
flush_pending(md *w)
{
	const char *p = w->pending.data;
	size_t n = w->pending.len;

	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
			continue;
		if (c == '\n' || c == '\r') {
			if (!w->started || w->bol)
				continue;
			if (!w->breaks) {
				mc_buffer_puts(w->b, " ");
				continue;
			}
			mc_buffer_puts(w->b, "\\\n");
			mc_buffer_puts(w->b, w->indent);
			w->bol = 1;
		} else if (c == ' ' || c == '\t') {
			if (!w->bol)
				mc_buffer_put(w->b, &c, 1);
		} else {
			/* A no-break space: a character, written even first. */
			size_t len = (unsigned char)c == 0xc2 ? 2 : 3;

			mc_buffer_put(w->b, p + i, len);
			i += len - 1;
			w->bol = 0;
			w->started = 1;
		}
	}
	w->pending.len = 0;
}

static unsigned
open_styles(const md *w)
{
	unsigned s = 0;

	for (size_t i = 0; i < w->nopen; i++)
		s |= w->open[i];
	return s;
}

/* Closes, innermost first, until no style outside `keep` is open (one that
 * stays may close with them: put_word opens it again). */
static void
close_emphasis(md *w, unsigned keep)
{
	while (w->nopen > 0 && (open_styles(w) & ~keep) != 0) {
		unsigned top = w->open[--w->nopen];

		mc_buffer_puts(w->b, top == MC_STYLE_BOLD ? "**" : "*");
	}
}

/* A word in a style: the emphasis that ends closes against the last word,
 * the white space goes between, the emphasis that begins opens against this
 * word, as CommonMark wants delimiters next to text. One case stays literal:
 * a style that starts inside a word on punctuation (« mot**(x)** »), which
 * CommonMark does not read as emphasis; lower.c's runs never do that. */
static void
put_word(md *w, const char *s, size_t n, unsigned style)
{
	close_emphasis(w, style);
	flush_pending(w);
	if ((style & MC_STYLE_BOLD) && !(open_styles(w) & MC_STYLE_BOLD)) {
		mc_buffer_puts(w->b, "**");
		w->open[w->nopen++] = MC_STYLE_BOLD;
	}
	if ((style & MC_STYLE_ITALIC) && !(open_styles(w) & MC_STYLE_ITALIC)) {
		mc_buffer_puts(w->b, "*");
		w->open[w->nopen++] = MC_STYLE_ITALIC;
	}
	put_escaped(w, s, n);
}

/* Text in a style, cut into words and white space. */
static void
put_span(md *w, const char *s, size_t n, unsigned style)
{
	size_t i = 0;

	while (i < n) {
		size_t sp = space_len(s + i, n - i), j = i;

		if (sp > 0) {
			mc_buffer_put(&w->pending, s + i, sp);
			i += sp;
			continue;
		}
		while (j < n && space_len(s + j, n - j) == 0)
			j++;
		put_word(w, s + i, j - i, style);
		i = j;
	}
}

static void
put_str(md *w, const char *s, unsigned style)
{
	if (s != NULL)
		put_span(w, s, strlen(s), style);
}

/* Runs; `implied` are styles the block already shows (a heading is bold),
 * `forced` styles added to every run (a total row). */
static void
put_runs(md *w, const mc_text *t, unsigned implied, unsigned forced)
{
	for (size_t i = 0; i < t->nruns; i++)
		put_str(w, t->runs[i].text, (t->runs[i].style & ~implied) | forced);
}

static int
text_empty(const mc_text *t)
{
	for (size_t i = 0; i < t->nruns; i++)
		if (t->runs[i].text != NULL && t->runs[i].text[0] != '\0')
			return 0;
	return 1;
}

/* A block: a blank line before it (but for the next item of a list, which
 * keeps the list tight), then `lead` (« ## », « - »). */
static void
begin(md *w, const char *lead, const char *indent, int breaks, int tight)
{
	if (w->blocks++ > 0 && !tight)
		mc_buffer_puts(w->b, "\n");
	mc_buffer_puts(w->b, lead);
	w->indent = indent;
	w->breaks = breaks;
	w->bol = 1;
	w->started = 0;
	w->pending.len = 0;
	w->last_list = 0;
	w->last_activity = 0;
}

static void
end(md *w)
{
	close_emphasis(w, 0);
	w->pending.len = 0;
	mc_buffer_puts(w->b, "\n");
}

/* The bullet for a new list: the other one when a list comes just before,
 * which CommonMark would otherwise continue. */
static const char *
bullet(md *w, int continues)
{
	if (w->marker == 0)
		w->marker = '-';
	else if (w->last_list && !continues)
		w->marker = w->marker == '-' ? '*' : '-';
	return w->marker == '-' ? "- " : "* ";
}

/* A list item; `continues` the list just written, or starts a new one. */
static void
list_item(md *w, int continues)
{
	const char *lead = bullet(w, continues);

	begin(w, lead, "  ", 1, continues && w->last_list);
	w->last_list = 1;
}

static void
put_row(md *w, const mc_table *tb, size_t r, int total)
{
	const mc_text *row = &tb->cells[r * tb->ncols];
	unsigned forced = total ? MC_STYLE_BOLD : 0;
	int lead = !text_empty(&row[0]), pairs = 0;

	list_item(w, r > 0);
	if (lead)
		put_runs(w, &row[0], 0, forced);
	for (size_t c = 1; c < tb->ncols; c++) {
		const mc_text *head = tb->head != NULL ? &tb->head[c] : NULL;

		if (text_empty(&row[c]))
			continue;
		if (pairs > 0)
			put_str(w, NNBSP "; ", forced);
		else if (lead)
			put_str(w, head != NULL ? " — " : NBSP ": ", forced);
		if (head != NULL && !text_empty(head)) {
			put_runs(w, head, 0, forced);
			put_str(w, NBSP ": ", forced);
		}
		put_runs(w, &row[c], 0, forced);
		pairs++;
	}
	end(w);
}

static void
put_table(md *w, const mc_table *tb)
{
	if (tb->ncols == 0)
		return;
	for (size_t r = 0; r < tb->nrows; r++)
		put_row(w, tb, r, tb->total && r + 1 == tb->nrows);
}

static void
put_signatures(md *w, const mc_signatures *s)
{
	if (s->place_date != NULL && s->place_date[0] != '\0') {
		begin(w, "", "", 1, 0);
		put_str(w, s->place_date, 0);
		end(w);
	}
	for (size_t i = 0; i < s->nsigners; i++) {
		begin(w, "", "", 1, 0);
		put_str(w, s->signers[i].label, MC_STYLE_BOLD);
		put_str(w, "\n", 0);
		put_str(w, s->signers[i].name, 0);
		put_str(w, "\n", 0);
		put_str(w, s->mark, 0);
		end(w);
	}
}

static void
put_paragraph(md *w, const mc_block *blk)
{
	if (text_empty(&blk->text))
		return;
	if (blk->role == MC_P_ACTIVITY) {
		int continues = w->last_activity;

		list_item(w, continues);
		put_runs(w, &blk->text, 0, 0);
		end(w);
		w->last_activity = 1;
		return;
	}
	begin(w, "", "", 1, 0);
	put_runs(w, &blk->text, 0, 0);
	end(w);
}

static void
put_block(md *w, const mc_block *blk)
{
	switch (blk->kind) {
	case MC_B_HEADING:
		begin(w, blk->level <= 1 ? "## " : "### ", "", 0, 0);
		put_runs(w, &blk->text, MC_STYLE_BOLD, 0);
		end(w);
		break;
	case MC_B_PARAGRAPH:
		put_paragraph(w, blk);
		break;
	case MC_B_LIST:
		for (size_t i = 0; i < blk->nitems; i++) {
			list_item(w, i > 0);
			put_runs(w, &blk->items[i], 0, 0);
			end(w);
		}
		break;
	case MC_B_TABLE:
		put_table(w, &blk->table);
		break;
	case MC_B_SIGNATURES:
		put_signatures(w, &blk->signatures);
		break;
	}
}

int
mc_render_markdown(const mc_document *doc, const mc_template *t, mc_buffer *out)
{
	md w;
	int failed;

	(void)t;      /* nothing of the presentation carries over to Markdown */
	memset(&w, 0, sizeof(w));
	w.b = out;
	mc_buffer_init(&w.pending);
	if (doc->nheader > 0) {
		begin(&w, "", "", 1, 0);
		for (size_t i = 0; i < doc->nheader; i++) {
			if (i > 0)
				put_str(&w, "\n", 0);
			put_str(&w, doc->header[i], 0);
		}
		end(&w);
	}
	begin(&w, "# ", "", 0, 0);
	put_str(&w, doc->title, 0);
	end(&w);
	if (doc->subtitle != NULL && doc->subtitle[0] != '\0') {
		begin(&w, "", "", 1, 0);
		put_str(&w, doc->subtitle, MC_STYLE_BOLD);
		end(&w);
	}
	if (doc->period != NULL && doc->period[0] != '\0') {
		begin(&w, "", "", 1, 0);
		put_str(&w, doc->period, 0);
		end(&w);
	}
	for (size_t i = 0; i < doc->nblocks; i++)
		put_block(&w, &doc->blocks[i]);
	failed = w.pending.failed;
	mc_buffer_free(&w.pending);
	return out->failed || failed ? -1 : 0;
}
