/* format.h — the canonical layout of a `.mission` file (`missionc formater`,
 * the editor's « formater le document »): two-space indentation by block, one
 * space between values, « , » and « : » as French writes them, text blocks
 * re-indented, quantities written the French way, comments kept where they
 * were, at most one blank line. The result is checked to read back as the
 * same syntax tree before it is returned. */
#ifndef MC_FORMAT_H
#define MC_FORMAT_H

#include "missionc.h"

typedef enum mc_format_status {
	MC_FORMAT_OK,
	MC_FORMAT_UNREADABLE,   /* lexical or syntax errors: fix them first */
	MC_FORMAT_UNSAFE,       /* the layout would change the meaning: left as is */
	MC_FORMAT_NOMEM
} mc_format_status;

/* Writes the formatted text of `text` into `out` (appended). */
mc_format_status mc_format_text(const char *name, const char *text, size_t len,
    mc_buffer *out);

#endif
