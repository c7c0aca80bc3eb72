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

/* The client's last error as panctl prints it: "(N) NAME: [http N] [api N] message". */
static void keep_error(struct cli_pcap_job *j, panos_client *c)
{
    const panos_error *e = panos_client_last_error(c);
    char http[32] = "", api[32] = "";
    if (e && e->http_status > 0)
        snprintf(http, sizeof(http), "[http %ld] ", e->http_status);
    if (e && e->api_code >= 0)
        snprintf(api, sizeof(api), "[api %d] ", e->api_code);
    const char *msg = e && e->message && e->message[0] ? e->message : panos_strerror(j->code);
    snprintf(j->error, sizeof(j->error), "(%d) %s: %s%s%s", (int)j->code, panos_code_name(j->code),
             http, api, msg);
}

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
            keep_error(j, w->client);
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
