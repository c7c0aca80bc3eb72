/* SPDX-License-Identifier: MIT */
/* print.h -- a command's answer to stdout or a file, in the format the global -o chose. */
#ifndef PANCTL_PRINT_H
#define PANCTL_PRINT_H

#include <stdio.h>
#include <panos/panos.h>

struct cli_ctx;

/* Print a successful response in the chosen format on stdout, or into the file @p out_path
 * (atomically, mode 0600; xml unless -o is given) when not NULL; returns the exit status. */
int cli_print(const struct cli_ctx *ctx, const panos_response *r, const char *cmd_xml,
              const char *out_path);

/* The answer of the op command @p cmd_xml (connected client) printed as cli_print() prints
 * it; the listings (cli_opw_streams()) are written as they arrive, in constant memory.
 * Returns the exit status, with the error printed. */
int cli_op_print(struct cli_ctx *ctx, const char *cmd_xml, const char *out_path);

/* A streamed answer written by @p run to stdout, or to @p out_path atomically (mode 0600;
 * nothing is left on failure). Returns the exit status, with the error printed: the file's,
 * @p werr (the writer's own reason, filled by @p run; may be NULL), the client's last error,
 * else the code's. */
int cli_stream_print(struct cli_ctx *ctx, const char *out_path,
                     panos_code (*run)(void *payload, FILE *f), void *payload, const char *werr);

/* With -o csv, a usage error for @p cmd, whose answer has no rows (@p why: "prints a key, not
 * rows; use -o json or text"), to give before anything is sent; 0 with any other format. */
int cli_csv_refused(const struct cli_ctx *ctx, const char *cmd, const char *why);

/* The most fields of one record. */
#define CLI_RECORD_MAX 32

/* One record as CSV on stdout: a header line of @p names, then a line of @p values (NULL:
 * empty), with the one row writer. Returns 0, or the exit status (error printed). */
int cli_print_record(const char *const *names, const char *const *values, size_t n);

/* A flat answer (type=version: sw-version, multi-vsys, model, serial, ...) as one CSV record:
 * each child element of <result> a column. Returns 0, or the exit status (error printed). */
int cli_print_result_row(const panos_response *r);

#endif
