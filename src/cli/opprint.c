/* SPDX-License-Identifier: MIT */
/* opprint.c -- an op command's answer printed: the listings streamed as they arrive
 * (panos_op_stream, output_stream.c), any other answer whole (panos_op_run, cli_print). */
#include <stdio.h>
#include <unistd.h>
#include "cli.h"
#include "output_stream.h"

panos_code cli_fill_fd(int fd, panos_code (*run)(void *payload, FILE *f), void *payload)
{
    int dupfd = dup(fd);
    FILE *f = dupfd >= 0 ? fdopen(dupfd, "w") : NULL;
    if (f == NULL) {
        if (dupfd >= 0)
            close(dupfd);
        return PANOS_E_IO;
    }
    panos_code rc = run(payload, f);
    if (fclose(f) != 0 && rc == PANOS_OK)
        rc = PANOS_E_IO;
    return rc;
}

struct job {
    struct cli_ctx *ctx;
    const char *cmd_xml;
    enum cli_format fmt;
    int pretty;
};

static panos_code run(void *payload, FILE *f)
{
    struct job *j = payload;
    struct cli_opw *w = NULL;
    panos_code rc = (panos_code)cli_opw_new(&w, f, j->fmt, j->cmd_xml, j->pretty);
    if (rc == PANOS_OK)
        rc = panos_op_stream(j->ctx->client, j->cmd_xml, cli_opw_events(), w);
    if (rc == PANOS_OK)
        rc = (panos_code)cli_opw_finish(w);
    cli_opw_free(w);
    return rc;
}

static panos_code fill(void *payload, int fd)
{
    return cli_fill_fd(fd, run, payload);
}

/* The whole answer, then printed (every op command that is not a listing). */
static int print_whole(struct cli_ctx *ctx, const char *cmd_xml, const char *out_path)
{
    panos_response *r = NULL;
    panos_code code = panos_op_run(&r, ctx->client, cmd_xml);
    int rc = code != PANOS_OK ? cli_fail_client(ctx, code) : cli_print(ctx, r, cmd_xml, out_path);
    panos_response_free(r);
    return rc;
}

int cli_op_print(struct cli_ctx *ctx, const char *cmd_xml, const char *out_path)
{
    /* As cli_print(): a file is not a terminal, xml unless -o says otherwise, never pretty. */
    struct job j = {ctx, cmd_xml, out_path && !ctx->format_set ? CLI_FORMAT_XML : ctx->format,
                    out_path == NULL && ctx->pretty};
    char err[512] = "";
    panos_code rc;
    if (!cli_opw_streams(cmd_xml, j.fmt, j.pretty))
        return print_whole(ctx, cmd_xml, out_path);
    if (out_path != NULL)
        rc = panos_file_write_stream(out_path, 0600, fill, &j, err, sizeof(err));
    else
        rc = run(&j, stdout);
    if (rc == PANOS_OK)
        return 0;
    if (err[0] != '\0')
        return cli_local_error(rc, err);
    const panos_error *e = panos_client_last_error(ctx->client);
    if (e != NULL && e->code == rc)
        return cli_fail_client(ctx, rc);
    return cli_print_failed(ctx, rc);
}
