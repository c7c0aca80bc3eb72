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

static panos_code fill(void *payload, int fd)
{
    return cli_fill_fd(fd, run, payload);
}

int cli_config_stream(struct cli_ctx *ctx, const char *action, const char *xpath,
                      enum cli_cfg_format fmt, const char *out_path)
{
    struct job j = {ctx, action, xpath, fmt, out_path == NULL && ctx->pretty, ""};
    char err[512] = "";
    panos_code rc;
    if (out_path != NULL)
        rc = panos_file_write_stream(out_path, 0600, fill, &j, err, sizeof(err));
    else
        rc = run(&j, stdout);
    if (rc == PANOS_OK)
        return 0;
    if (err[0] != '\0')
        return cli_local_error(rc, err);
    if (j.werr[0] != '\0')
        return cli_local_error(rc, j.werr);
    const panos_error *e = panos_client_last_error(ctx->client);
    if (e != NULL && e->code == rc)
        return cli_fail_client(ctx, rc);
    return cli_local_error(rc, rc == PANOS_E_IO ? "cannot write the output" : NULL);
}
