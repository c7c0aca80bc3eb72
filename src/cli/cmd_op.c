/* SPDX-License-Identifier: MIT */
/* cmd_op.c -- panctl op: run an operational command typed as CLI text or XML. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "pano.h"

enum { OPT_ALL_DEVICES = 256, OPT_PARALLEL };

static const struct cli_opt opts[] = {
    CLI_OPT_OUT,
    {{"all-devices", no_argument, NULL, OPT_ALL_DEVICES},
     NULL,
     "run it on every connected firewall of the Panorama (target=SERIAL each)"},
    {{"parallel", required_argument, NULL, OPT_PARALLEL},
     "N",
     "with --all-devices: requests in flight through Panorama, 1 to 5 (default 2)"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char help_text[] =
    "Run an operational command, typed as on the firewall's CLI or as XML.\n"
    "Words become nested elements; a quoted word, a number or an address is the value of the\n"
    "element before it; name=value is an attribute:\n"
    "  panctl op show system info          -> <show><system><info/></system></show>\n"
    "  panctl op show interface '\"ethernet1/1\"'\n"
    "  panctl op show jobs id 12\n"
    "  panctl op '<show><clock/></show>'\n"
    "With --all-devices (on a Panorama) every connected firewall answers: one JSON line per\n"
    "firewall keyed by serial (-o json), a section each (text) or <device> elements (xml);\n"
    "a summary on stderr; exit 1 when any firewall failed.\n"
    "  panctl -H panorama op --all-devices show system info -o json";

int cmd_op(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *out_path = NULL;
    panos_buf cmd = PANOS_BUF_INIT, text = PANOS_BUF_INIT;
    int rc = 0;

    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int all = 0, parallel_set = 0, c;
    long parallel = CLI_FANOUT_DEFAULT;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case 'O':
            out_path = optarg;
            break;
        case OPT_ALL_DEVICES:
            all = 1;
            break;
        case OPT_PARALLEL:
            if ((rc = cli_fanout_parallel("op", optarg, &parallel)) != 0)
                return rc;
            parallel_set = 1;
            break;
        case 'h':
            cli_help("op", "[--all-devices [--parallel N]] COMMAND...", help_text, opts);
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "op", c, optarg)) != 0)
                return rc;
        }
    }
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
    if (all && (out_path || ctx->target || ctx->format == CLI_FORMAT_CSV)) {
        rc = cli_usage_error("op", "--all-devices: %s",
                             out_path      ? "no --out (the results go to stdout)"
                             : ctx->target ? "not with --target (it targets every firewall)"
                                           : "-o csv is not supported; use -o json, text or xml");
        goto done;
    }
    if (!all && parallel_set) {
        rc = cli_usage_error("op", "%s", "--parallel goes with --all-devices");
        goto done;
    }
    if ((rc = cli_connect(ctx, 1)) != 0)
        goto done;
    if (all) {
        const panos_param p[] = {{"type", "op"}, {"cmd", cmd.ptr}};
        rc = cli_fanout(ctx, "op", p, 2, cmd.ptr, parallel);
        goto done;
    }
    panos_client_set_raw(ctx->client, 1); /* text answers (request license fetch) pass through */
    rc = cli_op_print(ctx, cmd.ptr, out_path);
done:
    panos_buf_dispose(&cmd);
    panos_buf_dispose(&text);
    return rc;
}
