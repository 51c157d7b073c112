/*
 * tests/unit/fixture.h: what the store's unit tests share (fixture.c):
 * a book in a scratch folder, requests built field by field, posting
 * that must pass or be refused, balances and the final verify.
 *
 * A test that links fixture.c defines fixture_name (its request ids and
 * scratch folders are named after it) and sets pw_hash before adding
 * users.  Include <cmocka.h>'s prerequisites first, as cmocka wants.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <sys/stat.h>
#include <sys/types.h>

#include <ftw.h>
#include <inttypes.h>
#include <limits.h>

#include "store/store.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define BR		"MOF"
#define PW		"rahasia-123"
#define RP(x)		((int64_t)(x) * 100)	/* Rupiah, in sen */

#define assert_code(got, want) do {					\
	int	 got_ = (got), want_ = (want);				\
									\
	if (got_ != want_) {						\
		print_error("%s:%d: got %d (%s), want %d (%s)\n",	\
		    __FILE__, __LINE__, got_, store_strerror(got_),	\
		    want_, store_strerror(want_));			\
		fail();							\
	}								\
} while (0)

#define assert_i64(got, want) do {					\
	int64_t	 got_ = (got), want_ = (want);				\
									\
	if (got_ != want_) {						\
		print_error("%s:%d: %s is %" PRId64 ", want %" PRId64	\
		    "\n", __FILE__, __LINE__, #got, got_, want_);	\
		fail();							\
	}								\
} while (0)

extern const char	 fixture_name[];	/* the test's: "loan" */
extern char		 pw_hash[128];		/* PW hashed, for add_user() */

struct book {
	char		 root[PATH_MAX];
	char		 data[PATH_MAX + 16];
	struct store	*st;
	uint32_t	 ani, tono, sisi, mira;	/* drawer numbers */
};
extern struct book	*g_book;	/* the test's, for fixture_cleanup() */

/* A request and the room its numeric fields and id take. */
struct req {
	struct post_req		 q;
	uint8_t			 num[ENTRY_MAXFIELD][10];
	char			 id[48];
	struct member_req	 m;	/* a join's, which q points to */
};

int	 rm_one(const char *, const struct stat *, int, struct FTW *);
void	 req_init(struct req *, const char *, uint16_t);
void	 req_str(struct req *, uint16_t, const char *);
void	 req_u64(struct req *, uint16_t, uint64_t);
void	 req_i64(struct req *, uint16_t, int64_t);
void	 req_post(struct req *, uint32_t, uint64_t, int64_t);
void	 with_id(struct post_req *);
uint64_t post_ok(struct store *, const struct post_req *);
struct branch branch_of(struct store *);
/* Post q, which must be refused with want and write nothing. */
#define post_refused(st, q, want)	post_refused_at(st, q, want, __LINE__)
void	 post_refused_at(struct store *, struct post_req *, int, int);
int64_t	 natural(struct store *, uint32_t, uint64_t);
void	 verify_ok(struct book *);
void	 fixture_user(struct store *, const char *, const char *, uint8_t,
	    const char *);
void	 add_user(struct book *, const char *, const char *, uint8_t);
struct book *book_open(uint32_t);
void	 book_done(struct book *);
int	 fixture_cleanup(void **);

#endif /* FIXTURE_H */
