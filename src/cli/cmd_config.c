/* SPDX-License-Identifier: MIT */
/* cmd_config.c -- panctl config: read the running (show) or candidate (get) configuration by xpath. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const struct cli_opt opts[] = {
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

int cmd_config(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *out_path = NULL;
    panos_response *r = NULL;
    int rc;

    if (argc > 1 && strcmp(argv[1], "diff") == 0) { /* config diff: its own file */
        argv[1] = (char *)"panctl config diff";     /* how getopt_long's messages name it */
        return cmd_config_diff(ctx, argc - 1, argv + 1);
    }
    if (argc > 1 && strcmp(argv[1], "load") == 0) /* config load: cmd_config_load.c */
        return cmd_config_load(ctx, argc, argv);
    if (argc > 1 && cli_config_is_write(argv[1]))
        return cmd_config_write(ctx, argc, argv);
    rc = cli_simple_opts(
        ctx, "config", opts, argc, argv,
        "show|get [XPATH] | diff OLD NEW  (writes: panctl config set --help)",
        "Read the configuration at XPATH (default /config): 'show' reads the "
        "running configuration,\n'get' the candidate (with uncommitted changes). "
        "A missing node exits 13 (NOT_FOUND).\n"
        "  panctl config show \"/config/devices/entry[@name='localhost.localdomain']"
        "/deviceconfig/system/hostname\"",
        &out_path);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (optind >= argc)
        return cli_usage_error("config", "%s",
                               "no action: expected show, get, diff, set, edit, override, delete, "
                               "rename, clone, move, multi, lock, unlock or locks");
    const char *action = argv[optind];
    if (strcmp(action, "show") != 0 && strcmp(action, "get") != 0)
        return cli_usage_error(
            "config",
            "unknown action '%s': expected show, get, diff, set, edit, override, delete, rename, "
            "clone, move, multi, lock, unlock or locks",
            action);
    if (argc - optind > 2)
        return cli_usage_error("config", "%s", "one XPATH only (quote it for the shell)");
    const char *xpath = optind + 1 < argc ? argv[optind + 1] : "/config";
    if (xpath[0] == '\0')
        return cli_usage_error("config", "%s", "empty XPATH");
    if ((rc = cli_csv_refused(ctx, "config", "answers with a configuration tree, not rows; use "
                                             "-o xml, json or text")) != 0)
        return rc;
    if ((rc = cli_connect(ctx, 1)) != 0)
        return rc;
    panos_client_set_raw(ctx->client, 1);
    panos_code code = action[0] == 's' ? panos_config_show(&r, ctx->client, xpath)
                                       : panos_config_get(&r, ctx->client, xpath);
    rc = code == PANOS_OK ? cli_print(ctx, r, NULL, out_path) : cli_fail_client(ctx, code);
    panos_response_free(r);
    return rc;
}
