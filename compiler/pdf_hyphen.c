/* pdf_hyphen.c — French hyphenation by libhyphen (the library LibreOffice
 * uses) and the patterns of Debian's hyphen-fr, for the PDF's justified
 * text. The words come as the layout holds them, Windows-1252 bytes; the
 * patterns are UTF-8 and lower case.
 *
 * libhyphen builds a state machine from the patterns when it loads them:
 * 1.4 ms, half of a cold `produire`. The Makefile builds it once instead
 * (tools/hyphen_table.c, with libhyphen's own loader) into tables compiled
 * in; mc_hyphen_fr makes them a HyphenDict again, the same state for state
 * (tests/unit/test_render_pdf.c), for libhyphen to hyphenate with.
 *
 * Its 4 636 states take 185 Kio: written all at once, 46 fresh pages at
 * each start, where a page costs from 1 to 10 µs to map. A letter cuts a
 * few words, which reach a few hundred states: a state is written from the
 * tables when a word first reaches it, before libhyphen reads it (reach()
 * walks the word as libhyphen will); the pages no word reaches are never
 * touched. */
#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphen_table.h"
#include "pdf_hyphen.h"
#include "render.h"

#define MAX_WORD 64

struct mc_hyphen {
	HyphenDict *dict;
	/* Built from the tables: the dictionaries and their states, which
	 * point into the tables (read only). NULL: loaded by libhyphen. */
	HyphenDict *levels;
	HyphenState *states;
	int nstates;
	/* A bit per state: written from the tables. NULL: all are. */
	unsigned char *filled;
};

mc_hyphen *
mc_hyphen_load(const char *path)
{
	mc_hyphen *h = calloc(1, sizeof(*h));

	if (h != NULL && (h->dict = hnj_hyphen_load(path)) == NULL) {
		free(h);
		h = NULL;
	}
	return h;
}

/* A string of the pool, NULL for none. libhyphen's structures want char *;
 * it only reads them. */
static char *
pooled(int at)
{
	return at < 0 ? NULL : (char *)(mc_hyph_fr_pool + at);
}

static void
fill(mc_hyphen *h, int i)
{
	const mc_hyph_state *t = &mc_hyph_fr_states[i];
	HyphenState *st = &h->states[i];

	if (h->filled == NULL || (h->filled[i / 8] & (1u << (i % 8))) != 0)
		return;
	h->filled[i / 8] |= (unsigned char)(1u << (i % 8));
	st->match = pooled(t->match);
	st->repl = pooled(t->repl);
	st->replindex = t->replindex;
	st->replcut = t->replcut;
	st->fallback_state = t->fallback_state;
	st->num_trans = t->num_trans;
	st->trans = t->trans < 0 ? NULL : (HyphenTrans *)(mc_hyph_fr_trans + t->trans);
}

void
mc_hyphen_fill_all(mc_hyphen *h)
{
	if (h == NULL || h->filled == NULL)
		return;
	for (int i = 0; i < h->nstates; i++)
		fill(h, i);
	free(h->filled);
	h->filled = NULL;
}

/* State s of a level, written; NULL when s is out of the level (then every
 * state is written: the tables are not as reach() expects them). */
static const mc_hyph_state *
visit(mc_hyphen *h, const mc_hyph_level *lv, int s)
{
	if (s < 0 || s >= lv->num_states) {
		mc_hyphen_fill_all(h);
		return NULL;
	}
	fill(h, lv->first_state + s);
	return &mc_hyph_fr_states[lv->first_state + s];
}

/* Writes the states libhyphen reaches for this word, in each dictionary of
 * the chain, as hnj_hyphen_hyphenate3 walks them: the word framed by two
 * dots, digits read as dots; at each byte, the transitions of the state,
 * else its fallback, until a transition or none (-1: state 0, next byte).
 * A dictionary that matches nothing leaves the whole word to the next one;
 * one that matches would cut it into parts, and a pattern that replaces
 * letters has its own rules: not walked here, every state is written. */
