/* SPDX-License-Identifier: MIT */
/* print.c -- a command's answer to stdout or to --out FILE, in the format the global -o chose. */
#include <stdio.h>
#include "cli.h"

int cli_print(const struct cli_ctx *ctx, const panos_response *r, const char *cmd_xml,
              const char *out_path)
{
    char err[512] = "";
    int rc;
    if (out_path != NULL) /* a file is not a terminal: xml unless -o says otherwise */
        rc = cli_output_file(out_path, r, ctx->format_set ? ctx->format : CLI_FORMAT_XML,
                             cmd_xml, err, sizeof(err));
    else
        rc = cli_output_response(stdout, r, ctx->format, cmd_xml, ctx->pretty);
    if (rc == 0)
        return 0;
    if (err[0] == '\0')
        snprintf(err, sizeof(err), "%s",
                 rc == PANOS_E_IO      ? "cannot write the output"
                 : rc == PANOS_E_PARSE ? "the answer is not XML, so it has no JSON form: use "
                                         "-o xml or -o text (and --out FILE for a file)"
                                       : "cannot format the answer");
    return cli_local_error((panos_code)rc, err);
}
