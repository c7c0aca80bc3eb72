/* SPDX-License-Identifier: MIT */
/* transport.c -- the only libcurl user: easy and multi handles, one transfer state machine. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>
#include <panos/buf.h>
#include <panos/common.h>
#include "transport.h"

_Static_assert(CURL_ERROR_SIZE <= sizeof(((struct panos__xfer *)0)->errbuf),
               "errbuf must hold CURL_ERROR_SIZE bytes");

#define FORM_TYPE "Content-Type: application/x-www-form-urlencoded"

struct panos__easy {
    CURL *curl;
};

struct panos__multi {
    CURLM *curlm;
    struct panos__xfer **live; /* transfers added and not finished yet */
    size_t nlive, cap;
};

panos_code panos__transport_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? PANOS_OK : PANOS_E_FAILED;
}

void panos__transport_global_cleanup(void)
{
    curl_global_cleanup();
}

static char user_agent[96];
static pthread_once_t user_agent_once = PTHREAD_ONCE_INIT;

static void user_agent_init(void)
{
    const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
    snprintf(user_agent, sizeof(user_agent), "libpanos/%s libcurl/%s", PANOS_VERSION_STRING,
             v && v->version ? v->version : "unknown");
}

const char *panos__transport_user_agent(void)
{
    pthread_once(&user_agent_once, user_agent_init);
    return user_agent;
}

void panos__transport_versions(char *buf, size_t buflen)
{
    const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
    int n = snprintf(buf, buflen, "libcurl/%s", v && v->version ? v->version : "unknown");
    if (n > 0 && (size_t)n < buflen && v && v->ssl_version)
        n += snprintf(buf + n, buflen - (size_t)n, " %s", v->ssl_version);
    if (n > 0 && (size_t)n < buflen && v && v->libz_version)
        snprintf(buf + n, buflen - (size_t)n, " zlib/%s", v->libz_version);
}

panos_code panos__easy_new(struct panos__easy **out)
{
    *out = NULL;
    struct panos__easy *e = calloc(1, sizeof(*e));
    if (e == NULL)
        return PANOS_E_NOMEM;
    e->curl = curl_easy_init();
    if (e->curl == NULL) {
        free(e);
        return PANOS_E_NOMEM;
    }
    *out = e;
    return PANOS_OK;
}

void panos__easy_free(struct panos__easy *e)
{
    if (e == NULL)
        return;
    curl_easy_cleanup(e->curl);
    free(e);
}

panos_code panos__easy_cookies(struct panos__easy *e, panos__sb *out)
{
    struct curl_slist *list = NULL;
    if (curl_easy_getinfo(e->curl, CURLINFO_COOKIELIST, &list) != CURLE_OK)
        return PANOS_E_IO;
    for (struct curl_slist *l = list; l; l = l->next) {
        panos__sb_puts(out, l->data);
        panos__sb_puts(out, "\n");
        panos_wipe(l->data, strlen(l->data));
    }
    curl_slist_free_all(list);
    return out->failed ? PANOS_E_NOMEM : PANOS_OK;
}

void panos__xfer_init(struct panos__xfer *x)
{
    memset(x, 0, sizeof(*x));
    x->retry_after_s = -1;
}

void panos__xfer_add_header(struct panos__xfer *x, const char *line)
{
    struct curl_slist *l = curl_slist_append(x->headers, line);
    if (l == NULL)
        x->headers_failed = 1;
    else
        x->headers = l;
}

static void free_list(void **slot)
{
    for (struct curl_slist *h = *slot; h; h = h->next)
        panos_wipe(h->data, strlen(h->data));
    curl_slist_free_all(*slot);
    *slot = NULL;
}

static void mime_free(struct panos__xfer *x);

void panos__xfer_dispose(struct panos__xfer *x)
{
    mime_free(x);
    free_list(&x->wire_headers);
    free_list(&x->headers);
    x->headers_failed = 0;
    panos__sb_dispose(&x->answer, 1);
}

/* --- While performing: the answer's bytes and headers. --- */

