/*
 * cli/demo.h: the demo generator, shared by loket demo and bench/.
 */
#ifndef LOKET_DEMO_H
#define LOKET_DEMO_H

#include <stdint.h>

#include "store/store.h"

struct demo_params {
	const char	*coop;
	uint64_t	 members;	/* over all branches */
	int		 branches;	/* 1 or 2 */
	uint32_t	 start;		/* first business day */
	uint32_t	 end;		/* last day worked */
	int		 per_day;	/* counter postings a branch a day */
	int		 leave_last_open; /* do not close the last day */
	uint64_t	 seed;
};

/* cli/demo.c */
int	 demo_generate(struct store *, const struct demo_params *,
	    void (*)(void *, const char *, uint32_t), void *, uint64_t *);

#endif
