/*
 * bench/bench-lib.h: what the bench programs share: the clock, a
 * failure's message, and the book bench-loans and bench-portfolio build
 * through the store's API (branch BENCH_BR, tellers ani, supervisor
 * sisi, manager mira, an annuity product UMUM).
 */
#ifndef BENCH_LIB_H
#define BENCH_LIB_H

#include "store/store.h"

#define BENCH_BR	"MOF"
#define BENCH_PW	"bench-pass-123"
#define BENCH_BATCH	2000

/* The program's name in front of a failure; main sets it. */
extern const char	*bench_name;

double	 now(void);
int	 cmp_double(const void *, const void *);
void	 die(const char *, int) __attribute__((noreturn));
void	 post(struct store *, struct post_req *, size_t,
	    struct post_result *, const char *);
void	 eod(struct store *, uint32_t, double *, uint64_t *);
struct store *book_open(const char *, uint32_t);
void	 book_join(struct store *, uint64_t);
void	 book_loans(struct store *, uint64_t, uint64_t *);

#endif
