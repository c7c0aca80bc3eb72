/* SPDX-License-Identifier: MIT */
/* cmd_api.c -- panctl api: send any XML API request given as name=value parameters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli.h"

static const struct cli_opt opts[] = {
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

/*
 * Parameters that carry a secret: the key, keygen's password, the passphrase of a certificate
 * export or import and the DLP password of an export (PAN-OS XML API, "Export Files":
 * passphrase, dlp-password). A value in argv is visible in ps and kept in shell history, so
 * they are refused, whatever their case.
 */
static int is_secret_param(const char *name)
{
    static const char *const secrets[] = {"key", "api_key", "password", "passwd", "api_password",
                                          "passphrase", "dlp-password"};
    for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
        if (strcasecmp(name, secrets[i]) == 0)
            return 1;
    return 0;
}

int cmd_api(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *out_path = NULL;
    panos_response *r = NULL;
    panos_param *params = NULL;
    int rc = 0;
    size_t n = 0;

    rc = cli_simple_opts(ctx, "api", opts, argc, argv, "type=TYPE [NAME=VALUE]...",
                         "Send a raw request to /api/ (POST, form-encoded; the key goes in the "
                         "X-PAN-KEY header).\nRead-only requests are retried on temporary "
                         "failures; others are sent once.\n"
                         "  panctl api type=version\n"
                         "  panctl api type=config action=get "
                         "\"xpath=/config/devices/entry/deviceconfig/system\"",
                         &out_path);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (optind >= argc)
        return cli_usage_error("api", "%s", "no parameters (at least type=TYPE)");
    if ((rc = cli_csv_refused(ctx, "api", "answers with PAN-OS documents, not rows; use -o xml, "
                                          "json or text ('panctl op' has the tables)")) != 0)
        return rc;
    params = calloc((size_t)(argc - optind), sizeof(*params));
    if (params == NULL)
        return PANOS_E_NOMEM;
    int has_type = 0;
    for (int i = optind; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (eq == NULL || eq == argv[i]) {
            rc = cli_usage_error("api", "'%s' is not NAME=VALUE", argv[i]);
            goto done;
        }
        *eq = '\0';
        if (is_secret_param(argv[i])) {
            panos_wipe(eq + 1, strlen(eq + 1)); /* out of ps, as far as we can */
            rc = cli_usage_error("api",
                                 "%s= is refused: a secret on the command line is visible to "
                                 "other users (ps) and kept in shell history; make a key with "
                                 "'panctl keygen --password-stdin' and give it with --key-file "
                                 "or PANCTL_API_KEY",
                                 argv[i]);
            goto done;
        }
        has_type |= strcmp(argv[i], "type") == 0;
        params[n].name = argv[i];
        params[n].value = eq + 1;
        n++;
    }
    if (!has_type) {
        rc = cli_usage_error("api", "%s", "type=TYPE is required");
        goto done;
    }
    const char *type = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(params[i].name, "type") == 0)
            type = params[i].value;
    if ((rc = cli_connect(ctx, strcmp(type, "keygen") != 0)) != 0)
        goto done;
    panos_client_set_raw(ctx->client, 1); /* exports: files, text and HTML pages pass through */
    panos_code code = panos_request(&r, ctx->client, params, n);
    rc = code == PANOS_OK ? cli_print(ctx, r, NULL, out_path) : cli_fail_client(ctx, code);
done:
    panos_response_free(r);
    free(params);
    return rc;
}
