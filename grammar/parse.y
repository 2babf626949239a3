/* parse.y — the missionc grammar: a pure, reentrant bison parser.
 * The grammar is deliberately generic (statement = keyword, arguments, optional
 * « : » arguments, optional block); meaning is given by the resolver and the
 * référentiel loader, which know each keyword and say in French what is wrong.
 * Error recovery resumes at the next line or the closing brace, so one run
 * reports every broken line. Actions only call constructors from ast.c. */
%code requires {
#include "parse.h"
}

%code provides {
int mc_yylex(YYSTYPE *lval, YYLTYPE *lloc, void *scanner);
}

%code {
#include "lex_support.h"
#define yylex(lval, lloc, p) mc_yylex(lval, lloc, (p)->scanner)
#define YYLLOC_DEFAULT(cur, rhs, n) do { \
	if (n) { (cur).start = YYRHSLOC(rhs, 1).start; (cur).end = YYRHSLOC(rhs, n).end; } \
	else { (cur).start = (cur).end = YYRHSLOC(rhs, 0).end; } \
} while (0)
#define A (p->arena)
static void yyerror(const YYLTYPE *loc, mc_parser *p, const char *msg);
}

%define api.pure full
%define api.location.type {mc_loc}
%define parse.error custom
%define parse.lac full
%locations
%param {mc_parser *p}
%expect 0

%union {
	mc_node *node;
	mc_list list;
}

/* Token names are what an author reads in « attendu : … »: plain words. */
%token END 0 "la fin du fichier"
%token <node> WORD "un mot" CALL "un mot suivi de « ( »" PATH "un chemin de fichier"
%token <node> BLANK "un blanc « … »" FIELD "un champ «…»"
%token <node> STRING "un texte entre guillemets" TEXT "un bloc de texte" NUMBER "un nombre"
%token <node> QUANTITY "une quantité" DATE "une date" YEAR "une année scolaire"
%token NEWLINE "la fin de la ligne" DOTDOT "« .. »" LE "« <= »" GE "« >= »" NE "« != »"
%token AND "« et »" OR "« ou »" NOT "« non »" IN "« dans »"

%type <node> stmt expr primary atom last
%type <list> top stmts args arglist block braced callargs items colons

%left OR
%left AND
%precedence NOT
%nonassoc '=' NE '<' LE '>' GE IN
%left '+' '-'
%left '*'

%%

/* The statements read so far are kept in p as they come: when the input
 * stops in the middle of a broken statement, the good ones are not lost. */
file
	: top last          { mc_lex_keep(p, mc_list_append($1, $2)); }
	;

/* A block opened on the next line (« { » alone) is read as the block of
 * the statement of the line before (mc_lex_late_block), when that line was
 * one: `open` says so. It is its own item, not « stmt NEWLINE braced »: the
 * parser then reduces a statement at its line's end without looking further,
 * and a broken line after it (« // service », « - activité ») cannot take it
 * away with the error's recovery. */
top
	: %empty            { $$ = mc_list_empty(); }
	| top NEWLINE       { $$ = $1; }
	| top stmt NEWLINE  { $$ = mc_list_append($1, $2); $$.open = 1; mc_lex_keep(p, $$); }
	| top braced NEWLINE
		{ $$ = mc_lex_late_block(p, $1, $2, @2.start, @2.end); mc_lex_keep(p, $$); }
	| top error NEWLINE { $$ = $1; $$.open = 0; yyerrok; }
	;

last
	: %empty            { $$ = NULL; }
	| stmt
	;

stmts
	: %empty            { $$ = mc_list_empty(); }
	| stmts NEWLINE     { $$ = $1; }
	| stmts stmt NEWLINE { $$ = mc_list_append($1, $2); $$.open = 1; }
	| stmts braced NEWLINE
		{ $$ = mc_lex_late_block(p, $1, $2, @2.start, @2.end); }
	| stmts error NEWLINE { $$ = $1; $$.open = 0; yyerrok; }
	;

stmt
	: WORD args block
		{ $$ = mc_node_stmt(A, $1, $2, 0, mc_list_empty(), @3.start != @3.end, $3, @$.end); }
	| WORD args colons block
		{ $$ = mc_node_stmt(A, $1, $2, $3.open, $3, @4.start != @4.end, $4, @$.end); }
	;

/* The values after « : ». A form's « uai : "…" commune : "…" » has more than
 * one: they are all read, and `open` counts the colons, for the resolver to
 * report the ones in excess. */
