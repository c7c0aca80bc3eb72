/* SPDX-License-Identifier: MIT */
/* pool.c -- panctl's one worker pool: the next item on the next free client, at most one
 * thread per client (investigate's log queries, pcap get --all, userid's messages). */
#include <pthread.h>
#include "pool.h"

struct state {
    const struct cli_pool *p;
    size_t next, ndone;
    int stop;
    pthread_mutex_t lock;
};

struct worker {
    struct state *s;
    panos_client *client;
    pthread_t thread;
};

/* The next item to run, or p->n when there is none (all taken, or the pool was stopped). */
static size_t take(struct state *s)
{
    const struct cli_pool *p = s->p;
    pthread_mutex_lock(&s->lock);
    size_t i = s->next < p->n && !s->stop ? s->next++ : p->n;
    if (i < p->n && p->started != NULL)
        p->started(p->payload, i);
    pthread_mutex_unlock(&s->lock);
    return i;
}

static void finished(struct state *s, size_t i, int stop)
{
    const struct cli_pool *p = s->p;
    pthread_mutex_lock(&s->lock);
    s->ndone++;
    if (stop)
        s->stop = 1;
    if (p->done != NULL)
        p->done(p->payload, i, s->ndone);
    pthread_mutex_unlock(&s->lock);
}

static void *work(void *arg)
{
    struct worker *w = arg;
    struct state *s = w->s;
    for (size_t i; (i = take(s)) < s->p->n;)
        finished(s, i, s->p->run(s->p->payload, i, w->client) != 0);
    return NULL;
}

size_t cli_pool_run(const struct cli_pool *p)
{
    struct state s = {.p = p};
    struct worker w[CLI_POOL_MAX];
    size_t nw = p->nclients < CLI_POOL_MAX ? p->nclients : CLI_POOL_MAX, started = 0;
    if (p->n == 0 || nw == 0)
        return 0;
    pthread_mutex_init(&s.lock, NULL);
    for (size_t i = 1; i < nw && i < p->n; i++) {
        w[started] = (struct worker){.s = &s, .client = p->clients[i]};
        if (pthread_create(&w[started].thread, NULL, work, &w[started]) != 0)
            break; /* the threads started so far, and this one, run every item left */
        started++;
    }
    struct worker self = {.s = &s, .client = p->clients[0]};
    work(&self);
    for (size_t i = 0; i < started; i++)
        pthread_join(w[i].thread, NULL);
    pthread_mutex_destroy(&s.lock);
    return s.next;
}
