/* SPDX-License-Identifier: MIT */
/* output.h -- panctl's one output layer: XML, JSON, JSON lines, CSV and tables for every command.
 * output.c dispatches; output_json.c, output_text.c and output_rows.c hold the writers. */
#ifndef PANCTL_OUTPUT_H
#define PANCTL_OUTPUT_H

#include <stdio.h>
#include <jansson.h>
#include <panos/panos.h>
#include <panos/log.h>

enum cli_format {
    CLI_FORMAT_XML = 0,
    CLI_FORMAT_JSON,
    CLI_FORMAT_TEXT,
    CLI_FORMAT_CSV  /* only answers with rows: the op tables (cli_output_has_rows()), logs */
};

/* Parse "xml", "json", "text" or "csv". Returns 0, or -1 for anything else. */
int cli_format_parse(const char *s, enum cli_format *out);

/*
 * Print a successful answer @p r on @p out in @p fmt (see docs/man/panctl.1, OUTPUT):
 * xml: the body as received, pretty-printed when @p pretty; json: the <result> mapped by
 * cli_xml_to_json() plus a newline; text: a table for the op results it knows (chosen by
 * @p cmd_xml, the command sent, NULL for non-op requests), else the result text, else nested
 * "key: value" lines; csv: the rows of those tables (RFC 4180, a header line of the PAN-OS
 * field names), PANOS_E_PARSE for an answer that has none. A raw answer (not a <response>: an
 * export, a text page) is written byte for byte as xml and text; as json its XML root is mapped
 * under its name, and a body that is not XML is PANOS_E_PARSE (as csv, always).
 * @return 0, or a panos_code (PANOS_E_NOMEM, PANOS_E_PARSE, PANOS_E_IO on a write error).
 */
int cli_output_response(FILE *out, const panos_response *r, enum cli_format fmt,
                        const char *cmd_xml, int pretty);

/* Whether the op command @p cmd_xml is one whose answer has a table (so -o csv can print it). */
int cli_output_has_rows(const char *cmd_xml);

/*
 * Write what cli_output_response() prints (not pretty) to the file @p path atomically: a
 * temporary file in the same directory, fsync, rename; mode 0600 (configurations hold
 * secrets). A raw body is written as it is, without a copy. On failure no file is left.
 * @return 0, or a panos_code (PANOS_E_IO with @p errbuf set, PANOS_E_PARSE, PANOS_E_NOMEM).
 */
int cli_output_file(const char *path, const panos_response *r, enum cli_format fmt,
                    const char *cmd_xml, char *errbuf, size_t errlen);

/*
 * Map an element's content to JSON (new reference): text only -> string (trimmed); child
 * elements -> object; attributes -> "@name"; attributes and text -> {"@a":..,"#text":..};
 * empty -> null; repeated names -> array; entry, member, line and job -> always arrays.
 */
json_t *cli_xml_to_json(const panos_node *node);

/* ---- rows: one writer for streams of records (log entries, op tables) ---- */

/* A row: an optional id and named text fields, in the shape of a log entry (id = logid). */
typedef panos_log_entry cli_row;

enum cli_rows_format {
    CLI_ROWS_JSONL = 0, /* one JSON object per row and line */
    CLI_ROWS_CSV,       /* RFC 4180 with a header line */
    CLI_ROWS_TABLE,     /* aligned columns with a header line */
    CLI_ROWS_XML        /* one <item id_name="id"><name>value</name>...</item> per line */
};

struct cli_rows_opts {
    enum cli_rows_format fmt;
    const char *const *cols; /* the columns, in order; NULL: every field of each row (CSV and
                                the table: the fields of the first row) */
    size_t ncols;
    const char *const *headers; /* table: header labels for cols (NULL: the column names) */
    int no_header;              /* table: no header line (a field/value listing) */
    int (*width)(const char *col); /* table: fixed width of a column (0: the last column runs
                                      free), so rows stream; NULL: widths fit all the rows,
                                      which cli_rows_end() prints (the header even with none) */
    int term_cols;              /* streaming table: terminal width for the last column; 0: none */
    int (*numeric)(const char *name); /* JSON: fields whose integer values are numbers */
    const char *id_name;        /* what a row's id is called: a JSON key, an XML attribute, a
                                   column name (e.g. "logid"); NULL: ids are not shown */
    const char *xml_open, *xml_close, *xml_item; /* XML: the wrapper and the row element */
};

struct cli_rows;

/* A writer on @p out (copies @p opts and the column names); cli_rows_free() releases it.
 * Writes the XML opening. Returns 0 or PANOS_E_NOMEM (then *out is NULL). */
int cli_rows_new(struct cli_rows **out, FILE *f, const struct cli_rows_opts *opts);

/* One row: written at once, except in a table sized to its rows. Returns 0, PANOS_E_NOMEM, or
 * PANOS_E_IO once a write has failed. */
int cli_rows_add(struct cli_rows *w, const cli_row *row);

/* Finish: the buffered table, the XML closing (written even after a failed query, so the
 * output parses). Returns 0, PANOS_E_NOMEM or PANOS_E_IO. */
int cli_rows_end(struct cli_rows *w);

/* Free the writer. Accepts NULL. */
void cli_rows_free(struct cli_rows *w);

/* The value of field @p name in @p row, the row's id for opts.id_name, or NULL. */
const char *cli_row_get(const struct cli_rows *w, const cli_row *row, const char *name);

/* A JSON string for @p s; bytes that are not valid UTF-8 are read as Latin-1, so a value from
 * the firewall is never lost (json_string() refuses invalid UTF-8). Never NULL (null on OOM). */
json_t *cli_json_string(const char *s);

/* Write @p s to @p f escaped for XML or HTML, content or attribute value (& < > " '); NULL
 * writes nothing (xmlesc.c). */
void cli_xml_attr(FILE *f, const char *s);

#endif
