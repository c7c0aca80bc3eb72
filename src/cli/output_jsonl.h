/* SPDX-License-Identifier: MIT */
/* output_jsonl.h -- panctl internal: rows as JSON lines written straight into a reused buffer. */
#ifndef PANCTL_OUTPUT_JSONL_H
#define PANCTL_OUTPUT_JSONL_H

#include <stddef.h>

/* One member of the object: @p key and its text value. A field value (@p strict 0) is a JSON
 * number when the numeric callback names the key and the text is an integer, else a string
 * whose bytes are read as Latin-1 when they are not valid UTF-8 (as cli_json_string()); a
 * strict value (the logid) is left out when it is not valid UTF-8 (as json_string()). */
struct cli_jpair {
    const char *key;
    const char *val;
    int strict;
};

struct cli_jsonl;

/* A writer with empty buffers; cli_jsonl_free() releases it. Returns 0 or PANOS_E_NOMEM. */
int cli_jsonl_new(struct cli_jsonl **out);

/* Room for @p n pairs, owned by @p j and reused from line to line; NULL when out of memory. */
struct cli_jpair *cli_jsonl_pairs(struct cli_jsonl *j, size_t n);

/*
 * The object of @p n pairs as one compact JSON line ending in '\n', byte for byte what
 * jansson's json_dumpb(JSON_PRESERVE_ORDER | JSON_COMPACT) writes for an object built by
 * json_object_set_new() of each pair in order: a repeated key keeps its first place and takes
 * the last value; a key that is not valid UTF-8 is left out. *@p line is borrowed until the
 * next call. Returns 0 or PANOS_E_NOMEM.
 */
int cli_jsonl_line(struct cli_jsonl *j, const struct cli_jpair *pairs, size_t n,
                   int (*numeric)(const char *name), const char **line, size_t *len);

/* Free the writer. Accepts NULL. */
void cli_jsonl_free(struct cli_jsonl *j);

#endif
