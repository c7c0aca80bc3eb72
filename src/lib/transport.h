/* SPDX-License-Identifier: MIT */
/* transport.h -- internal: HTTP transfers over libcurl, one easy handle or many under a multi. */
#ifndef PANOS_TRANSPORT_H
#define PANOS_TRANSPORT_H

#include <stddef.h>
#include <panos/error.h>
#include "sbuf.h"
#include "stream.h"
#include "tlspin.h"

/*
 * transport.c is the only file of the library that includes <curl/curl.h>. A transfer
 * (struct panos__xfer) goes through one state machine whichever handle drives it:
 *
 *   IDLE --panos__xfer_prepare--> PREPARED --perform--> (bytes flow to the answer or sink)
 *        --finish--> DONE (http_status, retry_after_s, content_type, code, fail, message)
 *
 * panos__xfer_perform() drives it on its own easy handle, synchronously; a multi handle
 * (panos__transport_multi_*) drives several at once from one thread. Both call the same
 * prepare and finish functions, so a transfer behaves the same either way.
 */

/* A multipart/form-data request (type=import): text fields, then one file part. */
struct panos__upload {
    const char *const *fields; /* name, value, name, value, ... (nfields pairs) */
    size_t nfields;
    const char *part;     /* the file part's name ("file") */
    const char *path;     /* the file sent, read from disk while sending */
    const char *filename; /* the part's filename= */
};

/* One libcurl easy handle, reused so that TCP and TLS stay open across transfers. */
struct panos__easy;
/* One libcurl multi handle with a per-host connection bound. */
struct panos__multi;

/* Why a finished transfer failed (code says how it is classed). */
enum panos__xfer_fail {
    PANOS__XFER_OK,        /* the exchange completed (any HTTP status) */
    PANOS__XFER_SETUP,     /* prepare failed (out of memory): nothing was sent */
    PANOS__XFER_PIN,       /* the device's certificate is not the pinned one */
    PANOS__XFER_TOO_LARGE, /* the answer passed max_bytes */
    PANOS__XFER_NOMEM,     /* the answer could not be held */
    PANOS__XFER_SINK,      /* the sink refused the bytes (code is the sink's) */
    PANOS__XFER_CURL       /* libcurl's own failure; message holds its text */
};

#define PANOS__XFER_MESSAGE_MAX 320

struct panos__xfer {
    /* Request: set by the caller before prepare; borrowed, they must outlive the transfer. */
    struct panos__easy *easy;
    const char *url;
    const char *body; /* POSTed as application/x-www-form-urlencoded */
    size_t body_len;
    /* When set, the request is multipart/form-data instead of @c body: one text part per form
     * field, then the upload file, streamed from disk by libcurl as it is sent. */
    const struct panos__upload *upload;
    size_t max_bytes;        /* cap on the answer, buffered or streamed */
    long timeout_ms;         /* whole transfer, 0 = none */
    long connect_timeout_ms; /* 0 = libcurl's default */
    int insecure;            /* no verification at all */
    const char *ca_file;     /* PEM bundle, or NULL for the system store */
    struct panos__pin *pin;  /* a pin to enforce, or NULL */
    const char *cookie_file; /* cookies to send (and to keep in the easy handle), or NULL */
    panos__sink_fn sink;     /* where a 200 answer goes; NULL: buffered in answer */
    void *sink_payload;
    /* Called by a multi handle once the transfer is finished (not by panos__xfer_perform). */
    void (*done)(void *payload, struct panos__xfer *x);
    void *done_payload;

    /* Response: set while performing and by finish. */
    long http_status;      /* 0 when no answer came */
    long retry_after_s;    /* Retry-After in seconds, -1 when absent */
    char content_type[96]; /* "" when absent */
    int attachment;        /* Content-Disposition: attachment (a file download) */
    panos__sb answer;      /* a buffered answer (wiped by panos__xfer_dispose) */
    size_t streamed;       /* bytes of a 200 answer handed to the sink */
    panos_code sink_code;  /* what the sink last said */
    long new_connections;  /* connections this transfer opened (0: it reused one) */
    panos_code code;       /* PANOS_OK, or the class of the failure */
    enum panos__xfer_fail fail;
    char message[PANOS__XFER_MESSAGE_MAX]; /* libcurl's one-line reason for PANOS__XFER_CURL */

