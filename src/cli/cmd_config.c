/* SPDX-License-Identifier: MIT */
/* cmd_config.c -- panctl config: read the running (show) or candidate (get) configuration by xpath. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cfgout.h"

#define OPT_FORMAT 0x2101 /* long only: -F is free, but keep the short letters for globals */

static const struct cli_opt opts[] = {
    {{"format", required_argument, NULL, OPT_FORMAT},
     "FORMAT",
     "xml, json, text or set (set: the PAN-OS configure-mode commands); overrides -o"},
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char usage[] =
    "show|get [XPATH] [--format FORMAT] [--out FILE] | diff OLD NEW  (writes: panctl config set "
    "--help)";
static const char desc[] =
    "Read the configuration at XPATH (default /config): 'show' reads the running configuration,\n"
    "'get' the candidate (with uncommitted changes). The answer is streamed to the output as it\n"
    "arrives, whatever its size. A missing node exits 13 (NOT_FOUND).\n"
    "  panctl config show \"/config/devices/entry[@name='localhost.localdomain']"
    "/deviceconfig/system/hostname\"\n"
    "  panctl config show --format set "
    "\"/config/devices/entry/vsys/entry[@name='vsys1']/rulebase\"";

static int parse_cfg_format(const char *s, enum cli_cfg_format *out)
{
    static const char *const names[] = {"xml", "json", "text", "set"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (enum cli_cfg_format)i;
            return 0;
        }
    return -1;
}

/* --format, else -o (csv refused), else xml into a file and the default format on stdout. */
static int pick_format(const struct cli_ctx *ctx, const char *format, const char *out_path,
                       enum cli_cfg_format *fmt)
{
    if (format != NULL) {
        if (parse_cfg_format(format, fmt) != 0)
            return cli_usage_error("config", "--format %s: expected xml, json, text or set",
                                   format);
        return 0;
    }
    int rc = cli_csv_refused(ctx, "config",
                             "answers with a configuration tree, not rows; use "
                             "-o xml, json or text");
    if (rc != 0)
        return rc;
    enum cli_format f = ctx->format_set || out_path == NULL ? ctx->format : CLI_FORMAT_XML;
    *fmt = f == CLI_FORMAT_JSON ? CLI_CFG_JSON : f == CLI_FORMAT_TEXT ? CLI_CFG_TEXT : CLI_CFG_XML;
    return 0;
}

static int parse_opts(struct cli_ctx *ctx, int argc, char **argv, const char **format,
                      const char **out_path)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == 'O') {
            *out_path = optarg;
        } else if (c == OPT_FORMAT) {
            *format = optarg;
        } else if (c == 'h') {
            cli_help("config", usage, desc, opts);
            return -1;
        } else if ((rc = cli_global_option(ctx, "config", c, optarg)) != 0) {
            return rc;
        }
    }
    return 0;
}

int cmd_config(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *out_path = NULL, *format = NULL;
    enum cli_cfg_format fmt = CLI_CFG_XML;
    int rc;

    if (argc > 1 && strcmp(argv[1], "diff") == 0) { /* config diff: its own file */
        argv[1] = (char *)"panctl config diff";     /* how getopt_long's messages name it */
        return cmd_config_diff(ctx, argc - 1, argv + 1);
    }
    if (argc > 1 && strcmp(argv[1], "load") == 0) /* config load: cmd_config_load.c */
        return cmd_config_load(ctx, argc, argv);
    if (argc > 1 && cli_config_is_write(argv[1]))
        return cmd_config_write(ctx, argc, argv);
    rc = parse_opts(ctx, argc, argv, &format, &out_path);
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
    if ((rc = pick_format(ctx, format, out_path, &fmt)) != 0)
        return rc;
    if ((rc = cli_connect(ctx, 1)) != 0)
        return rc;
    return cli_config_stream(ctx, action, xpath, fmt, out_path);
}
