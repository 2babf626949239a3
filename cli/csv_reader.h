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
	CSV_BAD_UTF8            /* in field `column`, first bad byte `byte` */
} csv_problem;

typedef struct csv_record {
	char **fields;          /* malloc'd, each NUL-terminated UTF-8 */
	size_t nfields;
	unsigned long line;     /* the file's line where the record starts */
	csv_problem problem;
	size_t column;
	unsigned byte;
} csv_record;

/* sep: 0 to detect it from the header; latin1: the file is Windows-1252.
 * NULL with errno set when the file cannot be opened. */
csv_file *csv_open(const char *path, char sep, int latin1);
/* 1: a record (maybe with a problem), 0: the end, -1: a read error. */
int csv_next(csv_file *c, csv_record *rec);
void csv_record_free(csv_record *rec);
char csv_separator(const csv_file *c);
/* How much of the file is read, from 0 to 1; -1 when unknown (a pipe). */
double csv_progress(const csv_file *c);
void csv_close(csv_file *c);

#endif