    /* Private to transport.c. */
    void *headers;      /* the caller's header lines (kept until dispose; wiped) */
    void *wire_headers; /* what one attempt sends: fixed lines, then the caller's (wiped) */
    void *mime;         /* the multipart body of one attempt (upload), or NULL */
    void *mime_fields;  /* where each of its text parts is read from */
    int headers_failed; /* an allocation failed while adding one */
    int too_large;
    char errbuf[256]; /* libcurl's error buffer */
};

/* Wrap curl_global_init / curl_global_cleanup (panos_global_init()). */
panos_code panos__transport_global_init(void);
void panos__transport_global_cleanup(void);
/* "libcurl/X OpenSSL/Y zlib/Z": the libcurl running and the TLS and zlib it was built with. */
void panos__transport_versions(char *buf, size_t buflen);

/* "libpanos/VERSION libcurl/VERSION": the User-Agent of every transfer. */
const char *panos__transport_user_agent(void);

panos_code panos__easy_new(struct panos__easy **out);
void panos__easy_free(struct panos__easy *e);

/* The cookies @p e holds, as the lines of a Netscape cookie file (each ends in "\n"), appended
 * to @p out. libcurl's copy is wiped. PANOS_E_IO when they cannot be read, PANOS_E_NOMEM. */
panos_code panos__easy_cookies(struct panos__easy *e, panos__sb *out);

/*
 * 1 when @p x's answer is never a PAN-OS answer nor an exported file: an HTML page (a login
 * portal or a proxy's error in the way) or JSON, by its Content-Type, and not sent as an
 * attachment (a file download, whatever its type: an exported response page is HTML). Such a
 * 200 answer is held whole rather than streamed, and refused as PARSE rather than passed
 * through raw.
 */
int panos__xfer_foreign(const struct panos__xfer *x);

/* Zero a transfer (retry_after_s -1, no headers): IDLE. */
void panos__xfer_init(struct panos__xfer *x);

/* Add one request header line ("Name: value"), sent after the fixed Content-Type and Expect
 * lines by every perform of @p x until panos__xfer_dispose(). Every copy is wiped when freed,
 * so secrets may be passed (the caller wipes its own buffer). A failed allocation fails
 * prepare (PANOS_E_NOMEM). */
void panos__xfer_add_header(struct panos__xfer *x, const char *line);

/* IDLE -> PREPARED: reset the easy handle and set every option from the fields above.
 * PANOS_E_NOMEM when a header could not be added. */
panos_code panos__xfer_prepare(struct panos__xfer *x);

/* Prepare, perform on x->easy and finish, synchronously. Returns x->code. */
panos_code panos__xfer_perform(struct panos__xfer *x);

/* Free what a transfer holds (headers, answer, both wiped); it can be initialised again. */
void panos__xfer_dispose(struct panos__xfer *x);

/*
 * A multi handle: at most @p max_host_connections connections to one host (0: no bound) and
 * @p max_total_connections in all (0: no bound). Transfers added are driven together by
 * panos__transport_multi_run() from the calling thread.
 */
panos_code panos__transport_multi_new(struct panos__multi **out, long max_host_connections,
                                      long max_total_connections);

/* Free @p m; transfers still added are removed from it unfinished (their code is untouched). */
void panos__transport_multi_free(struct panos__multi *m);

/* Prepare @p x and hand it to @p m. Each transfer needs its own easy handle. */
panos_code panos__transport_multi_add(struct panos__multi *m, struct panos__xfer *x);

/* Drive every added transfer until all are finished, calling each one's done callback as it
 * finishes. PANOS_E_TRANSPORT (or NOMEM) if the multi handle itself fails. */
panos_code panos__transport_multi_run(struct panos__multi *m);

/* One round of an event loop: drive every added transfer without blocking, wait up to
 * @p wait_ms for activity (or panos__transport_multi_wakeup()), drive again, and call the done
 * callback of each transfer that finished. Transfers may be added from those callbacks. */
panos_code panos__transport_multi_step(struct panos__multi *m, int wait_ms);

/* Make a waiting panos__transport_multi_step() return early; safe from any thread. */
void panos__transport_multi_wakeup(struct panos__multi *m);

/* How many transfers are added and not finished. */
size_t panos__transport_multi_live(const struct panos__multi *m);

/* Keep up to @p max_idle_connections connections open for reuse (CURLMOPT_MAXCONNECTS). */
void panos__transport_multi_keep(struct panos__multi *m, long max_idle_connections);

#endif