int panos__xfer_foreign(const struct panos__xfer *x)
{
    const char *content_type = x->content_type;
    if (x->attachment)
        return 0;
    static const char *const foreign[] = {"text/html", "application/xhtml+xml", "application/json"};
    for (size_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
        size_t n = strlen(foreign[i]);
        if (strncasecmp(content_type, foreign[i], n) == 0 &&
            (content_type[n] == '\0' || content_type[n] == ';' || content_type[n] == ' '))
            return 1;
    }
    return 0;
}

static size_t on_write(char *data, size_t size, size_t nmemb, void *payload)
{
    struct panos__xfer *x = payload;
    size_t n = size * nmemb;
    long status = 0;
    curl_easy_getinfo(x->easy->curl, CURLINFO_RESPONSE_CODE, &status);
    if (x->sink != NULL && status == 200 && !panos__xfer_foreign(x)) {
        /* A streamed answer is never held whole, but its size is capped all the same. */
        if (n > x->max_bytes - x->streamed) {
            x->too_large = 1;
            return 0;
        }
        x->streamed += n;
        x->sink_code = x->sink(x->sink_payload, data, n);
        return x->sink_code == PANOS_OK ? n : 0;
    }
    if (x->answer.len + n > x->max_bytes) {
        x->too_large = 1;
        return 0;
    }
    panos__sb_append(&x->answer, data, n);
    return x->answer.failed ? 0 : n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *payload)
{
    struct panos__xfer *x = payload;
    size_t n = size * nmemb;
    if (n > 12 && strncasecmp(data, "Retry-After:", 12) == 0) {
        char *end = NULL;
        long v = strtol(data + 12, &end, 10);
        x->retry_after_s = end != data + 12 && v >= 0 ? v : -1;
    } else if (n > 13 && strncasecmp(data, "Content-Type:", 13) == 0) {
        size_t i = 13;
        while (i < n && data[i] == ' ')
            i++;
        size_t l = n - i;
        while (l > 0 && (data[i + l - 1] == '\r' || data[i + l - 1] == '\n'))
            l--;
        if (l >= sizeof(x->content_type))
            l = sizeof(x->content_type) - 1;
        memcpy(x->content_type, data + i, l);
        x->content_type[l] = '\0';
    } else if (n > 20 && strncasecmp(data, "Content-Disposition:", 20) == 0) {
        for (size_t i = 20; i + 10 <= n && !x->attachment; i++)
            x->attachment = strncasecmp(data + i, "attachment", 10) == 0;
    }
    return n;
}

/* --- TLS pin: libcurl's hooks, handed on to tlspin.c. --- */

static CURLcode ssl_ctx_cb(CURL *easy, void *sslctx, void *payload)
{
    (void)easy;
    struct panos__xfer *x = payload;
    return panos__tlspin_install(sslctx, x->pin) == 0 ? CURLE_OK : CURLE_SSL_CERTPROBLEM;
}

/*
 * libcurl calls this once the connection is ready (new, reused or resumed) and before it
 * writes any byte of the request: the pin is checked on the connection actually used.
 */
static int pin_prereq_cb(void *payload, char *primary_ip, char *local_ip, int primary_port,
                         int local_port)
{
    (void)primary_ip;
    (void)local_ip;
    (void)primary_port;
    (void)local_port;
    struct panos__xfer *x = payload;
    struct curl_tlssessioninfo *ti = NULL;
    void *ssl = NULL;
    if (curl_easy_getinfo(x->easy->curl, CURLINFO_TLS_SSL_PTR, &ti) == CURLE_OK && ti != NULL &&
        ti->backend == CURLSSLBACKEND_OPENSSL)
        ssl = ti->internals;
    return panos__tlspin_check(x->pin, ssl) ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT;
}

/* --- The state machine. --- */

/* The multipart body of @p x->upload: each field a text part, read from the caller's string by
 * a callback (curl_mime_data would keep a copy of a passphrase that nobody wipes), then the file
 * part, read from disk while it is sent (curl_mime_filedata): never held whole. */
struct field_src {
    const char *data;
    size_t len, pos;
};

static size_t field_read(char *buf, size_t size, size_t nitems, void *arg)
{
    struct field_src *f = arg;
    size_t n = size * nitems, left = f->len - f->pos;
    if (n > left)
        n = left;
    memcpy(buf, f->data + f->pos, n);
    f->pos += n;
    return n;
}

