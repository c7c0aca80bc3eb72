/* SPDX-License-Identifier: MIT */
/* pool.h -- panctl's one worker pool: items taken in order, each run on one of up to N clients
 * (one thread per client, the calling thread on the first), no client shared at once. */
#ifndef PANCTL_POOL_H
#define PANCTL_POOL_H

#include <stddef.h>
#include <panos/panos.h>

/* Most clients (so threads) one pool runs on. */
#define CLI_POOL_MAX 8

/*
 * One run of @p n items. @p run handles item @p i on client @p c, which no other item uses
 * meanwhile; it keeps its result in the caller's own slot for @p i (the pool keeps none), and
 * returns 0, or nonzero to stop the pool: no item is started after it (items already running
 * finish). @p started (may be NULL) is called under the pool's lock when item @p i is taken,
 * @p done (may be NULL) under the lock when it has finished, with how many have finished:
 * progress lines are never interleaved.
 */
struct cli_pool {
    panos_client *const *clients; /* clients[0] runs on the calling thread */
    size_t nclients;              /* at most CLI_POOL_MAX are used; 0 runs nothing */
    size_t n;
    int (*run)(void *payload, size_t i, panos_client *c);
    void (*started)(void *payload, size_t i);
    void (*done)(void *payload, size_t i, size_t ndone);
    void *payload;
};

/*
 * Run the items: item i is taken in order by the first free worker, one worker per client,
 * never more workers than items. A thread that cannot be started leaves its items to the
 * others (the calling thread runs them all at worst). Returns when every started item has
 * finished: the number of items started (n unless @p run stopped the pool).
 */
size_t cli_pool_run(const struct cli_pool *p);

#endif
