/* SPDX-License-Identifier: MIT */
/* pcap_fetch.c -- panctl pcap get --all: many captures downloaded two at a time, each on its
 * own client, every failure kept and named once all have finished. */
#include <stdio.h>
#include <string.h>
#include "pcap.h"
#include "pool.h"

/* What each download needs: the category and the jobs, each with its own result. */
struct fetch {
    const char *category;
    struct cli_pcap_job *jobs;
};

static int fetch_one(void *payload, size_t i, panos_client *c)
{
    struct fetch *f = payload;
    struct cli_pcap_job *j = &f->jobs[i];
    j->code = panos_export_to_file(NULL, c, f->category, j->p, j->np, j->path);
    if (j->code != PANOS_OK)
        cli_client_error_text(j->error, sizeof(j->error), c, j->code);
    return 0; /* every failure is kept and named at the end */
}

int cli_pcap_fetch_all(struct cli_ctx *ctx, const char *category, struct cli_pcap_job *jobs,
                       size_t n)
{
    struct fetch f = {.category = category, .jobs = jobs};
    panos_client *clone = NULL;
    size_t failed = 0;
    int rc = 0;
    if (n > 1 && (rc = cli_connect_clone(ctx, &clone)) != 0)
        return rc;
    panos_client *clients[] = {ctx->client, clone}; /* at most 2 transfers in flight */
    const struct cli_pool p = {
        .clients = clients, .nclients = clone ? 2 : 1, .n = n, .run = fetch_one, .payload = &f};
    cli_pool_run(&p);
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
