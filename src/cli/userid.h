/* SPDX-License-Identifier: MIT */
/* userid.h -- panctl userid: entries read from arguments, CSV or JSON lines, batched into
 * bounded uid-messages, and sent with a bound on the requests in flight. */
#ifndef PANCTL_USERID_H
#define PANCTL_USERID_H

#include <stddef.h>
#include <panos/panos.h>

struct cli_ctx;

/* Bounds of one uid-message (documented in panctl-userid(1)). */
#define UID_BATCH_ENTRIES_DEFAULT 1000
#define UID_BATCH_ENTRIES_MAX 10000
#define UID_BATCH_BYTES_DEFAULT (256 * 1024)
#define UID_BATCH_BYTES_MIN 1024
#define UID_BATCH_BYTES_MAX (4 * 1024 * 1024)
#define UID_PARALLEL_MAX 5

/* One uid-message and what became of it. */
struct uid_batch {
    panos_buf msg;      /* the whole uid-message */
    size_t entries;     /* how many entries it holds */
    size_t first, last; /* their input lines (or argument numbers), for the report */
    panos_code code;    /* PANOS_OK, or the class of the failure of its last attempt */
    int attempts;       /* 1, or 2 when it was retried */
    size_t notes;       /* per-entry notes in the answer (entries skipped) */
    char note1[160];    /* the first of them, "192.0.2.1: t1 already exists, ignore" */
    char error[256];    /* the failure, one line (the client's last error) */
};

/* The batches of one run. */
struct uid_batches {
    struct uid_batch *v;
    size_t n, cap;
    size_t max_entries, max_bytes;
    panos_uid_action action;
    panos_buf cur; /* the entries of the batch being filled */
    size_t cur_entries, cur_first, cur_last;
    size_t total;      /* entries in all batches */
    const char *label; /* the report's name for the run: the action's, or "send" */
};

/* Start empty batches for @p action with these bounds. */
void uid_batches_init(struct uid_batches *b, panos_uid_action action, size_t max_entries,
                      size_t max_bytes);
void uid_batches_free(struct uid_batches *b);

/* Add one entry read at @p line. Returns 0; 2 after a usage-style error naming @p where and
 * @p line (a bad entry, one entry over --batch-bytes); PANOS_E_NOMEM. */
int uid_batches_add(struct uid_batches *b, const panos_uid_entry *e, const char *where,
                    size_t line);
/* Close the last batch. Returns 0 or PANOS_E_NOMEM. */
int uid_batches_finish(struct uid_batches *b);

/* Read @p path ("-": stdin) as CSV (ip,user,tags,timeout; tags separated by ';') or, with
 * @p jsonl, JSON lines ({"ip","user","tags","timeout"}), into @p b. @p timeout (-1: none given)
 * applies to rows without one. Returns 0 or the exit status with the error printed. */
int uid_read_file(struct uid_batches *b, const char *path, int jsonl, long timeout);

/* Read the uid-message file @p path ("-": stdin), at most @p max bytes, into @p out. Returns 0
 * or the exit status with the error printed (IO; INVALID_ARG when larger or empty). */
int uid_read_message(panos_buf *out, const char *path, size_t max);

/* Send every batch, at most @p parallel at once (each worker on its own client), a failed one
 * once more; then print the report (a line per batch that failed or had notes, the summary).
 * Returns 0 when every batch was applied, else the class of the first failure. */
int uid_send_all(struct cli_ctx *ctx, struct uid_batches *b, const char *vsys, int parallel);

/* list dag [NAME] (userid_dag.c): the dynamic address groups, or the one named @p name (NULL:
 * all), printed in the -o format to stdout or @p out_path. Returns the exit status. */
int uid_list_dag(struct cli_ctx *ctx, const char *name, const char *out_path);

#endif
