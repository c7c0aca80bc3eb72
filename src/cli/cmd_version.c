/* SPDX-License-Identifier: MIT */
/* cmd_version.c -- panctl version: the firewall's PAN-OS version, model and serial (type=version). */
#include <stdio.h>
#include "cli.h"

static const struct cli_opt opts[] = {
    {{"help", no_argument, NULL, 'h'}, NULL, "this help"},
    {{NULL, 0, NULL, 0}, NULL, NULL},
};

int cmd_version(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    panos_response *r = NULL;
    int c, rc;

    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == 'h') {
            cli_help("version", "",
                     "Show the firewall's sw-version, multi-vsys, model and serial "
                     "(panctl --version shows panctl's own).\nWith -o csv: one record, a "
                     "header line and a row.",
                     opts);
            return 0;
        }
        if ((rc = cli_global_option(ctx, "version", c, optarg)) != 0)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("version", "unexpected argument '%s'", argv[optind]);
    if ((rc = cli_connect(ctx, 1)) != 0)
        return rc;
    panos_code code = panos_version_get(&r, ctx->client);
    if (code != PANOS_OK)
        rc = cli_fail_client(ctx, code);
    else if (ctx->format == CLI_FORMAT_CSV) /* one record: a header line and a row */
        rc = cli_print_result_row(r);
    else
        rc = cli_print(ctx, r, NULL, NULL);
    panos_response_free(r);
    return rc;
}
