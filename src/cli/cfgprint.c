/* SPDX-License-Identifier: MIT */
/* cfgprint.c -- config show/get streamed through a writer to stdout or, atomically, to a file. */
#include <stdio.h>
#include "cli.h"
#include "cfgout.h"

struct job {
    struct cli_ctx *ctx;
    const char *action, *xpath;
    enum cli_cfg_format fmt;
    int pretty;
    char werr[200]; /* the writer's own failure, if it failed */
};

/* The answer through a writer to @p f. */
static panos_code run(void *payload, FILE *f)
{
    struct job *j = payload;
    struct cli_cfgw *w = NULL;
    panos_code rc = (panos_code)cli_cfgw_new(&w, f, j->fmt, j->pretty, j->xpath);
    if (rc == PANOS_OK)
        rc = panos_config_stream(j->ctx->client, j->action, j->xpath, cli_cfgw_events(), w);
    if (rc == PANOS_OK)
        rc = (panos_code)cli_cfgw_finish(w);
    if (w != NULL)
        snprintf(j->werr, sizeof(j->werr), "%s", cli_cfgw_error(w));
    cli_cfgw_free(w);
    return rc;
}

int cli_config_stream(struct cli_ctx *ctx, const char *action, const char *xpath,
                      enum cli_cfg_format fmt, const char *out_path)
{
    struct job j = {ctx, action, xpath, fmt, out_path == NULL && ctx->pretty, ""};
    return cli_stream_print(ctx, out_path, run, &j, j.werr);
}
