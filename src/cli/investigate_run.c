/* SPDX-License-Identifier: MIT */
/* investigate_run.c -- panctl investigate: its log queries side by side, one worker thread per
 * client, each query filling only its own tallies. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "investigate_priv.h"

/* The queries and the clients they share out; the lock guards next and the progress line. */
struct pool {
    struct inv_query *q;
    size_t n, next;
    pthread_mutex_t lock;
    int tty;
};

struct worker {
    struct pool *p;
    panos_client *client;
    pthread_t thread;
};

/* One line on a terminal: the query started last (the line is rewritten, never interleaved). */
static void progress(struct pool *p, const char *type)
{
    if (p->tty)
        fprintf(stderr, "\r\033[Kpanctl: investigate: %s logs...", type);
}

static void run_one(struct inv_query *q, panos_client *c)
{
    panos_log_query lq = PANOS_LOG_QUERY_INIT;
    lq.log_type = q->type;
    lq.filter = q->filter;
    lq.count = 1000000000ULL; /* everything in the window */
    lq.forward = 1;
    lq.poll_initial_ms = 100;
    q->client = c;
    q->code = panos_log_query_run(c, &lq, q->fn, q->payload);
}

static void *work(void *arg)
{
    struct worker *w = arg;
    struct pool *p = w->p;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next < p->n ? p->next++ : p->n;
        if (i < p->n)
            progress(p, p->q[i].type);
        pthread_mutex_unlock(&p->lock);
        if (i == p->n)
            return NULL;
        run_one(&p->q[i], w->client);
    }
}

void inv_run_queries(struct inv_query *q, size_t n, panos_client *const *clients, size_t nclients)
{
    struct pool p = {.q = q, .n = n, .tty = isatty(STDERR_FILENO)};
    struct worker w[INV_MAX_PARALLEL];
    size_t started = 0;
    if (nclients > INV_MAX_PARALLEL)
        nclients = INV_MAX_PARALLEL;
    pthread_mutex_init(&p.lock, NULL);
    for (size_t i = 1; i < nclients && i < n; i++, started++) {
        w[started] = (struct worker){.p = &p, .client = clients[i]};
        if (pthread_create(&w[started].thread, NULL, work, &w[started]) != 0)
            break; /* the calling thread still runs every query left */
    }
    struct worker self = {.p = &p, .client = clients[0]};
    work(&self);
    for (size_t i = 0; i < started; i++)
        pthread_join(w[i].thread, NULL);
    pthread_mutex_destroy(&p.lock);
    if (p.tty)
        fprintf(stderr, "\r\033[K");
}
