/* SPDX-License-Identifier: MIT */
/* print.c -- a command's answer to stdout or to --out FILE, in the format the global -o chose;
 * -o csv for answers that are one record, and refused where there are no rows. */
#include <stdio.h>
#include <string.h>
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
                 rc == PANOS_E_IO ? "cannot write the output"
                 : rc == PANOS_E_PARSE && ctx->format == CLI_FORMAT_CSV
                     ? "-o csv: the answer has no table to write; use -o xml, json or text"
                 : rc == PANOS_E_PARSE ? "the answer is not XML, so it has no JSON form: use "
                                         "-o xml or -o text (and --out FILE for a file)"
                                       : "cannot format the answer");
    return cli_local_error((panos_code)rc, err);
}

int cli_csv_refused(const struct cli_ctx *ctx, const char *cmd, const char *why)
{
    if (ctx->format != CLI_FORMAT_CSV)
        return 0;
    return cli_usage_error(cmd, "-o csv: '%s' %s", cmd, why);
}

int cli_print_record(const char *const *names, const char *const *values, size_t n)
{
    const struct cli_rows_opts o = {.fmt = CLI_ROWS_CSV};
    panos_log_field f[CLI_RECORD_MAX];
    struct cli_rows *w = NULL;
    if (n > CLI_RECORD_MAX)
        return cli_local_error(PANOS_E_INVALID_ARG, "too many fields for one row");
    for (size_t i = 0; i < n; i++) {
        f[i].name = names[i];
        f[i].value = values[i] ? values[i] : "";
    }
    const cli_row row = {NULL, f, n};
    int rc = cli_rows_new(&w, stdout, &o);
    if (rc == 0)
        rc = cli_rows_add(w, &row);
    if (rc == 0)
        rc = cli_rows_end(w);
    cli_rows_free(w);
    if (rc == 0)
        return 0;
    return cli_local_error((panos_code)rc, rc == PANOS_E_IO ? "cannot write the output" : NULL);
}

int cli_print_result_row(const panos_response *r)
{
    const char *names[CLI_RECORD_MAX] = {NULL};
    panos_buf values[CLI_RECORD_MAX];
    const char *texts[CLI_RECORD_MAX] = {NULL};
    size_t n = 0;
    int rc = 0;
    const panos_node *result = panos_response_result(r);
    for (const panos_node *c = panos_node_first(result); c != NULL; c = panos_node_next(c)) {
        if (n == CLI_RECORD_MAX) {
            rc = cli_local_error(PANOS_E_PARSE, "-o csv: the answer has too many fields");
            break;
        }
        names[n] = panos_node_name(c);
        values[n] = (panos_buf)PANOS_BUF_INIT;
        panos_code code = panos_node_text(&values[n], c);
        texts[n] = values[n].ptr ? values[n].ptr : "";
        n++;
        if (code != PANOS_OK) {
            rc = cli_local_error(code, NULL);
            break;
        }
    }
    if (rc == 0 && n == 0)
        rc = cli_local_error(PANOS_E_PARSE, "-o csv: the answer has no fields");
    if (rc == 0)
        rc = cli_print_record(names, texts, n);
    for (size_t i = 0; i < n; i++)
        panos_buf_dispose(&values[i]);
    return rc;
}
