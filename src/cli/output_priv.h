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

#endif
