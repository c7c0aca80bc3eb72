/* SPDX-License-Identifier: MIT */
/* opprint.c -- an op command's answer printed: the listings streamed as they arrive
 * (panos_op_stream, output_stream.c), any other answer whole (panos_op_run, cli_print). */
#include <stdio.h>
#include <unistd.h>
#include "cli.h"
#include "output_stream.h"

/* A run and its payload, for the fill callback of panos_file_write_stream(). */
struct filler {
    panos_code (*run)(void *payload, FILE *f);
    void *payload;
};

/* Run the filler on a stream over a duplicate of @p fd (closed after). */
static panos_code fill(void *payload, int fd)
{
    const struct filler *x = payload;
    int dupfd = dup(fd);
    FILE *f = dupfd >= 0 ? fdopen(dupfd, "w") : NULL;
    if (f == NULL) {
        if (dupfd >= 0)
            close(dupfd);
        return PANOS_E_IO;
    }
    panos_code rc = x->run(x->payload, f);
    if (fclose(f) != 0 && rc == PANOS_OK)
        rc = PANOS_E_IO;
    return rc;
}

int cli_stream_print(struct cli_ctx *ctx, const char *out_path,
                     panos_code (*run)(void *payload, FILE *f), void *payload, const char *werr)
{
    struct filler x = {run, payload};
    char err[512] = "";
    panos_code rc;
    if (out_path != NULL)
        rc = panos_file_write_stream(out_path, 0600, fill, &x, err, sizeof(err));
    else
        rc = run(payload, stdout);
    if (rc == PANOS_OK)
        return 0;
    if (err[0] != '\0')
        return cli_local_error(rc, err);
    if (werr != NULL && werr[0] != '\0')
        return cli_local_error(rc, werr);
    const panos_error *e = panos_client_last_error(ctx->client);
    if (e != NULL && e->code == rc)
        return cli_fail_client(ctx, rc);
    return cli_local_error(rc, rc == PANOS_E_IO ? "cannot write the output" : NULL);
}

struct job {
    struct cli_ctx *ctx;
    const char *cmd_xml;
    enum cli_format fmt;
    int pretty;
    char werr[120]; /* the writer's own failure */
};

static panos_code run(void *payload, FILE *f)
{
    struct job *j = payload;
    struct cli_opw *w = NULL;
    panos_code rc = (panos_code)cli_opw_new(&w, f, j->fmt, j->cmd_xml, j->pretty);
    if (rc == PANOS_OK)
        rc = panos_op_stream(j->ctx->client, j->cmd_xml, cli_opw_events(), w);
    if (rc == PANOS_OK && (rc = (panos_code)cli_opw_finish(w)) == PANOS_E_PARSE)
        snprintf(j->werr, sizeof(j->werr), "%s", /* as cli_print() says it */
                 "-o csv: the answer has no table to write; use -o xml, json or text");
    cli_opw_free(w);
    return rc;
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
                    out_path == NULL && ctx->pretty, ""};
    if (!cli_opw_streams(cmd_xml, j.fmt, j.pretty))
        return print_whole(ctx, cmd_xml, out_path);
    return cli_stream_print(ctx, out_path, run, &j, j.werr);
}
