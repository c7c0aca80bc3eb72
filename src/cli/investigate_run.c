/* SPDX-License-Identifier: MIT */
/* investigate_run.c -- panctl investigate: its log queries side by side, one worker thread per
 * client, each query filling only its own tallies. */
#include <stdio.h>
#include <unistd.h>
#include "investigate_priv.h"
#include "pool.h"

/* What the pool's callbacks need: the queries and whether stderr shows progress. */
struct run {
    struct inv_query *q;
    int tty;
};

/* One line on a terminal: the query started last (the line is rewritten, never interleaved). */
static void progress(void *payload, size_t i)
{
    const struct run *r = payload;
    if (r->tty)
        fprintf(stderr, "\r\033[Kpanctl: investigate: %s logs...", r->q[i].type);
}

static int run_one(void *payload, size_t i, panos_client *c)
{
    struct inv_query *q = &((struct run *)payload)->q[i];
    panos_log_query lq = PANOS_LOG_QUERY_INIT;
    lq.log_type = q->type;
    lq.filter = q->filter;
    lq.count = 1000000000ULL; /* everything in the window */
    lq.forward = 1;
    lq.poll_initial_ms = 100;
    q->client = c;
    q->code = panos_log_query_run(c, &lq, q->fn, q->payload);
    return 0; /* a failed query does not stop the others: each keeps its own code */
}

void inv_run_queries(struct inv_query *q, size_t n, panos_client *const *clients, size_t nclients)
{
    struct run r = {.q = q, .tty = isatty(STDERR_FILENO)};
    const struct cli_pool p = {.clients = clients,
                               .nclients =
                                   nclients < INV_MAX_PARALLEL ? nclients : INV_MAX_PARALLEL,
                               .n = n,
                               .run = run_one,
                               .started = progress,
                               .payload = &r};
    cli_pool_run(&p);
    if (r.tty)
        fprintf(stderr, "\r\033[K");
}
