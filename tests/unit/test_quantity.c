/* test_quantity.c — French numbers and units, read and written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quantity.h"

static int64_t
parse(const char *s)
{
	int64_t v = -1;

	assert_int_equal(mc_number_parse(s, strlen(s), &v), MC_NUMBER_OK);
	return v;
}

static void
numbers_with_comma_and_groups(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(parse("39"), 39000);
	assert_int_equal(parse("4,5"), 4500);
	assert_int_equal(parse("312,50"), 312500);
	assert_int_equal(parse("1 250"), 1250000);
	assert_int_equal(parse("1\xc2\xa0" "607"), 1607000);
	assert_int_equal(parse("1\xe2\x80\xaf" "607"), 1607000);
	assert_int_equal(mc_number_parse("0,1234", 6, &v), MC_NUMBER_TOO_PRECISE);
	assert_int_equal(mc_number_parse("1000000000", 10, &v), MC_NUMBER_TOO_LARGE);
	assert_int_equal(mc_number_parse("999999999", 9, &v), MC_NUMBER_OK);
}

static void
units_by_their_spellings(void **state)
{
	(void)state;
	assert_int_equal(mc_unit_parse("h", 1), MC_U_HOURS);
	assert_int_equal(mc_unit_parse("heures", 6), MC_U_HOURS);
	assert_int_equal(mc_unit_parse("h/semaine", 9), MC_U_HOURS_WEEK);
	assert_int_equal(mc_unit_parse("h/an", 4), MC_U_HOURS_YEAR);
	assert_int_equal(mc_unit_parse("jours/semaine", 13), MC_U_DAYS_WEEK);
	assert_int_equal(mc_unit_parse("\xe2\x82\xac", 3), MC_U_EUROS);
	assert_int_equal(mc_unit_parse("ann\xc3\xa9" "es", 7), MC_U_YEARS);
	assert_int_equal(mc_unit_parse("parts", 5), MC_U_PARTS);
	assert_int_equal(mc_unit_parse("kg", 2), MC_U__COUNT);
}

static void
formatting_the_french_way(void **state)
{
	char buf[64];
	mc_quantity q;

	(void)state;
	q.milli = 1250000;
	q.unit = MC_U_EUROS;
	mc_quantity_format(q, buf, sizeof(buf), 0);
	assert_string_equal(buf, "1 250 \xe2\x82\xac");
	q.milli = 312500;
	mc_quantity_format(q, buf, sizeof(buf), 1);
	assert_string_equal(buf, "312,50\xc2\xa0\xe2\x82\xac");
	q.milli = 4500;
	q.unit = MC_U_DAYS_WEEK;
	mc_quantity_format(q, buf, sizeof(buf), 0);
	assert_string_equal(buf, "4,5 jours/semaine");
	q.milli = 1000;
	q.unit = MC_U_YEARS;
	mc_quantity_format(q, buf, sizeof(buf), 0);
	assert_string_equal(buf, "1 an");
	q.milli = 1607000;
	q.unit = MC_U_HOURS_YEAR;
	mc_quantity_format(q, buf, sizeof(buf), 0);
	assert_string_equal(buf, "1 607 h/an");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_with_comma_and_groups),
		cmocka_unit_test(units_by_their_spellings),
		cmocka_unit_test(formatting_the_french_way),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
