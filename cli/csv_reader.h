/* csv_reader.h — the data file of a batch, record by record (csv_reader.c,
 * with libcsv). */
#ifndef MC_CSV_READER_H
#define MC_CSV_READER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct csv_file csv_file;

typedef enum csv_problem {
	CSV_OK,
	CSV_BAD_QUOTING,        /* the record is lost; fields is empty */
	CSV_BAD_UTF8,           /* in field `column`, first bad byte `byte` */
	CSV_NUL,                /* a NUL byte in the record: fields is empty */
	CSV_TOO_LONG,           /* field `column` is over CSV_MAX_CELL characters,
	                         * and empty */
	CSV_UTF8_AS_CP1252,     /* read as Windows-1252, field `column` holds
	                         * UTF-8 (« é » as C3 A9, that would be « Ã© ») */
	CSV_CONTROL,            /* field `column` holds a control character,
	                         * code point `byte` (BEL, ESC, U+0085…) */
	CSV_UNDEFINED_CP1252    /* read as Windows-1252, field `column` holds
	                         * `byte`, no character there (0x81, 0x8D, 0x8F,
	                         * 0x90, 0x9D: Mac Roman's è ç ê ù) */
} csv_problem;

/* How a file is read: UTF-8, or 8-bit converted to UTF-8. */
enum csv_encoding {
	CSV_ENC_UTF8,
	CSV_ENC_CP1252,        /* Windows-1252, Latin-1 */
	CSV_ENC_MAC_ROMAN      /* Excel for Mac's « CSV (Macintosh) » */
};

/* The characters of a cell: a letter's text takes no more (MC_MAX_TEXT). */
#define CSV_MAX_CELL 50000

typedef struct csv_record {
	char **fields;          /* malloc'd, each NUL-terminated UTF-8 */
	size_t nfields;
	unsigned long line;     /* the file's line where the record starts */
	csv_problem problem;
	size_t column;
	unsigned byte;
	int cut;                /* the file ends inside it, with no line end:
	                         * the last line, maybe cut short */
} csv_record;

/* sep: 0 to detect it from the header; enc: a csv_encoding.
 * NULL with errno set when the file cannot be opened. A file whose lines end
 * with CR alone (classic Mac OS) is read as any other. */
csv_file *csv_open(const char *path, char sep, int enc);
/* What the first bytes of the file say of its encoding, before any record
 * is read: "UTF-16" (without its BOM) or "UTF-32", which the reader does
 * not take, or
 * "Windows-1252" when they are not UTF-8 but have bytes of 0x80 and above
 * (then the reader reads it so), "Mac Roman" when these bytes read as
 * French words in Mac Roman rather than in Windows-1252, small letters or
 * capitals (« HÉLÈNE »); NULL for UTF-8 or
 * ASCII. */
const char *csv_encoding_guess(csv_file *c);
/* What the first bytes say the file is when it is no text at all — "un
 * classeur (.xlsx ou .ods)", "un classeur Excel 97-2003 (.xls)", "un PDF" —
 * or NULL. */
const char *csv_not_text(const csv_file *c);
/* "UTF-16" when the file is (its BOM says so: Excel's « Texte Unicode »)
 * and is read as UTF-8, converted; NULL otherwise. */
const char *csv_transcoded(const csv_file *c);
/* The file is a regular file of no byte, or of a BOM and blank lines only. */
int csv_is_empty(const csv_file *c);
void csv_set_encoding(csv_file *c, int enc);
/* 1: a record (maybe with a problem), 0: the end, -1: a read error. */
int csv_next(csv_file *c, csv_record *rec);
void csv_record_free(csv_record *rec);
char csv_separator(const csv_file *c);
/* How much of the file is read, from 0 to 1; -1 when unknown (a pipe). */
double csv_progress(const csv_file *c);
void csv_close(csv_file *c);

#endif
