/* SPDX-License-Identifier: MIT */
/* output_rowline.h -- panctl internal: the columns of a row found by hash, and CSV and streamed
 * table lines built in one reused buffer (the hot path of logs -o csv and -o text). */
#ifndef PANCTL_OUTPUT_ROWLINE_H
#define PANCTL_OUTPUT_ROWLINE_H

#include <stddef.h>
#include "output.h"

struct cli_rowline;

/* A line builder with empty buffers; cli_rowline_free() releases it. Returns 0 or
 * PANOS_E_NOMEM. */
int cli_rowline_new(struct cli_rowline **out);

/* Free the builder. Accepts NULL. */
void cli_rowline_free(struct cli_rowline *l);

/* The columns that cli_rowline_get() looks up, by their index: @p cols is borrowed and must
 * stay as it is while the builder uses it. Returns 0 or PANOS_E_NOMEM. */
int cli_rowline_columns(struct cli_rowline *l, const char *const *cols, size_t n);

/*
 * Index the field names of @p row (the first field of each name), so that cli_rowline_get()
 * finds a column in constant time instead of comparing it with every field. Call it once per
 * row before cli_rowline_get(). Returns 0 or PANOS_E_NOMEM.
 */
int cli_rowline_index(struct cli_rowline *l, const cli_row *row);

/* What cli_row_get() returns for column @p col, through the index of @p row: the value of the
 * first field of that name, else the row's id when it is @p id_name (may be NULL), else NULL. */
const char *cli_rowline_get(const struct cli_rowline *l, const cli_row *row, size_t col,
                            const char *id_name);

/* Start a new line (the previous one is forgotten). */
void cli_rowline_reset(struct cli_rowline *l);

/* Append @p s as one RFC 4180 CSV cell: as it is, or quoted with '"' doubled when it holds a
 * comma, a quote, CR or LF. Returns 0 or PANOS_E_NOMEM. */
int cli_rowline_csv(struct cli_rowline *l, const char *s);

/* Append @p s as a table cell: at most @p max bytes of it (0: all), line breaks and tabs as
 * spaces, then spaces up to @p pad bytes. Returns 0 or PANOS_E_NOMEM. */
int cli_rowline_cell(struct cli_rowline *l, const char *s, int max, int pad);

/* Append @p n bytes of @p s. Returns 0 or PANOS_E_NOMEM. */
int cli_rowline_put(struct cli_rowline *l, const char *s, size_t n);

/* The line built so far: borrowed until the next call. */
const char *cli_rowline_text(const struct cli_rowline *l, size_t *len);

#endif
