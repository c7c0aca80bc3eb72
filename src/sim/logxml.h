/* SPDX-License-Identifier: MIT */
/* logxml.h -- pansim's log answers built in one growing buffer with direct copies. */
#ifndef PANSIM_LOGXML_H
#define PANSIM_LOGXML_H

#include <stddef.h>
#include "logstore.h"

/*
 * A 5,000-entry traffic page is about 10 MB, and fprintf()/fputc() per field and character
 * were most of pansim's time for it; these write with memcpy into one buffer.
 */
struct sim_obuf {
    char *p; /* malloc'd; the caller frees it */
    size_t len, cap;
    int failed; /* out of memory: later writes do nothing */
};

/*
 * Log pages are 10-20 MB, and writing into fresh memory cost four times the generation itself
 * (page faults: 118 ms against 23 ms for 5,000 traffic entries, bench_simlog). So a few page
 * buffers are kept: sim_obuf_reuse() starts @p b on an idle one (if any), and
 * sim_obuf_release() (the server's free callback) keeps a buffer for the next page or frees it.
 * They only ever hold log pages, which carry no secret. Thread-safe.
 */
void sim_obuf_reuse(struct sim_obuf *b);
void sim_obuf_release(void *p);

/* Room for @p more bytes. Returns 0, or -1 (failed set, the buffer kept) when out of memory. */
int sim_obuf_room(struct sim_obuf *b, size_t more);
void sim_obuf_put(struct sim_obuf *b, const char *s, size_t n);
void sim_obuf_puts(struct sim_obuf *b, const char *s);
/* @p s as XML character data: & < > escaped (quotes need no escape outside attributes). */
void sim_obuf_text(struct sim_obuf *b, const char *s);

/* Append @p e as an <entry> element, indented as PAN-OS pretty-prints log answers. */
void sim_logentry_xml(const struct sim_logentry *e, struct sim_obuf *b);

#endif