static void
reach(mc_hyphen *h, const char *word, size_t len)
{
	for (int l = 0; l < mc_hyph_fr_nlevels && h->filled != NULL; l++) {
		const mc_hyph_level *lv = &mc_hyph_fr_levels[l];
		int state = 0, matched = 0;

		for (size_t i = 0; i < len + 2 && h->filled != NULL; i++) {
			char ch = i == 0 || i == len + 1 ||
			    (word[i - 1] >= '0' && word[i - 1] <= '9') ? '.' : word[i - 1];
			const mc_hyph_state *t;

			while (state != -1 && (t = visit(h, lv, state)) != NULL) {
				int next = -2;

				for (int k = 0; k < t->num_trans && next == -2; k++)
					if (mc_hyph_fr_trans[t->trans + k].ch == ch)
						next = mc_hyph_fr_trans[t->trans + k].new_state;
				if (next == -2) {
					state = t->fallback_state;
					continue;
				}
				state = next;
				if ((t = visit(h, lv, state)) != NULL) {
					matched |= t->match >= 0;
					if (t->repl >= 0)
						mc_hyphen_fill_all(h);
				}
				break;
			}
			if (state == -1)
				state = 0;
		}
		if (matched && l + 1 < mc_hyph_fr_nlevels)
			mc_hyphen_fill_all(h);
	}
}

mc_hyphen *
mc_hyphen_fr(void)
{
	int nlevels = mc_hyph_fr_nlevels, nstates = 0;
	mc_hyphen *h = calloc(1, sizeof(*h));

	for (int l = 0; l < nlevels; l++)
		nstates += mc_hyph_fr_levels[l].num_states;
	/* calloc: zeroed pages that no word reaches are never written. */
	if (h == NULL || nlevels <= 0 || nstates <= 0 ||
	    (h->levels = calloc((size_t)nlevels, sizeof(*h->levels))) == NULL ||
	    (h->states = calloc((size_t)nstates, sizeof(*h->states))) == NULL ||
	    (h->filled = calloc((size_t)nstates / 8 + 1, 1)) == NULL) {
		mc_hyphen_free(h);
		return NULL;
	}
	h->nstates = nstates;
	for (int l = 0; l < nlevels; l++) {
		const mc_hyph_level *t = &mc_hyph_fr_levels[l];
		HyphenDict *d = &h->levels[l];

		d->lhmin = t->lhmin;
		d->rhmin = t->rhmin;
		d->clhmin = t->clhmin;
		d->crhmin = t->crhmin;
		d->nohyphen = pooled(t->nohyphen);
		d->nohyphenl = t->nohyphenl;
		d->num_states = t->num_states;
		snprintf(d->cset, sizeof(d->cset), "%s", mc_hyph_fr_pool + t->cset);
		d->utf8 = t->utf8;
		d->states = h->states + t->first_state;
		d->nextlevel = l + 1 < nlevels ? &h->levels[l + 1] : NULL;
	}
	h->dict = &h->levels[0];
	return h;
}

void
mc_hyphen_free(mc_hyphen *h)
{
	if (h == NULL)
		return;
	if (h->levels == NULL && h->dict != NULL)
		hnj_hyphen_free(h->dict);
	free(h->levels);
	free(h->states);
	free(h->filled);
	free(h);
}

const HyphenDict *
mc_hyphen_dict(const mc_hyphen *h)
{
	return h->dict;
}

/* The lower-case code point of a Windows-1252 letter. */
static unsigned
lower(unsigned char c)
{
	static const unsigned short high[32] = {
		0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0161, 0x2039, 0x0153, 0, 0x017E, 0,
		0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x00FF
	};

	if (c >= 'A' && c <= 'Z')
		return c + 32u;
	if (c >= 0x80 && c < 0xA0)
		return high[c - 0x80];
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32u;
	return c;
}

size_t
mc_hyphen_points(mc_hyphen *h, const unsigned char *word, size_t n,
    unsigned char *after)
{
	char utf8[4 * MAX_WORD + 1], hyphens[4 * MAX_WORD + 5];
	size_t len = 0, count = 0;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;

	memset(after, 0, n);
	if (h == NULL || n < 5 || n > MAX_WORD)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned cp = lower(word[i]);

		if (cp < 0x80) {
			utf8[len++] = (char)cp;
		} else if (cp < 0x800) {
			utf8[len++] = (char)(0xC0 | cp >> 6);
			utf8[len++] = (char)(0x80 | (cp & 0x3F));
		} else {
			utf8[len++] = (char)(0xE0 | cp >> 12);
			utf8[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			utf8[len++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	utf8[len] = '\0';
	reach(h, utf8, len);
	if (hnj_hyphen_hyphenate3(h->dict, utf8, (int)len, hyphens, NULL, &rep, &pos,
	    &cut, 2, 3, 2, 3) != 0)
		return 0;
	/* With UTF-8 patterns libhyphen gives the places by character. Only
	 * standard French hyphenation: a break that changes the word (rep)
	 * never comes, and is ignored if it did. */
	for (size_t i = 0; i + 1 < n; i++)
		if ((hyphens[i] & 1) && (rep == NULL || rep[i] == NULL)) {
			after[i] = 1;
			count++;
		}
	if (rep != NULL) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return count;
}
