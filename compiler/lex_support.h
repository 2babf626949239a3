/* lex_support.h — the C side of the scanner and of syntax-error reporting, so
 * that grammar/lex.l and grammar/parse.y hold only patterns and rules. */
#ifndef MC_LEX_SUPPORT_H
#define MC_LEX_SUPPORT_H

#include "parse.h"
#include "parse.tab.h"

/* Every token's span; a token that reaches the end of the run being relexed
 * turns the path rule back on for the next one (grammar/lex.l, RELEX). */
#define YY_USER_ACTION                                                   \
	yylloc->start = (uint32_t)(yytext - yyextra->base);         \
	yylloc->end = yylloc->start + (uint32_t)yyleng;             \
	if (YY_START == RELEX && yylloc->end >= yyextra->run_end)   \
		BEGIN(INITIAL);

/* Every byte the scanner's automaton looks at goes through YY_SC_TO_UI: counting
 * there measures its work, backing up included (mc_scan_work). */
#undef YY_SC_TO_UI
#define YY_SC_TO_UI(c) (yyg->yyextra_r->scanned++, (YY_CHAR)(c))

int mc_lex_token(mc_parser *p, int token);
int mc_lex_blank(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc);
/* «nom» or <<nom>>: a field of a batch model. */
int mc_lex_field(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc, const char *name,
    size_t len);
int mc_lex_newline_counts(mc_parser *p);
int mc_lex_open(mc_parser *p, const YYLTYPE *loc, char c);
/* Returns -1 for a « } » that closes nothing: the scanner skips it. */
int mc_lex_close(mc_parser *p, const YYLTYPE *loc, char c);
int mc_lex_word(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, int token);
int mc_lex_path(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
int mc_lex_string(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, int terminated);
int mc_lex_text(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, int terminated);
int mc_lex_number(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, int negative);
int mc_lex_decimal_point(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
int mc_lex_date(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text);
int mc_lex_year(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text);
void mc_lex_unexpected(mc_parser *p, const YYLTYPE *loc, const char *text,
    size_t len);
/* A « ; »: reported; 1 when it ends a declaration that another follows on
 * its line (the caller gives a line's end). */
int mc_lex_semicolon(mc_parser *p, const YYLTYPE *loc);
void mc_lex_keep(mc_parser *p, mc_list stmts);
/* « mission x » then « { … } » on the next lines: the block is the
 * statement's (the last of `stmts`, when it ended the line before), and the
 * misplaced brace is reported. A block right after a « { » gives its
 * statements to `stmts`; another one, of no statement, is reported. */
mc_list mc_lex_late_block(mc_parser *p, mc_list stmts, mc_list body,
    uint32_t start, uint32_t end);
/* A DATE token whose node (may be NULL) holds y-m-d. */
int mc_lex_date_node(mc_parser *p, YYSTYPE *val, mc_node *n, int y, int m, int d);
/* Days in month m (1-12) of year y. */
int mc_days_in_month(int y, int m);
/* lex_hints.c: pasted text read as meant, with one error saying the fix. */
/* In a text opened by « " » and not closed on its line: the length up to a
 * word processor's mark that closes it (« "Marseille“ le 2025-09-15 »), or 0. */
size_t mc_lex_curly_close(const char *text, size_t len);
int mc_lex_curly_string(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len, size_t open, size_t close);
int mc_lex_single_quoted(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
int mc_lex_loose_date(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
int mc_lex_bare_uai(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
/* The length of text without the spaces (« », no-break, narrow no-break)
 * that end it. */
size_t mc_lex_trailing_seps(const char *text, size_t len);
int mc_lex_hours_minutes(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
/* The line around [start, end) with `with` in place of those bytes, from
 * its first non-blank character to its end: the line to write. */
const char *mc_lex_line_with(mc_parser *p, uint32_t start, uint32_t end,
    const char *with);
/* « 2025-2O26 »: a letter O for a zero in a school year or a date. */
int mc_lex_letter_o(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
int mc_lex_loose_year(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
int mc_lex_loose_quantity(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
/* A « \\ » that ends a line: reported with the line joined to the next. */
void mc_lex_continued_line(mc_parser *p, const YYLTYPE *loc);
/* « € 625 », « EUR 1 250 »: the amount meant, in euros. */
int mc_lex_currency_first(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
/* « vingt-quatre heures »: the quantity meant, in figures. */
int mc_lex_words_quantity(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
/* What a pasted character (no-break or zero-width space, soft hyphen, BOM,
 * ligature, long dash) is and how to fix it, or NULL; *shown becomes its
 * code when it is invisible. */
const char *mc_lex_pasted_char(mc_parser *p, const char *text, size_t len,
    const char **shown);
/* A name with such characters in it (« spéciﬁque »): each reported, the name
 * read without them; -1 (no token) when nothing is left. */
int mc_lex_pasted_word(mc_parser *p, YYSTYPE *val, const YYLTYPE *loc,
    const char *text, size_t len);
void mc_lex_syntax_error(mc_parser *p, uint32_t start, uint32_t end,
    const char *found, int at_end, const char *const *expected, size_t n);

#endif
