/* SPDX-License-Identifier: MIT */
/* log.h -- PAN-OS logs: async log jobs, paging past 5,000, streamed one entry at a time. */
#ifndef PANOS_LOG_H
#define PANOS_LOG_H

#include <signal.h>
#include <stddef.h>
#include "common.h"
#include "client.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One child element of a log <entry>: <src>192.0.2.1</src>, <srcloc cc="US">United States</srcloc>. */
typedef struct panos_log_field {
    const char *name;  /**< element name */
    const char *value; /**< trimmed text ("" for an empty element) */
} panos_log_field;

/**
 * One log entry, handed to the callback as soon as its closing tag has been parsed. Everything
 * is borrowed and valid only during the callback (copy what you keep). Fields are in document
 * order; attributes other than the entry's logid are dropped.
 */
typedef struct panos_log_entry {
    const char *logid;             /**< <entry logid="..."> or NULL */
    const panos_log_field *fields;
    size_t nfields;
} panos_log_entry;

/** Value of field @p name in @p e, or NULL. */
PANOS_EXTERN const char *panos_log_entry_get(const panos_log_entry *e, const char *name);

/** Return 0 to go on, non-zero to stop the query (panos_log_query_run then returns PANOS_OK). */
typedef int (*panos_log_entry_fn)(void *payload, const panos_log_entry *e);

/* ---- The streaming parser (used by the query; public for tests, benches and other feeds) ---- */

/*
 * Threads: a parser is used by one thread at a time (its callback runs on that thread);
 * different parsers may run in different threads at once. Errors: the calls return a code and
 * the parser keeps the one-line detail (panos_logparser_error()), as a client does.
 */

typedef struct panos_logparser panos_logparser;

/** Default cap on one field's text: PAN-OS fields are short (the longest, a URL or a config
 *  log's before/after preview, are a few KB). */
#define PANOS_LOG_MAX_VALUE_BYTES ((size_t)1 << 20)
/** Default cap on one entry: its fields' text plus a few dozen bytes per field. */
#define PANOS_LOG_MAX_ENTRY_BYTES ((size_t)4 << 20)

/** What one answer may hold before the parser stops with PANOS_E_TOO_LARGE. 0: the default. */
typedef struct panos_log_limits {
    size_t max_value_bytes; /**< one field's text, also one message line or job field;
                                 default PANOS_LOG_MAX_VALUE_BYTES */
    size_t max_entry_bytes; /**< one entry (text plus per-field cost), also all message lines
                                 together; default PANOS_LOG_MAX_ENTRY_BYTES */
} panos_log_limits;

/**
 * A push parser over one type=log answer. Memory stays bounded by one entry plus libxml2's
 * buffers whatever the answer's size. Each <entry> under result/log/logs goes to @p fn.
 */
PANOS_EXTERN panos_code panos_logparser_new(panos_logparser **out, panos_log_entry_fn fn,
                                            void *payload);
/** Set the caps of @p limits (copied; NULL: the defaults, which a new parser has). */
PANOS_EXTERN void panos_logparser_set_limits(panos_logparser *p, const panos_log_limits *limits);
/** Feed the next @p len bytes. PANOS_E_PARSE on malformed XML or any DTD (PAN-OS never sends
 *  one; its entities could expand without bound), PANOS_E_TOO_LARGE past a limit. libxml2
 *  prints nothing. */
PANOS_EXTERN panos_code panos_logparser_feed(panos_logparser *p, const char *data, size_t len);
/** End of input. PANOS_E_PARSE if the document is incomplete, PANOS_E_TOO_LARGE if a limit
 *  was passed. */
PANOS_EXTERN panos_code panos_logparser_finish(panos_logparser *p);
/** What the answer said besides entries: valid after finish, except job_status and entries,
 *  which are set as soon as they are read (so an entry callback can see the job status).
 *  Borrowed strings or NULL. */
