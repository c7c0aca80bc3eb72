/* SPDX-License-Identifier: MIT */
/*
 * cmd_config_lock.c -- panctl config lock|unlock|locks: take or release the config lock
 * (`request config-lock add|remove`) and list who holds the config and commit locks
 * (`show config-locks`, `show commit-locks`) as a table, JSON lines, CSV or XML rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* The text of @p parent's child @p name ("" when absent), in @p b. */
static const char *text_of(panos_buf *b, const panos_node *parent, const char *name)
{
    const panos_node *n = panos_node_child(parent, name);
    if (n == NULL || panos_node_text(b, n) != PANOS_OK || b->ptr == NULL)
        return "";
    return b->ptr;
}

/* One row per lock holder of @p r's <result><EL>, with @p kind ("config" or "commit"). */
static int add_rows(struct cli_rows *w, const panos_response *r, const char *el,
                    const char *kind)
{
    const panos_node *list = panos_node_child(panos_response_result(r), el);
    int rc = 0;
    for (const panos_node *e = panos_node_child(list, "entry"); e != NULL && rc == 0;
         e = panos_node_next_named(e, "entry")) {
        panos_buf b[4] = {PANOS_BUF_INIT, PANOS_BUF_INIT, PANOS_BUF_INIT, PANOS_BUF_INIT};
        const char *admin = panos_node_attr(e, "name");
        const panos_log_field f[6] = {
            {"lock", kind},
            {"admin", admin != NULL ? admin : ""},
            {"scope", text_of(&b[0], e, "name")},
            {"created", text_of(&b[1], e, "created")},
            {"loggedin", text_of(&b[2], e, "loggedin")},
            {"comment", text_of(&b[3], e, "comment")},
        };
        const cli_row row = {NULL, f, 6};
        rc = cli_rows_add(w, &row);
        for (int i = 0; i < 4; i++)
            panos_buf_dispose(&b[i]);
    }
    return rc;
}

static int show_locks(struct cli_ctx *ctx)
{
    static const char *const cols[] = {"lock", "admin", "scope", "created", "loggedin",
                                       "comment"};
    static const char *const heads[] = {"LOCK", "ADMIN", "SCOPE", "CREATED", "LOGGEDIN",
                                        "COMMENT"};
    panos_response *rc_cfg = NULL, *rc_commit = NULL;
    panos_code code = panos_op_run(&rc_cfg, ctx->client, "<show><config-locks/></show>");
    if (code == PANOS_OK)
        code = panos_op_run(&rc_commit, ctx->client, "<show><commit-locks/></show>");
    int rc = 0;
    if (code != PANOS_OK) {
        rc = cli_fail_client(ctx, code);
        goto done;
    }
    enum cli_rows_format fmt = ctx->format == CLI_FORMAT_JSON  ? CLI_ROWS_JSONL
                               : ctx->format == CLI_FORMAT_CSV ? CLI_ROWS_CSV
                               : ctx->format == CLI_FORMAT_XML ? CLI_ROWS_XML
                                                               : CLI_ROWS_TABLE;
    const struct cli_rows_opts opts = {.fmt = fmt, .cols = cols, .ncols = 6,
                                       .headers = fmt == CLI_ROWS_TABLE ? heads : NULL,
                                       .xml_open = "<locks>", .xml_close = "</locks>",
                                       .xml_item = "lock"};
    struct cli_rows *w = NULL;
    int wrc = cli_rows_new(&w, stdout, &opts);
    if (wrc == 0)
        wrc = add_rows(w, rc_cfg, "config-locks", "config");
    if (wrc == 0)
        wrc = add_rows(w, rc_commit, "commit-locks", "commit");
    if (w != NULL && cli_rows_end(w) != 0 && wrc == 0)
        wrc = PANOS_E_IO;
    cli_rows_free(w);
    if (wrc != 0)
        rc = cli_local_error((panos_code)wrc, "cannot write the lock list");
done:
    panos_response_free(rc_cfg);
    panos_response_free(rc_commit);
    return rc;
}

/* The XML-escaped copy of @p s (malloc'd), or NULL when out of memory. */
static char *escape(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        default: fputc(*s, f);
        }
    }
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

int cli_config_lock(struct cli_ctx *ctx, const char *action, const char *comment)
{
    int rc;
    if (strcmp(action, "locks") == 0)
        return show_locks(ctx);
    char *cmd = NULL;
    if (strcmp(action, "lock") == 0) {
        char *c = escape(comment != NULL ? comment : "");
        size_t n = c != NULL ? strlen(c) + 80 : 0;
        cmd = c != NULL ? malloc(n) : NULL;
        if (cmd != NULL)
            snprintf(cmd, n, comment != NULL
                                 ? "<request><config-lock><add><comment>%s</comment></add>"
                                   "</config-lock></request>"
                                 : "<request><config-lock><add/></config-lock></request>%s",
                     c);
        free(c);
    } else {
        cmd = strdup("<request><config-lock><remove/></config-lock></request>");
    }
    if (cmd == NULL)
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    panos_response *r = NULL;
    panos_code code = panos_op_run(&r, ctx->client, cmd);
    rc = code == PANOS_OK ? cli_print(ctx, r, NULL, NULL) : cli_fail_client(ctx, code);
    panos_response_free(r);
    free(cmd);
    return rc;
}
