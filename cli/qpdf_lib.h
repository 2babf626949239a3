/* qpdf_lib.h — libqpdf's C API, loaded with dlopen when `lot --recueil`
 * needs it (qpdf_lib.c). Linked in, libqpdf and what it pulls (libstdc++,
 * gnutls, nettle, gmp…) cost every start of missionc about 2 ms, for a
 * feature of one command. */
#ifndef MC_CLI_QPDF_LIB_H
#define MC_CLI_QPDF_LIB_H

#include <stddef.h>

#include <qpdf/qpdf-c.h>

/* The functions used, by their name without « qpdf_ »: X(return type, name,
 * parameters). The prototypes are checked against <qpdf/qpdf-c.h> at
 * compile time. */
#define QPDF_LIB_FUNCTIONS(X) \
	X(qpdf_data, init, (void)) \
	X(void, cleanup, (qpdf_data *)) \
	X(void, silence_errors, (qpdf_data)) \
	X(void, set_suppress_warnings, (qpdf_data, QPDF_BOOL)) \
	X(QPDF_ERROR_CODE, empty_pdf, (qpdf_data)) \
	X(QPDF_ERROR_CODE, read_memory, (qpdf_data, char const *, char const *, \
	    unsigned long long, char const *)) \
	X(int, get_num_pages, (qpdf_data)) \
	X(qpdf_oh, get_page_n, (qpdf_data, size_t)) \
	X(QPDF_ERROR_CODE, add_page, (qpdf_data, qpdf_data, qpdf_oh, QPDF_BOOL)) \
	X(QPDF_ERROR_CODE, init_write_memory, (qpdf_data)) \
	X(void, set_deterministic_ID, (qpdf_data, QPDF_BOOL)) \
	X(QPDF_ERROR_CODE, write, (qpdf_data)) \
	X(unsigned char const *, get_buffer, (qpdf_data)) \
	X(size_t, get_buffer_length, (qpdf_data)) \
	X(qpdf_oh, oh_get_key, (qpdf_data, qpdf_oh, char const *)) \
	X(QPDF_BOOL, oh_is_array, (qpdf_data, qpdf_oh)) \
	X(qpdf_oh, oh_new_array, (qpdf_data)) \
	X(void, oh_append_item, (qpdf_data, qpdf_oh, qpdf_oh)) \
	X(qpdf_oh, oh_new_real_from_double, (qpdf_data, double, int)) \
	X(qpdf_oh, oh_new_dictionary, (qpdf_data)) \
	X(void, oh_replace_key, (qpdf_data, qpdf_oh, char const *, qpdf_oh)) \
	X(qpdf_oh, oh_new_name, (qpdf_data, char const *)) \
	X(qpdf_oh, make_indirect_object, (qpdf_data, qpdf_oh))

typedef struct qpdf_lib {
	void *handle;
#define QPDF_LIB_MEMBER(ret, name, params) ret (*name) params;
	QPDF_LIB_FUNCTIONS(QPDF_LIB_MEMBER)
#undef QPDF_LIB_MEMBER
} qpdf_lib;

/* Loads libqpdf (its soname, found by the Makefile). 0, or -1 with why it
 * could not, in French, in `why`. */
int qpdf_lib_open(qpdf_lib *q, char *why, size_t size);
void qpdf_lib_close(qpdf_lib *q);

#endif