static int field_seek(void *arg, curl_off_t offset, int origin)
{
    struct field_src *f = arg;
    if (origin != SEEK_SET || offset < 0 || (size_t)offset > f->len)
        return CURL_SEEKFUNC_FAIL;
    f->pos = (size_t)offset;
    return CURL_SEEKFUNC_OK;
}

static panos_code mime_build(struct panos__xfer *x)
{
    const struct panos__upload *u = x->upload;
    curl_mime *m = curl_mime_init(x->easy->curl);
    struct field_src *src = calloc(u->nfields ? u->nfields : 1, sizeof(*src));
    x->mime = m;
    x->mime_fields = src;
    if (m == NULL || src == NULL)
        return PANOS_E_NOMEM;
    for (size_t i = 0; i < u->nfields; i++) {
        curl_mimepart *p = curl_mime_addpart(m);
        src[i].data = u->fields[2 * i + 1];
        src[i].len = strlen(src[i].data);
        if (p == NULL || curl_mime_name(p, u->fields[2 * i]) != CURLE_OK ||
            curl_mime_data_cb(p, (curl_off_t)src[i].len, field_read, field_seek, NULL, &src[i]) !=
                CURLE_OK)
            return PANOS_E_NOMEM;
    }
    curl_mimepart *p = curl_mime_addpart(m);
    if (p == NULL || curl_mime_name(p, u->part) != CURLE_OK ||
        curl_mime_filedata(p, u->path) != CURLE_OK ||
        curl_mime_filename(p, u->filename) != CURLE_OK ||
        curl_mime_type(p, "application/octet-stream") != CURLE_OK)
        return PANOS_E_NOMEM;
    return PANOS_OK;
}

static void mime_free(struct panos__xfer *x)
{
    curl_mime_free(x->mime);
    x->mime = NULL;
    free(x->mime_fields);
    x->mime_fields = NULL;
}

panos_code panos__xfer_prepare(struct panos__xfer *x)
{
    CURL *e = x->easy->curl;
    x->http_status = 0;
    x->retry_after_s = -1;
    x->content_type[0] = '\0';
    x->attachment = 0;
    panos__sb_dispose(&x->answer, 1);
    x->streamed = 0;
    x->sink_code = PANOS_OK;
    x->new_connections = 0;
    x->code = PANOS_OK;
    x->fail = PANOS__XFER_OK;
    x->message[0] = '\0';
    x->too_large = 0;
    x->errbuf[0] = '\0';
    if (x->pin != NULL)
        panos__pin_reset(x->pin);
    /* The fixed headers first, then the caller's (auth), as one list for this attempt. */
    free_list(&x->wire_headers);
    /* A multipart body gets its Content-Type (with the boundary) from libcurl. */
    struct curl_slist *wire = curl_slist_append(NULL, x->upload ? "Expect:" : FORM_TYPE);
    struct curl_slist *l = wire && !x->upload ? curl_slist_append(wire, "Expect:") : wire;
    for (struct curl_slist *h = x->headers; l && h; h = h->next)
        l = curl_slist_append(wire, h->data);
    x->wire_headers = wire;
    if (l == NULL || x->headers_failed) {
        free_list(&x->wire_headers);
        x->code = PANOS_E_NOMEM;
        x->fail = PANOS__XFER_SETUP;
        return x->code;
    }

    curl_easy_reset(e);
    curl_easy_setopt(e, CURLOPT_URL, x->url);
    mime_free(x);
    if (x->upload != NULL) {
        if (mime_build(x) != PANOS_OK) {
            free_list(&x->wire_headers);
            x->code = PANOS_E_NOMEM;
            x->fail = PANOS__XFER_SETUP;
            return x->code;
        }
        curl_easy_setopt(e, CURLOPT_MIMEPOST, (curl_mime *)x->mime);
    } else {
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->body);
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->body_len);
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, (struct curl_slist *)x->wire_headers);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(e, CURLOPT_PRIVATE, x);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, x->connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, x->timeout_ms);
    curl_easy_setopt(e, CURLOPT_USERAGENT, panos__transport_user_agent());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); /* gzip when the device offers it */
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    /* Streamed answers (log pages of ~10 MB, exports) are read in 128 KiB pieces rather than
     * libcurl's 16 KiB: an eighth of the reads and parser calls. Small answers keep the default,
     * so a thousand exporter transfers do not each hold a large buffer. */
    if (x->sink != NULL)
        curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 128L * 1024);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    if (x->insecure) {
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    } else if (x->pin != NULL && x->pin->set) {
        /* curl's own checks are off; tlspin.c accepts exactly the pinned certificate. */
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb);
        curl_easy_setopt(e, CURLOPT_SSL_CTX_DATA, x);
        curl_easy_setopt(e, CURLOPT_SSL_SESSIONID_CACHE, 0L);
        if (strncmp(x->url, "https:", 6) == 0) {
            curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, pin_prereq_cb);
            curl_easy_setopt(e, CURLOPT_PREREQDATA, x);
        }
    } else if (x->ca_file) {
        curl_easy_setopt(e, CURLOPT_CAINFO, x->ca_file);
    }
    if (x->cookie_file)
        curl_easy_setopt(e, CURLOPT_COOKIEFILE, x->cookie_file);
    return PANOS_OK;
}

