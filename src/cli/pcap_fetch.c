/* SPDX-License-Identifier: MIT */
/* pcap_fetch.c -- panctl pcap get --all: many captures downloaded two at a time, each on its
 * own client, every failure kept and named once all have finished. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "pcap.h"

/* The downloads and the two clients they share out; the lock guards next. */
struct fetch {
    const char *category;
    struct cli_pcap_job *jobs;
    size_t n, next;
    pthread_mutex_t lock;
};

struct fetcher {
    struct fetch *f;
    panos_client *client;
    pthread_t thread;
};

static void *work(void *arg)
{
    struct fetcher *w = arg;
    struct fetch *f = w->f;
    for (;;) {
        pthread_mutex_lock(&f->lock);
        size_t i = f->next < f->n ? f->next++ : f->n;
        pthread_mutex_unlock(&f->lock);
        if (i == f->n)
            return NULL;
        struct cli_pcap_job *j = &f->jobs[i];
        j->code = panos_export_to_file(NULL, w->client, f->category, j->p, j->np, j->path);
        if (j->code != PANOS_OK)
            cli_client_error_text(j->error, sizeof(j->error), w->client, j->code);
    }
}

/* Run every job, on @p clone too when there is one (at most 2 transfers in flight). */
static void run(struct fetch *f, panos_client *first, panos_client *clone)
{
    struct fetcher self = {.f = f, .client = first}, other = {.f = f, .client = clone};
    int started =
        clone != NULL && f->n > 1 && pthread_create(&other.thread, NULL, work, &other) == 0;
    work(&self); /* without a second thread the calling one runs them all */
    if (started)
        pthread_join(other.thread, NULL);
}

int cli_pcap_fetch_all(struct cli_ctx *ctx, const char *category, struct cli_pcap_job *jobs,
                       size_t n)
{
    struct fetch f = {.category = category, .jobs = jobs, .n = n};
    panos_client *clone = NULL;
    size_t failed = 0;
    int rc = 0;
    if (n > 1 && (rc = cli_connect_clone(ctx, &clone)) != 0)
        return rc;
    pthread_mutex_init(&f.lock, NULL);
    run(&f, ctx->client, clone);
    pthread_mutex_destroy(&f.lock);
    panos_client_free(clone);
    for (size_t i = 0; i < n; i++) {
        if (jobs[i].code == PANOS_OK) {
            printf("%s\n", jobs[i].path);
            continue;
        }
        cli_error("%s: %s", jobs[i].path, jobs[i].error);
        if (failed++ == 0)
            rc = (int)jobs[i].code;
    }
    fflush(stdout);
    if (failed > 0)
        cli_error("%zu of %zu captures failed", failed, n);
    return rc;
}
