/* SPDX-License-Identifier: MIT */
/* cmd_version.c -- panctl version: the firewall's PAN-OS version, model and serial (type=version). */
#include <stdio.h>
#include <string.h>
#include "cli.h"

enum { OPT_LOCAL = 0x2000 };

static const struct cli_opt opts[] = {
    {{"local", no_argument, NULL, OPT_LOCAL}, NULL,
     "print panctl's and its libraries' versions (as panctl --version); no firewall needed"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static void help(void)
{
    cli_help("version", "[--local]",
             "Show the firewall's sw-version, multi-vsys, model and serial (panctl --version or "
             "--local shows panctl's own and its libraries').\nWith -o csv: one record, a "
             "header line and a row.",
             opts);
}

/*
 * With --target, the answer must be the managed firewall's: pan-os-python (1.13.1, panos/base.py)
 * notes that type=version is not redirected by Panorama, so a Panorama that ignores target=
 * answers with its own serial. Printing that as the firewall's version would be a silent wrong
 * answer; refuse it and name the command that reaches the firewall.
 */
static int check_target(const struct cli_ctx *ctx, const panos_response *r)
{
    if (ctx->target == NULL)
        return 0;
    panos_buf serial = PANOS_BUF_INIT;
    panos_code code = panos_node_text(&serial, panos_node_child(panos_response_result(r), "serial"));
    int rc = 0;
    if (code != PANOS_OK) {
        rc = cli_local_error(code, NULL);
    } else if (serial.size > 0 && strcmp(serial.ptr, ctx->target) != 0) {
        char msg[400];
        snprintf(msg, sizeof(msg),
                 "--target %s: the answer is from serial %.64s (Panorama answers type=version "
                 "for itself); use 'panctl --target %s op show system info'",
                 ctx->target, serial.ptr, ctx->target);
        rc = cli_local_error(PANOS_E_API, msg);
    }
    panos_buf_dispose(&serial);
    return rc;
}

int cmd_version(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    panos_response *r = NULL;
    int c, rc, local = 0;

    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_LOCAL: local = 1; break;
        case 'h': help(); return 0;
        default:
            if ((rc = cli_global_option(ctx, "version", c, optarg)) != 0)
                return rc;
        }
    }
    if (optind < argc)
        return cli_usage_error("version", "unexpected argument '%s'", argv[optind]);
    if (local)
        return cli_print_version(stdout);
    if ((rc = cli_connect(ctx, 1)) != 0)
        return rc;
    panos_code code = panos_version_get(&r, ctx->client);
    if (code != PANOS_OK)
        rc = cli_fail_client(ctx, code);
    else if ((rc = check_target(ctx, r)) != 0)
        ;
    else if (ctx->format == CLI_FORMAT_CSV) /* one record: a header line and a row */
        rc = cli_print_result_row(r);
    else
        rc = cli_print(ctx, r, NULL, NULL);
    panos_response_free(r);
    return rc;
}
