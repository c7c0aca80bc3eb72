/* SPDX-License-Identifier: MIT */
/* cmd_config_load.c -- panctl config load NAME: a saved configuration becomes the candidate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const struct cli_opt opts[] = {
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

/* The op command <load><config><from>NAME</from></config></load> (PAN-OS XML API guide,
 * "Import Files (API)": an imported configuration is loaded this way). Case 0303. */
int cmd_config_load(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *out_path = NULL;
    int rc = cli_simple_opts(ctx, "config", opts, argc, argv, "load NAME",
                             "Replace the candidate configuration by the saved configuration "
                             "NAME (uploaded with\n'panctl import configuration', or saved on "
                             "the device); commit to make it run.\n"
                             "  panctl config load before-change.xml",
                             &out_path);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (argc - optind != 2 || strcmp(argv[optind], "load") != 0)
        return cli_usage_error("config", "%s",
                               argc - optind < 2 ? "load: NAME is missing" : "load: one NAME only");
    const char *name = argv[optind + 1];
    if (name[0] == '\0')
        return cli_usage_error("config", "%s", "load: empty NAME");
    if ((rc = cli_csv_refused(ctx, "config",
                              "answers with a message, not rows; use -o text, "
                              "json or xml")) != 0)
        return rc;
    panos_buf esc = PANOS_BUF_INIT;
    char *cmd = NULL;
    size_t len = 0;
    if (panos_xml_escape(&esc, name) == PANOS_OK) {
        len = esc.size + 64;
        cmd = malloc(len);
    }
    if (cmd == NULL) {
        panos_buf_dispose(&esc);
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    }
    snprintf(cmd, len, "<load><config><from>%s</from></config></load>", esc.ptr);
    panos_buf_dispose(&esc);
    panos_response *r = NULL;
    if ((rc = cli_connect(ctx, 1)) == 0) {
        panos_code code = panos_op_run(&r, ctx->client, cmd);
        const char *msg = code == PANOS_OK ? panos_response_message(r) : NULL;
        if (msg != NULL && ctx->format == CLI_FORMAT_TEXT && out_path == NULL)
            rc = printf("%s\n", msg) < 0 ? PANOS_E_IO : 0; /* "Config loaded from NAME" */
        else
            rc = code == PANOS_OK ? cli_print(ctx, r, NULL, out_path) : cli_fail_client(ctx, code);
    }
    panos_response_free(r);
    free(cmd);
    return rc;
}
