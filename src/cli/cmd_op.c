/* SPDX-License-Identifier: MIT */
/* cmd_op.c -- panctl op: run an operational command typed as CLI text or XML. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const struct cli_opt opts[] = {
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

int cmd_op(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *out_path = NULL;
    panos_buf cmd = PANOS_BUF_INIT, text = PANOS_BUF_INIT;
    panos_response *r = NULL;
    int rc = 0;

    rc = cli_simple_opts(ctx, "op", opts, argc, argv, "COMMAND...",
                         "Run an operational command, typed as on the firewall's CLI or as XML.\n"
                         "Words become nested elements; a quoted word, a number or an address is "
                         "the value of the\nelement before it; name=value is an attribute:\n"
                         "  panctl op show system info          -> <show><system><info/></system></show>\n"
                         "  panctl op show interface '\"ethernet1/1\"'\n"
                         "  panctl op show jobs id 12\n"
                         "  panctl op '<show><clock/></show>'",
                         &out_path);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (optind >= argc)
        return cli_usage_error("op", "%s", "no command given (e.g. panctl op show system info)");

    /* The words are joined with spaces and read as one command line. */
    for (int i = optind; i < argc; i++) {
        size_t len = strlen(argv[i]);
        size_t need = text.size + len + 2;
        char *p = realloc(text.ptr, need);
        if (p == NULL) {
            rc = PANOS_E_NOMEM;
            goto done;
        }
        text.ptr = p;
        if (text.size)
            text.ptr[text.size++] = ' ';
        memcpy(text.ptr + text.size, argv[i], len + 1);
        text.size += len;
    }
    char err[256] = "";
    panos_code code = panos_cmd_to_xml(&cmd, text.ptr, err, sizeof(err));
    if (code != PANOS_OK) {
        rc = code == PANOS_E_INVALID_ARG ? cli_usage_error("op", "%s", err) : (int)code;
        goto done;
    }
    if (ctx->format == CLI_FORMAT_CSV && !cli_output_has_rows(cmd.ptr)) {
        rc = cli_usage_error("op",
                             "-o csv: 'op %s' has no table; csv covers show interface all, "
                             "show system info, show arp entry ..., show jobs all|processed|"
                             "pending, show session all and show session info; use -o xml, "
                             "json or text",
                             text.ptr);
        goto done;
    }
    if ((rc = cli_connect(ctx, 1)) != 0)
        goto done;
    panos_client_set_raw(ctx->client, 1); /* text answers (request license fetch) pass through */
    code = panos_op_run(&r, ctx->client, cmd.ptr);
    if (code != PANOS_OK) {
        rc = cli_fail_client(ctx, code);
        goto done;
    }
    rc = cli_print(ctx, r, cmd.ptr, out_path);
done:
    panos_response_free(r);
    panos_buf_dispose(&cmd);
    panos_buf_dispose(&text);
    return rc;
}
