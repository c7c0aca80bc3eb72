/* SPDX-License-Identifier: MIT */
/* investigate.h -- panctl investigate: bounded tallies of log entries and the report writers. */
#ifndef PANCTL_INVESTIGATE_H
#define PANCTL_INVESTIGATE_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>

/* Distinct keys one tally keeps; entries with further keys are counted under "other". */
#define INV_TALLY_MAX_KEYS 4096

/* One key's counts. */
struct inv_count {
    char *key, *extra; /* extra: a second value kept with the first seen (a region) */
    long long sessions, bytes;
    char first[20], last[20]; /* receive_time of the first and last entry, "" unknown */
};

/* A bounded hash table of counts: memory is fixed by INV_TALLY_MAX_KEYS, whatever the number
 * of entries added. */
struct inv_tally {
    struct inv_count *slots; /* 2 * INV_TALLY_MAX_KEYS, key NULL when free */
    size_t n;
    long long other_sessions, other_bytes; /* entries whose key found no room */
};

/* Widen [@p first, @p last] ('YYYY/MM/DD HH:MM:SS', "" empty) to hold @p when. */
void inv_stamp(char first[20], char last[20], const char *when);

int inv_tally_init(struct inv_tally *t);
void inv_tally_free(struct inv_tally *t);
/* Count one entry of @p bytes at @p when under @p key (extra kept from the first). -1: no
 * memory. */
int inv_tally_add(struct inv_tally *t, const char *key, const char *extra, long long bytes,
                  const char *when);
/* The @p top keys with the most sessions (then bytes, then key) as a JSON array of objects
 * {@p key_name: key, [@p extra_name: extra,] "sessions", "bytes"?, "first"?, "last"?}. */
json_t *inv_tally_top(const struct inv_tally *t, size_t top, const char *key_name,
                      const char *extra_name, int with_bytes, int with_times);

/* The report of panctl investigate (one JSON object, panctl-investigate(1)) as text. */
int inv_write_text(FILE *f, const json_t *report);
/* The same report as one self-contained HTML page (inline CSS and SVG). */
int inv_write_html(FILE *f, const json_t *report);

#endif
