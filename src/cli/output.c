/* SPDX-License-Identifier: MIT */
/* output.c -- panctl's output layer: picks the writer for an answer (XML here; JSON in
 * output_json.c, text in output_text.c, rows in output_rows.c) and writes answers to files. */
#include <stdlib.h>
#include <string.h>
#include "output.h"
#include "output_priv.h"

int cli_format_parse(const char *s, enum cli_format *out)
{
    if (s == NULL || out == NULL)
        return -1;
    if (strcmp(s, "xml") == 0)
        *out = CLI_FORMAT_XML;
    else if (strcmp(s, "json") == 0)
        *out = CLI_FORMAT_JSON;
    else if (strcmp(s, "text") == 0)
        *out = CLI_FORMAT_TEXT;
    else if (strcmp(s, "csv") == 0)
        *out = CLI_FORMAT_CSV;
    else
        return -1;
    return 0;
}

/* ---- XML output ---- */

static int output_xml(FILE *out, const panos_response *r, int pretty)
{
    size_t len = 0;
    const char *body = panos_response_body(r, &len);
    const panos_node *root = panos_response_root(r);
    if (pretty && root != NULL) {
        /* Re-indented from a copy (panos_node_dump); the response is left untouched. */
        panos_buf x = PANOS_BUF_INIT;
        int rc = panos_node_dump(&x, root, PANOS_NODE_DUMP_PRETTY);
        if (rc == PANOS_OK) {
            fwrite(x.ptr, 1, x.size, out);
            fputc('\n', out);
        }
        panos_buf_dispose(&x);
        return rc;
    }
    if (body == NULL)
        return 0;
    fwrite(body, 1, len, out);
    /* Bodies usually lack a final newline; add one so the shell prompt starts on its line. */
    if (len > 0 && body[len - 1] != '\n')
        fputc('\n', out);
    return 0;
}

/* ---- raw answers ---- */

/*
 * A raw answer: a body that is not a PAN-OS <response> (an export's <config>, a file, a text
 * page; see panos_client_set_raw()). It has no <result>: its body is the answer.
 */
static int is_raw(const panos_response *r)
{
    const panos_node *root = panos_response_root(r);
    return root == NULL || strcmp(panos_node_name(root), "response") != 0;
}

/*
 * xml and text: the body byte for byte (no newline added, no parsing, so a file stays the
 * file). json: an XML body's root element mapped as a result is, under its own name
 * ({"config": {...}}); a body that is not XML has no JSON form: PANOS_E_PARSE.
 */
static int output_raw(FILE *out, const panos_response *r, enum cli_format fmt, int pretty)
{
    if (fmt == CLI_FORMAT_JSON)
        return cli_out_json_raw(out, r, pretty);
    size_t len = 0;
    const char *body = panos_response_body(r, &len);
    if (len > 0 && fwrite(body, 1, len, out) != len)
        return PANOS_E_IO;
    return 0;
}

int cli_output_response(FILE *out, const panos_response *r, enum cli_format fmt,
                        const char *cmd_xml, int pretty)
{
    int rc = 0;
    if (fmt == CLI_FORMAT_CSV) {
        rc = is_raw(r) ? PANOS_E_PARSE : cli_out_csv(out, r, cmd_xml);
    } else if (is_raw(r)) {
        rc = output_raw(out, r, fmt, pretty);
    } else {
        switch (fmt) {
        case CLI_FORMAT_XML:
            rc = output_xml(out, r, pretty);
            break;
        case CLI_FORMAT_JSON:
            rc = cli_out_json(out, r, pretty);
            break;
        case CLI_FORMAT_TEXT:
            rc = cli_out_text(out, r, cmd_xml);
            break;
        case CLI_FORMAT_CSV: /* above */
            break;
        }
    }
    if (fflush(out) != 0 || ferror(out))
        return PANOS_E_IO;
    return rc;
}

int cli_output_file(const char *path, const panos_response *r, enum cli_format fmt,
                    const char *cmd_xml, char *errbuf, size_t errlen)
{
    size_t len = 0;
    const char *body = panos_response_body(r, &len);
    if (is_raw(r) && fmt != CLI_FORMAT_JSON && fmt != CLI_FORMAT_CSV) /* as it is: no copy */
        return panos_file_write_atomic(path, body, len, 0600, errbuf, errlen);
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (m == NULL)
        return PANOS_E_NOMEM;
    int rc = cli_output_response(m, r, fmt, cmd_xml, 0);
    if (fclose(m) != 0 && rc == 0)
        rc = PANOS_E_NOMEM;
    if (rc == 0)
        rc = panos_file_write_atomic(path, buf, n, 0600, errbuf, errlen);
    if (buf != NULL)
        panos_wipe(buf, n); /* a configuration holds password hashes and keys */
    free(buf);
    return rc;
}
