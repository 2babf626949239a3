/* quantity.h — quantities with units (24 h, 39 h/semaine, 1 250 €, 4,5
 * jours/semaine…), held exactly as thousandths, and their French spelling. */
#ifndef MC_QUANTITY_H
#define MC_QUANTITY_H

#include <stddef.h>
#include <stdint.h>

typedef enum mc_unit {
	MC_U_NONE,          /* a bare number (a count) */
	MC_U_HOURS,
	MC_U_HOURS_WEEK,
	MC_U_HOURS_YEAR,
	MC_U_DAYS,
	MC_U_DAYS_WEEK,
	MC_U_EUROS,
	MC_U_PARTS,
	MC_U_YEARS,
	/* « 50 % »: a quotité, which no declaration takes; read so that the
	 * resolver says what to write instead (a service is in hours). */
	MC_U_PERCENT,
	MC_U__COUNT
} mc_unit;

#define MC_MILLI 1000
/* Every quantity is below a milliard units: sums and products of a letter's
 * quantities then stay far from int64_t's limits. */
#define MC_QUANTITY_MAX ((int64_t)999999999 * MC_MILLI)

typedef struct mc_quantity {
	int64_t milli;      /* value × 1000 */
	mc_unit unit;
} mc_quantity;

typedef enum mc_number_status {
	MC_NUMBER_OK,
	MC_NUMBER_TOO_LARGE,
	MC_NUMBER_TOO_PRECISE
} mc_number_status;

/* Parses digits with optional thousands separators (space, U+00A0, U+202F) and
 * a decimal comma; `len` bytes, no unit. */
mc_number_status mc_number_parse(const char *s, size_t len, int64_t *milli);
/* The unit spelt by s (« h », « heures », « h/semaine », « € »…); MC_U__COUNT if none. */
mc_unit mc_unit_parse(const char *s, size_t len);
/* The unit as the letters print it, and as a diagnostic names it. */
const char *mc_unit_symbol(mc_unit u);
const char *mc_unit_description(mc_unit u);
/* « 1 250 € », « 4,5 jours/semaine », « 39 h/semaine » with U+00A0 spaces when
 * nbsp is set, plain spaces otherwise. Returns the length written. */
size_t mc_quantity_format(mc_quantity q, char *buf, size_t size, int nbsp);

#endif