typedef struct panos_logparser_info {
    const char *status;     /**< response status= */
    int code;               /**< response code=, -1 if absent */
    const char *message;    /**< msg/line text joined, for errors */
    const char *job_status; /**< result/job/status: ACT, PEND, FIN, FAIL */
    const char *job_id;     /**< result/job (enqueue) or result/job/id */
    long count;             /**< logs/@count, -1 if absent */
    int progress;           /**< logs/@progress, -1 if absent */
    size_t entries;         /**< entries handed to the callback */
    int stopped;            /**< the callback asked to stop */
} panos_logparser_info;
PANOS_EXTERN const panos_logparser_info *panos_logparser_info_get(const panos_logparser *p);

/**
 * Why the last panos_logparser_feed() or _finish() failed, in one line: the limit passed and
 * the panctl option that raises it (PANOS_E_TOO_LARGE), the refused DTD or libxml2's first
 * error (PANOS_E_PARSE); "" when nothing failed. The parser is a handle, so its error detail
 * lives in it, as a client's does (libpanos(3), ERRORS). Borrowed until the parser is freed.
 */
PANOS_EXTERN const char *panos_logparser_error(const panos_logparser *p);

/** Free a parser. Accepts NULL. */
PANOS_EXTERN void panos_logparser_free(panos_logparser *p);

/* ---- The query ---- */

/** Progress of a running query, for a progress bar. */
typedef struct panos_log_progress {
    unsigned long long delivered; /**< entries handed to the callback so far */
    unsigned long long wanted;    /**< the count asked for (0: all) */
    int job_progress;             /**< percent of the current job, -1 unknown */
    const char *job_status;       /**< ACT, PEND, FIN */
} panos_log_progress;

/** 2 added max_value_bytes and max_entry_bytes, 3 jobs_in_flight; older structs are still
 *  accepted. */
#define PANOS_LOG_QUERY_VERSION 3
typedef struct panos_log_query {
    unsigned int version;        /**< PANOS_LOG_QUERY_VERSION */
    const char *log_type;        /**< traffic, threat, url, wildfire, data, system, config, ... */
    const char *filter;          /**< PAN-OS query (see panos_logfilter_build), NULL for none */
    unsigned long long count;    /**< entries wanted; 0 = 20 as PAN-OS; past 5,000 by paging */
    int forward;                 /**< 1: dir=forward (oldest first); 0: backward (newest first) */
    unsigned int page_size;      /**< nlogs per job, 1..5000, default (0) 5000 */
    long poll_initial_ms;        /**< first poll delay, default (0) 50 */
    long poll_max_ms;            /**< poll interval cap, default (0) 2000; the interval
                                      doubles under 500 ms, then grows by 1.5x */
    long job_timeout_ms;         /**< per job; on expiry the job is finished: default (0) 300000 */
    int follow;                  /**< 1: after the count, poll for new entries until cancelled */
    long follow_interval_ms;     /**< default (0) 2000 */
    volatile sig_atomic_t *cancel; /**< set non-zero (e.g. from SIGINT) to stop: the running
                                        job is finished with action=finish */
    void (*progress)(void *payload, const panos_log_progress *p); /**< NULL for none */
    void *progress_payload;
    size_t max_value_bytes;      /**< (version 2) cap on one field, default (0) 1 MiB */
    size_t max_entry_bytes;      /**< (version 2) cap on one entry, default (0) 4 MiB */
    unsigned int jobs_in_flight; /**< (version 3) log jobs on the firewall at once, 1 or 2,
                                      default (0) 2; 2 only when paging newest first by seqno,
                                      not with follow (panos_log_query_run) */
} panos_log_query;

/* Every member but version zero means its default; set log_type and what you need. The
 * designated form keeps -Wmissing-field-initializers quiet (C99, C++20). */
#define PANOS_LOG_QUERY_INIT {.version = PANOS_LOG_QUERY_VERSION}

/** Fill @p q as PANOS_LOG_QUERY_INIT does (for C++ before C++20 and other languages). */
PANOS_EXTERN void panos_log_query_init(panos_log_query *q);