colons
	: ':' args          { $$ = $2; $$.open = 1; }
	| colons ':' args   { $$ = mc_list_concat($1, $3); $$.open = $1.open < 255 ? $1.open + 1 : 255; }
	;

block
	: %empty                    { $$ = mc_list_empty(); }
	| braced
	;

braced
	: '{' stmts '}'             { $$ = $2; }
	| '{' stmts stmt '}'        { $$ = mc_list_append($2, $3); }
	| '{' stmts braced '}'      { $$ = mc_lex_late_block(p, $2, $3, @3.start, @3.end); }
	| '{' stmts error '}'       { $$ = $2; yyerrok; }
	;

args
	: %empty            { $$ = mc_list_empty(); }
	| arglist
	;

/* Values follow one another, separated by spaces or commas; a comma never
 * comes first (« présence ,5 » must not read as 5). */
arglist
	: expr              { $$ = mc_list_append(mc_list_empty(), $1); }
	| arglist expr      { $$ = mc_list_append($1, $2); }
	| arglist ',' expr  { $$ = mc_list_append($1, $3); }
	;

expr
	: primary
	| expr OR expr      { $$ = mc_node_binary(A, MC_OP_OR, $1, $3); }
	| expr AND expr     { $$ = mc_node_binary(A, MC_OP_AND, $1, $3); }
	| NOT expr          { $$ = mc_node_not(A, $2, @1.start); }
	| expr '=' expr     { $$ = mc_node_binary(A, MC_OP_EQ, $1, $3); }
	| expr NE expr      { $$ = mc_node_binary(A, MC_OP_NE, $1, $3); }
	| expr '<' expr     { $$ = mc_node_binary(A, MC_OP_LT, $1, $3); }
	| expr LE expr      { $$ = mc_node_binary(A, MC_OP_LE, $1, $3); }
	| expr '>' expr     { $$ = mc_node_binary(A, MC_OP_GT, $1, $3); }
	| expr GE expr      { $$ = mc_node_binary(A, MC_OP_GE, $1, $3); }
	| expr IN expr      { $$ = mc_node_binary(A, MC_OP_IN, $1, $3); }
	| expr '+' expr     { $$ = mc_node_binary(A, MC_OP_ADD, $1, $3); }
	| expr '-' expr     { $$ = mc_node_binary(A, MC_OP_SUB, $1, $3); }
	| expr '*' expr     { $$ = mc_node_binary(A, MC_OP_MUL, $1, $3); }
	;

primary
	: atom
	| atom DOTDOT atom  { $$ = mc_node_range(A, $1, $3); }
	| CALL '(' callargs ')'  { $$ = mc_node_call(A, $1, $3, @4.end); }
	| '[' items ']'     { $$ = mc_node_list(A, $2, @1.start, @3.end); }
	| '(' expr ')'      { $$ = $2; if ($$ != NULL) { $$->start = @1.start; $$->end = @3.end; } }
	;

atom
	: WORD | PATH | BLANK | FIELD | STRING | TEXT | NUMBER | QUANTITY | DATE | YEAR
	;

callargs
	: %empty            { $$ = mc_list_empty(); }
	| items
	;

items
	: expr              { $$ = mc_list_append(mc_list_empty(), $1); }
	| items ',' expr    { $$ = mc_list_append($1, $3); }
	;

%%

/* French syntax errors: what was found, and what could come instead. */
static int
yyreport_syntax_error(const yypcontext_t *ctx, mc_parser *p)
{
	yysymbol_kind_t expected[5];
	const char *names[5];
	int n = yypcontext_expected_tokens(ctx, expected, 5);
	yysymbol_kind_t found = yypcontext_token(ctx);
	const YYLTYPE *loc = yypcontext_location(ctx);

	if (p->aborted)
		return 0;
	for (int i = 0; i < n; i++)
		names[i] = yysymbol_name(expected[i]);
	mc_lex_syntax_error(p, loc->start, loc->end, yysymbol_name(found),
	    found == YYSYMBOL_YYEOF, names, n > 0 ? (size_t)n : 0);
	return 0;
}

/* Only bison's own failures come here (its stack is bounded by MC_MAX_DEPTH). */
static void
yyerror(const YYLTYPE *loc, mc_parser *p, const char *msg)
{
	(void)msg;
	mc_lex_syntax_error(p, loc->start, loc->end, "la fin du fichier", 1, NULL, 0);
}
