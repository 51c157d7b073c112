/*
 * store/money.h: Rupiah amounts and NIK numbers.
 *
 * To be folded into store/store.h; keep the groups as they are.
 */
#ifndef LOKET_STORE_MONEY_H
#define LOKET_STORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* store/money.c */

/* The largest amount money_parse() accepts: Rp 1.000.000.000.000.000. */
#define MONEY_MAX_SEN	INT64_C(100000000000000000)

/*
 * "Rp 1.250.000", "Rp 1.250.000,50", "-Rp 1.250.000" into buf.
 * Returns 0, or ERANGE if buf (len bytes with the NUL) is too small; buf
 * is then the empty string if len > 0.
 */
int	money_format(int64_t sen, char *buf, size_t len);

/* The same without "Rp ": "1.250.000", "-1.250.000,50". Same errors. */
int	money_format_plain(int64_t sen, char *buf, size_t len);

/*
 * Parse what a teller types: "1.250.000", "1250000", "Rp 1.250.000",
 * "Rp1.250.000", "1.250.000,5", "1.250.000,50", with spaces around.
 * Thousands dots are either absent or all groups after the first have
 * three digits; at most two decimals; no sign. Zero is accepted.
 * Returns 0, EINVAL if malformed or ERANGE if above MONEY_MAX_SEN; *sen
 * is set only on success.
 */
int	money_parse(const char *s, int64_t *sen);

/*
 * A whole Rupiah amount in Indonesian words, lowercase, without
 * "rupiah": 1250000 is "satu juta dua ratus lima puluh ribu". Amounts of
 * 10^15 and more use kuadriliun and kuintiliun.
 * Returns 0, EINVAL if rupiah is negative or ERANGE if buf is too small
 * (buf is then the empty string if len > 0).
 */
int	money_terbilang(int64_t rupiah, char *buf, size_t len);

/* store/nik.c */

#define NIK_LEN		16

/* In store.h's one range of codes (STORE_E_BASE - 200), never renumbered. */
#define NIK_E_BASE	(-31200)
#define NIK_E_LENGTH	(NIK_E_BASE - 1)	/* not exactly 16 characters */
#define NIK_E_DIGITS	(NIK_E_BASE - 2)	/* a character is not a digit */
#define NIK_E_PROVINCE	(NIK_E_BASE - 3)	/* unknown province code */
#define NIK_E_DATE	(NIK_E_BASE - 4)	/* birth date is not a real date */
#define NIK_E_SERIAL	(NIK_E_BASE - 5)	/* serial is 0000 */

struct nik_info {
	int	province;
	int	regency;
	int	district;
	int	female;		/* 1 if 40 was added to the day */
	int	year;		/* four digits */
	int	month;
	int	day;		/* real day, 40 taken off for women */
	int	serial;
};

/*
 * Check and split a NIK. A two-digit year YY is 20YY unless that is
 * after today_year, else 19YY. out may be NULL to only check; it is
 * written only on success.
 * Returns 0 or one of NIK_E_LENGTH, NIK_E_DIGITS, NIK_E_PROVINCE,
 * NIK_E_DATE, NIK_E_SERIAL (checked in that order).
 */
int	nik_parse(const char *s, int today_year, struct nik_info *out);

/*
 * The English message (a gettext msgid) for a nik_parse() code: 0 says
 * the NIK is valid, the rest is store_strerror()'s.
 */
const char *nik_strerror(int);

#endif /* LOKET_STORE_MONEY_H */
