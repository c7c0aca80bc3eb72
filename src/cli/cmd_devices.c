/* SPDX-License-Identifier: MIT */
/* cmd_devices.c -- panctl devices: the firewalls a Panorama manages, and their inventory file. */
#include <stdio.h>
#include <string.h>
#include "pano.h"

enum { OPT_CONNECTED = 256, OPT_INVENTORY_OUT };

static const struct cli_opt opts[] = {
    {{"connected", no_argument, NULL, OPT_CONNECTED},
     NULL,
     "only the connected firewalls (show devices connected)"},
    {{"inventory-out", required_argument, NULL, OPT_INVENTORY_OUT},
     "FILE",
     "also write the connected firewalls as a panctl backup inventory (atomically, 0600)"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char *const heads[PANO__NFIELDS] = {
    "SERIAL", "HOSTNAME", "IP",        "MODEL",       "VERSION",
    "HA",     "HA-PEER",  "CONNECTED", "DEVICE-CERT", "LAST-COMMIT"};

static int print_devices(const struct cli_ctx *ctx, const struct cli_pano_devs *d)
{
    enum cli_rows_format fmt = ctx->format == CLI_FORMAT_JSON  ? CLI_ROWS_JSONL
                               : ctx->format == CLI_FORMAT_CSV ? CLI_ROWS_CSV
                               : ctx->format == CLI_FORMAT_XML ? CLI_ROWS_XML
                                                               : CLI_ROWS_TABLE;
    const struct cli_rows_opts o = {.fmt = fmt,
                                    .cols = cli_pano_cols,
                                    .ncols = PANO__NFIELDS,
                                    .headers = fmt == CLI_ROWS_TABLE ? heads : NULL,
                                    .xml_open = "<devices>",
                                    .xml_close = "</devices>",
                                    .xml_item = "device"};
    struct cli_rows *w = NULL;
    int rc = cli_rows_new(&w, stdout, &o);
    for (size_t i = 0; rc == 0 && i < d->n; i++) {
        panos_log_field f[PANO__NFIELDS];
        for (int j = 0; j < PANO__NFIELDS; j++)
            f[j] = (panos_log_field){cli_pano_cols[j], d->v[i][j]};
        cli_row row = {NULL, f, PANO__NFIELDS};
        rc = cli_rows_add(w, &row);
    }
    if (w != NULL && cli_rows_end(w) != 0 && rc == 0)
        rc = PANOS_E_IO;
    cli_rows_free(w);
    return rc == 0 ? 0 : cli_local_error((panos_code)rc, "cannot write the device list");
}

int cmd_devices(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    const char *inv = NULL;
    int connected = 0, c, rc;

    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_CONNECTED:
            connected = 1;
            break;
        case OPT_INVENTORY_OUT:
            inv = optarg;
            break;
        case 'h':
            cli_help("devices", "[--connected] [--inventory-out FILE]",
                     "List the firewalls a Panorama manages (show devices all, or connected):\n"
                     "serial, hostname, IP, model, version, HA state and peer, connected, "
                     "device certificate,\nlast commit-all. A table on a terminal; -o json "
                     "(one object a line), csv or xml.\n"
                     "  panctl -H panorama.example.com devices --inventory-out fleet.txt\n"
                     "  panctl backup --inventory fleet.txt --dir /srv/backups",
                     opts);
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "devices", c, optarg)) != 0)
                return rc;
        }
    }
    if (optind < argc)
        return cli_usage_error("devices", "unexpected argument '%s'", argv[optind]);
    if (ctx->target)
        return cli_usage_error("devices", "%s",
                               "--target: devices asks Panorama itself, not a firewall");
    if ((rc = cli_connect(ctx, 1)) != 0)
        return rc;
    struct cli_pano_devs d;
    if ((rc = cli_pano_devices(ctx, connected, &d)) != 0)
        return rc;
    rc = print_devices(ctx, &d);
    if (rc == 0 && inv != NULL)
        rc = cli_pano_inventory_write(ctx, &d, inv);
    cli_pano_devs_free(&d);
    return rc;
}