/**
 * Threads: the query uses @p c, so it follows the client's rule (one thread at a time per
 * client); @p fn and the progress callback run on the calling thread.
 *
 * Run a log query: enqueue type=log jobs, poll each with a growing interval until FIN, and hand
 * every entry to @p fn as it is parsed from the answer (never the whole answer in memory).
 * Paging past one job (5,000 entries) uses a seqno cursor so entries arriving meanwhile are
 * neither lost nor repeated: backward pages add (seqno leq 'S-1'), forward pages (seqno geq
 * 'S+1'), S being the last seqno delivered. With @c follow, entries always come oldest first:
 * a one-entry probe (dir=backward, skip=count-1) finds the oldest of the newest @c count
 * entries, forward pages deliver from it, then new entries are polled forward from the newest
 * seqno seen.
 *
 * Newest-first paging by seqno keeps two jobs on the firewall (jobs_in_flight 2, the default):
 * once a page is in, the jobs for the next two pages are enqueued under its bound, the second
 * with skip= the first's size, and the job after is enqueued as each page arrives, so the
 * firewall runs a job while this side receives and parses a page. Requests stay one at a time
 * on the client. A short page finishes the job still in flight (action=finish). Forward paging,
 * follow and entries without seqno page one job at a time.
 *
 * Each answer is capped: one field at max_value_bytes, one entry at max_entry_bytes, the whole
 * answer at the client's max_response_bytes (panos_client_options).
 *
 * @return PANOS_OK (count reached, no more entries, stopped by the callback, or cancelled when
 *         following), PANOS_E_TOO_LARGE (a cap was passed: the message names the panctl option
 *         that raises it), PANOS_E_PARSE (malformed answer, or one with a DTD),
 *         PANOS_E_TIMEOUT (a job did not finish in time; it was finished),
 *         PANOS_E_FAILED (cancelled; the job was finished), PANOS_E_JOB_FAILED, PANOS_E_API
 *         (malformed query: the message is PAN-OS's), transport classes.
 */
PANOS_EXTERN panos_code panos_log_query_run(panos_client *c, const panos_log_query *q,
                                            panos_log_entry_fn fn, void *payload);

/* ---- Building filters ---- */

/** Helpers that become terms of a filter; NULL members are left out. */
typedef struct panos_logfilter {
    const char *log_type; /**< decides which fields exist (addr/port/app/rule are session logs) */
    const char *query;    /**< raw PAN-OS filter, wrapped in parentheses and and-ed */
    const char *src;      /**< IP or CIDR: (addr.src in X) */
    const char *dst;      /**< (addr.dst in X) */
    const char *addr;     /**< either side: (addr in X) */
    const char *port;     /**< destination port 1-65535: (port.dst eq N) */
    const char *app;      /**< (app eq 'X') */
    const char *rule;     /**< (rule eq 'X') */
    const char *user;     /**< (user.src eq 'X') */
    const char *action;   /**< (action eq 'X') */
    const char *subtype;  /**< (subtype eq 'X') */
    const char *since;    /**< 'YYYY/MM/DD HH:MM:SS', ISO 'YYYY-MM-DDTHH:MM:SS', or relative
                               30s, 15m, 2h, 7d: (receive_time geq '...') */
    const char *until;    /**< same forms: (receive_time leq '...') */
    long long now;        /**< the firewall's local wall-clock time as epoch seconds (as if UTC),
                               used for relative times */
} panos_logfilter;

/**
 * Build the filter: the terms joined with " and ", each in parentheses, values single-quoted.
 * @param[out] out the filter ("" when nothing was given); dispose with panos_buf_dispose().
 * @return PANOS_OK, PANOS_E_INVALID_ARG with a one-line reason in @p errbuf (bad address or
 *         CIDR, port out of range, a value holding ' ( or ), a bad time, a helper that does not
 *         apply to the log type), PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_logfilter_build(panos_buf *out, const panos_logfilter *f,
                                              char *errbuf, size_t errlen);

/** 1 if @p log_type is one the API knows (the list in PAN-OS XML API guide, "Retrieve Logs"
 * log-type list (11.1/ngfw; 9.1 lacks globalprotect)). */
PANOS_EXTERN int panos_log_type_valid(const char *log_type);

#ifdef __cplusplus
}
#endif

#endif
