/* SPDX-License-Identifier: MIT */
/* output_priv.h -- panctl internal: the per-format writers output.c dispatches to. */
#ifndef PANCTL_OUTPUT_PRIV_H
#define PANCTL_OUTPUT_PRIV_H

#include <stdio.h>
#include <panos/panos.h>
#include "output.h"

/* output_json.c: the <result> of @p r mapped by cli_xml_to_json(), and a newline.
 * Returns 0, PANOS_E_NOMEM or PANOS_E_IO. */
int cli_out_json(FILE *out, const panos_response *r, int pretty);

/* output_json.c: a raw answer's XML root mapped under its own name ({"config": {...}});
 * PANOS_E_PARSE when the body is not XML. */
int cli_out_json_raw(FILE *out, const panos_response *r, int pretty);

/* output_text.c: a table for the op results it knows (chosen by @p cmd_xml, NULL for non-op
 * requests), else the result text, else nested "key: value" lines. Returns 0 or a code. */
int cli_out_text(FILE *out, const panos_response *r, const char *cmd_xml);

/* output_text.c: the known op tables as CSV (show interface all: two tables, an empty line
 * between them, as in text); any other answer has no rows: PANOS_E_PARSE. */
int cli_out_csv(FILE *out, const panos_response *r, const char *cmd_xml);

/* output_dag.c: show object dynamic-address-group as rows (vsys, group-name, filter, member,
 * type), a row per member; 1 when @p result has not that shape. Returns 0 or a code. */
int cli_out_dag(FILE *out, enum cli_rows_format fmt, const panos_node *result);

/* output_text.c: one element as nested "key: value" lines (the text of answers without a
 * table), at indent @p depth. Returns 0 or PANOS_E_NOMEM. */
int cli_out_text_node(FILE *out, const panos_node *node, int depth);

/* output_text.c: the rows of a known op table: a writer for @p fields (table headers
 * @p headers), and the row of one item (column i: the text of its child @p fields[i]). */
#define CLI_LIST_MAX_COLS 16
struct cli_rows;
int cli_out_list_new(struct cli_rows **w, FILE *out, enum cli_rows_format fmt,
                     const char *const *headers, const char *const *fields, size_t ncols);
int cli_out_list_row(struct cli_rows *w, const panos_node *e, const char *const *fields,
                     size_t ncols);
/* output_text.c: show session all's columns, and whether @p cmd_xml is that command. */
extern const char *const cli_session_headers[8], *const cli_session_fields[8];
int cli_out_session_all(const char *cmd_xml);

/* output_json.c: add @p val (reference taken) under @p name of @p obj as cli_xml_to_json()
 * does: a repeated name, or entry/member/line/job, makes an array. Returns 0 or -1. */
int cli_json_add_child(json_t *obj, const char *name, json_t *val);
/* output_json.c: entry, member, line and job, which are arrays even when alone. */
int cli_json_always_array(const char *name);

#endif