static panos_code curl_class(CURLcode rc)
{
    switch ((int)rc) { /* int: -Wswitch-enum would want every CURLcode listed */
    case CURLE_OPERATION_TIMEDOUT:
        return PANOS_E_TIMEOUT;
    case CURLE_OUT_OF_MEMORY:
        return PANOS_E_NOMEM;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
        return PANOS_E_TLS;
    default:
        return PANOS_E_TRANSPORT;
    }
}

/*
 * PREPARED -> DONE: read the status, free the headers (wiped), and map libcurl's result to a
 * class. A pin mismatch comes first (libcurl only sees an aborted handshake), then the
 * reasons this file's own write callback refused bytes, then libcurl's code.
 */
static void xfer_finish(struct panos__xfer *x, CURLcode rc)
{
    CURL *e = x->easy->curl;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &x->http_status);
    curl_easy_getinfo(e, CURLINFO_NUM_CONNECTS, &x->new_connections);
    free_list(&x->wire_headers);
    if (rc == CURLE_OK) {
        x->code = PANOS_OK;
        x->fail = PANOS__XFER_OK;
    } else if (x->pin != NULL && x->pin->mismatch) {
        x->code = PANOS_E_TLS;
        x->fail = PANOS__XFER_PIN;
    } else if (rc == CURLE_WRITE_ERROR && x->too_large) {
        x->code = PANOS_E_TOO_LARGE;
        x->fail = PANOS__XFER_TOO_LARGE;
    } else if (rc == CURLE_WRITE_ERROR && x->answer.failed) {
        x->code = PANOS_E_NOMEM;
        x->fail = PANOS__XFER_NOMEM;
    } else if (rc == CURLE_WRITE_ERROR && x->sink_code != PANOS_OK) {
        x->code = x->sink_code;
        x->fail = PANOS__XFER_SINK;
    } else {
        x->code = curl_class(rc);
        x->fail = PANOS__XFER_CURL;
        snprintf(x->message, sizeof(x->message), "%s",
                 x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
        size_t l = strlen(x->message);
        while (l > 0 && (x->message[l - 1] == '\n' || x->message[l - 1] == ' '))
            x->message[--l] = '\0';
    }
}

panos_code panos__xfer_perform(struct panos__xfer *x)
{
    if (panos__xfer_prepare(x) != PANOS_OK)
        return x->code;
    xfer_finish(x, curl_easy_perform(x->easy->curl));
    return x->code;
}

/* --- The multi driver. --- */

panos_code panos__transport_multi_new(struct panos__multi **out, long max_host_connections,
                                      long max_total_connections)
{
    *out = NULL;
    struct panos__multi *m = calloc(1, sizeof(*m));
    if (m == NULL)
        return PANOS_E_NOMEM;
    m->curlm = curl_multi_init();
    if (m->curlm == NULL) {
        free(m);
        return PANOS_E_NOMEM;
    }
    /* HTTP/1.1 without pipelining: one transfer per connection, so the bound is on requests
     * in flight to a device (PAN-OS advises a handful of concurrent API calls at most). */
    curl_multi_setopt(m->curlm, CURLMOPT_PIPELINING, (long)CURLPIPE_NOTHING);
    curl_multi_setopt(m->curlm, CURLMOPT_MAX_HOST_CONNECTIONS, max_host_connections);
    curl_multi_setopt(m->curlm, CURLMOPT_MAX_TOTAL_CONNECTIONS, max_total_connections);
    *out = m;
    return PANOS_OK;
}

