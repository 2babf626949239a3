/* quantity.c — reading and writing numbers and units the French way. */
#include "quantity.h"

#include <stdio.h>
#include <string.h>

mc_number_status
mc_number_parse(const char *s, size_t len, int64_t *milli)
{
	int64_t whole = 0, frac = 0;
	int decimals = 0, in_frac = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9') {
			if (in_frac) {
				if (++decimals > 3)
					return MC_NUMBER_TOO_PRECISE;
				frac = frac * 10 + (c - '0');
			} else {
				whole = whole * 10 + (c - '0');
				if (whole > MC_QUANTITY_MAX / MC_MILLI)
					return MC_NUMBER_TOO_LARGE;
			}
		} else if (c == ',') {
			in_frac = 1;
		}
		/* Anything else is a thousands separator, checked by the lexer. */
	}
	while (decimals++ < 3)
		frac *= 10;
	*milli = whole * MC_MILLI + frac;
	return MC_NUMBER_OK;
}

static const struct {
	const char *spelling;
	mc_unit unit;
} spellings[] = {
	{ "h", MC_U_HOURS }, { "heure", MC_U_HOURS }, { "heures", MC_U_HOURS },
	{ "h/semaine", MC_U_HOURS_WEEK }, { "h/sem", MC_U_HOURS_WEEK },
	{ "heures/semaine", MC_U_HOURS_WEEK }, { "heure/semaine", MC_U_HOURS_WEEK },
	{ "h/an", MC_U_HOURS_YEAR }, { "heures/an", MC_U_HOURS_YEAR },
	{ "heure/an", MC_U_HOURS_YEAR },
	{ "j", MC_U_DAYS }, { "jour", MC_U_DAYS }, { "jours", MC_U_DAYS },
	{ "j/semaine", MC_U_DAYS_WEEK }, { "jour/semaine", MC_U_DAYS_WEEK },
	{ "jours/semaine", MC_U_DAYS_WEEK }, { "j/sem", MC_U_DAYS_WEEK },
	{ "jour/sem", MC_U_DAYS_WEEK }, { "jours/sem", MC_U_DAYS_WEEK },
	{ "\xe2\x82\xac", MC_U_EUROS }, { "euro", MC_U_EUROS },
	{ "euros", MC_U_EUROS }, { "EUR", MC_U_EUROS },
	{ "part", MC_U_PARTS }, { "parts", MC_U_PARTS },
	{ "an", MC_U_YEARS }, { "ans", MC_U_YEARS },
	{ "ann\xc3\xa9" "e", MC_U_YEARS }, { "ann\xc3\xa9" "es", MC_U_YEARS },
	{ "annee", MC_U_YEARS }, { "annees", MC_U_YEARS },
	{ "%", MC_U_PERCENT }, { "pourcent", MC_U_PERCENT },
	{ "pourcents", MC_U_PERCENT }, { "pour cent", MC_U_PERCENT },
	{ "pour cents", MC_U_PERCENT },
};

mc_unit
mc_unit_parse(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++)
		if (strlen(spellings[i].spelling) == len &&
		    memcmp(spellings[i].spelling, s, len) == 0)
			return spellings[i].unit;
	return MC_U__COUNT;
}

const char *
mc_unit_symbol(mc_unit u)
{
	switch (u) {
	case MC_U_HOURS: return "h";
	case MC_U_HOURS_WEEK: return "h/semaine";
	case MC_U_HOURS_YEAR: return "h/an";
	case MC_U_DAYS: return "jours";
	case MC_U_DAYS_WEEK: return "jours/semaine";
	case MC_U_EUROS: return "\xe2\x82\xac";
	case MC_U_PARTS: return "parts";
	case MC_U_YEARS: return "ans";
	case MC_U_PERCENT: return "%";
	case MC_U_NONE: case MC_U__COUNT: break;
	}
	return "";
}

const char *
mc_unit_description(mc_unit u)
{
	switch (u) {
	case MC_U_HOURS: return "heures (h)";
	case MC_U_HOURS_WEEK: return "heures par semaine (h/semaine)";
	case MC_U_HOURS_YEAR: return "heures par an (h/an)";
	case MC_U_DAYS: return "jours";
	case MC_U_DAYS_WEEK: return "jours par semaine (jours/semaine)";
	case MC_U_EUROS: return "euros (\xe2\x82\xac)";
	case MC_U_PARTS: return "parts";
	case MC_U_YEARS: return "ans";
	case MC_U_PERCENT: return "pourcentage (%)";
	case MC_U_NONE: return "nombre sans unité";
	case MC_U__COUNT: break;
	}
	return "?";
}

size_t
mc_quantity_format(mc_quantity q, char *buf, size_t size, int nbsp)
{
	const char *sep = nbsp ? "\xc2\xa0" : " ";
	char digits[32], out[96];
	int64_t v = q.milli < 0 ? -q.milli : q.milli;
	int64_t whole = v / MC_MILLI, frac = v % MC_MILLI;
	size_t n, o = 0;
	int len;

	if (q.milli < 0)
		out[o++] = '-';
	len = snprintf(digits, sizeof(digits), "%lld", (long long)whole);
	n = len > 0 ? (size_t)len : 0;
	for (size_t i = 0; i < n; i++) {
		/* Group by thousands from 10 000 on; 1 250 € too, as the texts write it. */
		if (i > 0 && (n - i) % 3 == 0 && n >= 4) {
			memcpy(out + o, sep, strlen(sep));
			o += strlen(sep);
		}
		out[o++] = digits[i];
	}
	if (frac != 0) {
		int nd = 3;

		while (frac % 10 == 0) {
			frac /= 10;
			nd--;
		}
		/* Euros keep two decimals: 312,50 €. */
		if (q.unit == MC_U_EUROS && nd == 1) {
			frac *= 10;
			nd = 2;
		}
		o += (size_t)snprintf(out + o, sizeof(out) - o, ",%0*lld", nd,
		    (long long)frac);
	}
	if (q.unit != MC_U_NONE && q.unit != MC_U__COUNT) {
		const char *sym = mc_unit_symbol(q.unit);

		if (q.unit == MC_U_YEARS && whole <= 1 && frac == 0)
			sym = "an";
		else if (q.unit == MC_U_PARTS && whole <= 1 && frac == 0)
			sym = "part";
		else if (q.unit == MC_U_DAYS && whole <= 1 && frac == 0)
			sym = "jour";
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%s", sep, sym);
	}
	out[o] = '\0';
	return (size_t)snprintf(buf, size, "%s", out);
}
