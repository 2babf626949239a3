/* fuzz_format.c — libFuzzer harness for the formatter: any text either is
 * refused (unreadable, or its layout would change its meaning: the formatter
 * checks that itself) or comes out formatted, and formatting that output
 * again changes nothing (idempotence). `make fuzz` (clang). */
#include <stdlib.h>
#include <string.h>

#include "format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_buffer once, twice;

	mc_buffer_init(&once);
	mc_buffer_init(&twice);
	if (mc_format_text("fuzz", (const char *)data, size, &once) == MC_FORMAT_OK &&
	    !once.failed) {
		if (mc_format_text("fuzz", once.data != NULL ? once.data : "", once.len,
		    &twice) != MC_FORMAT_OK || twice.len != once.len ||
		    (once.len > 0 && (once.data == NULL || twice.data == NULL ||
		    memcmp(once.data, twice.data, once.len) != 0)))
			abort();   /* not idempotent */
	}
	mc_buffer_free(&once);
	mc_buffer_free(&twice);
	return 0;
}
