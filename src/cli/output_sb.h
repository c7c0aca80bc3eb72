/* SPDX-License-Identifier: MIT */
/* output_sb.h -- panctl internal: a growable text with a cap, wiped when freed. */
#ifndef PANCTL_OUTPUT_SB_H
#define PANCTL_OUTPUT_SB_H

#include <stddef.h>

/* A growable text, NUL-terminated once anything was added; {0} is empty. */
struct cli_sb {
    char *p;
    size_t len, cap;
};

/* Append @p n bytes of @p s. 0, or -1 with errno E2BIG when the text would pass @p max bytes,
 * ENOMEM when out of memory. */
int cli_sb_put(struct cli_sb *b, const char *s, size_t n, size_t max);

/* Text for a value: while @p b is empty, leading blanks are dropped, so the blanks between
 * elements never pile up. Returns as cli_sb_put(). */
int cli_sb_put_text(struct cli_sb *b, const char *s, size_t n, size_t max);

/* Trimmed view of @p b (blanks at both ends dropped, as panos_node_own_text() trims): *len_out
 * bytes at the returned pointer, which is "" when @p b is empty. */
const char *cli_sb_trimmed(const struct cli_sb *b, size_t *len_out);

/* Wipe and free the text (it may hold password hashes and keys); @p b is empty again. */
void cli_sb_free(struct cli_sb *b);

#endif