void panos__transport_multi_free(struct panos__multi *m)
{
    if (m == NULL)
        return;
    /* Transfers still added: take their easy handles back before the multi goes. */
    for (size_t i = 0; i < m->nlive; i++) {
        curl_multi_remove_handle(m->curlm, m->live[i]->easy->curl);
        free_list(&m->live[i]->wire_headers);
    }
    free(m->live);
    curl_multi_cleanup(m->curlm);
    free(m);
}

panos_code panos__transport_multi_add(struct panos__multi *m, struct panos__xfer *x)
{
    if (m->nlive == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 8;
        struct panos__xfer **live = realloc(m->live, cap * sizeof(*live));
        if (live == NULL)
            return PANOS_E_NOMEM;
        m->live = live;
        m->cap = cap;
    }
    if (panos__xfer_prepare(x) != PANOS_OK)
        return x->code;
    if (curl_multi_add_handle(m->curlm, x->easy->curl) != CURLM_OK) {
        free_list(&x->wire_headers);
        return PANOS_E_TRANSPORT;
    }
    m->live[m->nlive++] = x;
    return PANOS_OK;
}

/* Forget @p x as one of m's live transfers. */
static void unlist(struct panos__multi *m, const struct panos__xfer *x)
{
    for (size_t i = 0; i < m->nlive; i++)
        if (m->live[i] == x) {
            m->live[i] = m->live[--m->nlive];
            return;
        }
}

/* Finish every transfer libcurl reports done, and call its callback. */
static void reap(struct panos__multi *m)
{
    CURLMsg *msg;
    int left = 0;
    while ((msg = curl_multi_info_read(m->curlm, &left)) != NULL) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *e = msg->easy_handle;
        CURLcode rc = msg->data.result;
        char *priv = NULL;
        curl_easy_getinfo(e, CURLINFO_PRIVATE, &priv);
        struct panos__xfer *x = (struct panos__xfer *)(void *)priv;
        curl_multi_remove_handle(m->curlm, e);
        if (x == NULL)
            continue;
        unlist(m, x);
        xfer_finish(x, rc);
        if (x->done)
            x->done(x->done_payload, x);
    }
}

panos_code panos__transport_multi_run(struct panos__multi *m)
{
    while (m->nlive > 0) {
        int running = 0;
        CURLMcode mc = curl_multi_perform(m->curlm, &running);
        if (mc == CURLM_OK) {
            reap(m);
            if (m->nlive == 0)
                break;
            mc = curl_multi_poll(m->curlm, NULL, 0, 1000, NULL);
        }
        if (mc != CURLM_OK)
            return mc == CURLM_OUT_OF_MEMORY ? PANOS_E_NOMEM : PANOS_E_TRANSPORT;
    }
    return PANOS_OK;
}

panos_code panos__transport_multi_step(struct panos__multi *m, int wait_ms)
{
    int running = 0;
    CURLMcode mc = curl_multi_perform(m->curlm, &running);
    if (mc == CURLM_OK) {
        reap(m);
        if (wait_ms > 0)
            mc = curl_multi_poll(m->curlm, NULL, 0, wait_ms, NULL);
    }
    if (mc == CURLM_OK) {
        mc = curl_multi_perform(m->curlm, &running);
        if (mc == CURLM_OK)
            reap(m);
    }
    if (mc != CURLM_OK)
        return mc == CURLM_OUT_OF_MEMORY ? PANOS_E_NOMEM : PANOS_E_TRANSPORT;
    return PANOS_OK;
}

void panos__transport_multi_wakeup(struct panos__multi *m)
{
    curl_multi_wakeup(m->curlm);
}

size_t panos__transport_multi_live(const struct panos__multi *m)
{
    return m->nlive;
}

void panos__transport_multi_keep(struct panos__multi *m, long max_idle_connections)
{
    curl_multi_setopt(m->curlm, CURLMOPT_MAXCONNECTS, max_idle_connections);
}
