/* SPDX-License-Identifier: MIT */
/* print.h -- a command's answer to stdout or a file, in the format the global -o chose. */
#ifndef PANCTL_PRINT_H
#define PANCTL_PRINT_H

#include <panos/panos.h>

struct cli_ctx;

/* Print a successful response in the chosen format on stdout, or into the file @p out_path
 * (atomically, mode 0600; xml unless -o is given) when not NULL; returns the exit status. */
int cli_print(const struct cli_ctx *ctx, const panos_response *r, const char *cmd_xml,
              const char *out_path);

#endif
