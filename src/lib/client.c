/* SPDX-License-Identifier: MIT */
/* client.c -- one kept-alive libcurl connection to a firewall: POST /api/, TLS trust, retries. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <curl/curl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <panos/client.h>
#include "rc_priv.h"
#include <panos/rc.h>
#include "response_priv.h"
#include "sbuf.h"
#include "stream.h"
#include "contract.h"

struct panos_client {
    CURL *easy;
    char *url; /* scheme://host:port/api/ */
    char *ca_file;
    unsigned char pin[32];
    int has_pin;
    int insecure;
    long connect_timeout_ms;
    long timeout_ms;
    size_t max_bytes;
    int max_retries;
    long retry_base_ms;
    long retry_max_ms;
    long deadline_ms;       /* the overall budget, 0 = none */
    long long deadline_at;  /* CLOCK_MONOTONIC ms when it runs out; 0 = none */
    panos_log_fn log;
    void *log_payload;

    char *key; /* secrets: wiped when replaced or freed */
    char *basic_user;
    char *basic_password;
    char *target;
    char *vsys;
    char *cookie_jar;
    int accept_raw; /* panos_client_set_raw */
    const char *keygen_password; /* borrowed during panos_keygen(), for redaction */
    panos_credentials_fn rekey_creds;
    panos_key_store_fn rekey_store;
    void *rekey_payload;

    /* Per-request state. */
    panos__sb body;
    int too_large;
    size_t streamed; /* bytes of a 200 answer handed to the sink so far */
    long retry_after_s; /* Retry-After of the last answer, -1 if none */
    char content_type[96];
    panos__sink_fn sink;
    void *sink_payload;
    panos_code sink_code;
    int pin_mismatch;
    int deadline_cut; /* this attempt's timeout was shortened to the deadline */
    char seen_fp[96];

    panos_error err;
    char *err_message;
    char *err_status;
    char curl_err[CURL_ERROR_SIZE];
};

void panos_client_options_init(panos_client_options *opts)
{
    PANOS_ASSERT(opts != NULL);
    panos_client_options d = PANOS_CLIENT_OPTIONS_INIT;
    *opts = d;
}

static char *xstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void replace_secret(char **slot, char *value)
{
    panos_free_secret(*slot);
    *slot = value;
}

/* Parse "AB:CD:..." or "abcd..." (64 hex digits) into 32 bytes. */
static int parse_pin(unsigned char out[32], const char *s)
{
    size_t n = 0;
    int hi = -1;
    for (; *s; s++) {
        int v;
        if (*s == ':' || *s == ' ')
            continue;
        if (*s >= '0' && *s <= '9')
            v = *s - '0';
        else if (*s >= 'a' && *s <= 'f')
            v = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'F')
            v = *s - 'A' + 10;
        else
            return -1;
        if (hi < 0) {
            hi = v;
        } else {
            if (n == 32)
                return -1;
            out[n++] = (unsigned char)(hi << 4 | v);
            hi = -1;
        }
    }
    return n == 32 && hi < 0 ? 0 : -1;
}

static void fp_format(char *out, size_t len, const unsigned char *md, unsigned int mdlen)
{
    size_t o = 0;
    for (unsigned int i = 0; i < mdlen && o + 3 < len; i++)
        o += (size_t)snprintf(out + o, len - o, i ? ":%02X" : "%02X", md[i]);
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long panos__client_deadline_left(const panos_client *c)
{
    if (c->deadline_at == 0)
        return -1;
    long long left = c->deadline_at - mono_ms();
    return left > 0 ? (long)left : 0;
}

/* An IPv6 literal needs brackets in the URL. */
static int needs_brackets(const char *host)
{
    return strchr(host, ':') != NULL && host[0] != '[';
}

panos_code panos_client_new(panos_client **out, const panos_client_options *opts)
{
    PANOS_ASSERT(out != NULL && opts != NULL);
    *out = NULL;
    /* Version 1 structs end before deadline_ms: never read past what the caller has. */
    if (opts == NULL || opts->version < 1 || opts->version > PANOS_CLIENT_OPTIONS_VERSION ||
        opts->host == NULL || opts->host[0] == '\0')
        return PANOS_E_INVALID_ARG;
    long deadline_ms = opts->version >= 2 ? opts->deadline_ms : 0;
    if (deadline_ms < 0)
        return PANOS_E_INVALID_ARG;
    panos_client *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return PANOS_E_NOMEM;
    if (opts->pin_sha256 != NULL) {
        /* A pin says "trust exactly this certificate", insecure says "trust any": they cannot
         * both hold, and choosing one silently would send the key to a peer not meant. */
        if (opts->insecure || parse_pin(c->pin, opts->pin_sha256) != 0) {
            free(c);
            return PANOS_E_INVALID_ARG;
        }
        c->has_pin = 1;
    }
    c->insecure = opts->insecure;
    c->connect_timeout_ms = opts->connect_timeout_ms;
    c->timeout_ms = opts->timeout_ms;
    c->max_bytes = opts->max_response_bytes ? opts->max_response_bytes : (size_t)64 << 20;
    c->max_retries = opts->max_retries < 0 ? 0 : opts->max_retries;
    c->retry_base_ms = opts->retry_base_ms > 0 ? opts->retry_base_ms : 500;
    c->retry_max_ms = opts->retry_max_ms > 0 ? opts->retry_max_ms : 8000;
    c->log = opts->log;
    c->log_payload = opts->log_payload;
    c->deadline_ms = deadline_ms;
    c->deadline_at = deadline_ms > 0 ? mono_ms() + deadline_ms : 0;
    c->err.code = PANOS_OK;
    c->err.api_code = -1;
    c->err.message = "";

    panos__sb url = PANOS__SB_INIT;
    unsigned int port = opts->port ? opts->port : (opts->use_http ? 80 : 443);
    const char *host = opts->host;
    size_t hl = strlen(host);
    int bracketed = host[0] == '[' && host[hl - 1] == ']';
    panos__sb_printf(&url, "%s://%s%.*s%s:%u/api/", opts->use_http ? "http" : "https",
                     needs_brackets(host) ? "[" : "", (int)hl, host,
                     needs_brackets(host) && !bracketed ? "]" : "", port);
    panos_buf ub = PANOS_BUF_INIT;
    if (panos__sb_finish(&url, &ub) != PANOS_OK) {
        free(c);
        return PANOS_E_NOMEM;
    }
    c->url = ub.ptr;
    c->ca_file = xstrdup(opts->ca_file);
    c->easy = curl_easy_init();
    if (c->easy == NULL || (opts->ca_file && c->ca_file == NULL)) {
        panos_client_free(c);
        return PANOS_E_NOMEM;
    }
    *out = c;
    return PANOS_OK;
}

void panos_client_free(panos_client *c)
{
    if (c == NULL)
        return;
    if (c->easy)
        curl_easy_cleanup(c->easy);
    free(c->url);
    free(c->ca_file);
    panos_free_secret(c->key);
    panos_free_secret(c->basic_user);
    panos_free_secret(c->basic_password);
    free(c->target);
    free(c->vsys);
    free(c->cookie_jar);
    panos__sb_dispose(&c->body, 1);
    free(c->err_message);
    free(c->err_status);
    panos_wipe(c, sizeof(*c));
    free(c);
}

const panos_error *panos_client_last_error(const panos_client *c)
{
    PANOS_ASSERT(c != NULL);
    return &c->err;
}

/* Replace newlines and control characters so a message stays on one line. */
static void one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20)
            *s = ' ';
}

/* Replace every occurrence of @p secret in @p s by "***" (in place: a secret is longer). */
static void redact(char *s, const char *secret)
{
    if (secret == NULL || secret[0] == '\0')
        return;
    size_t sl = strlen(secret);
    const char *mask = sl >= 3 ? "***" : "*";
    size_t ml = strlen(mask);
    char *p = s;
    while ((p = strstr(p, secret)) != NULL) {
        memmove(p + ml, p + sl, strlen(p + sl) + 1);
        memcpy(p, mask, ml);
        p += ml;
    }
}

/* Longest message kept; cut only after redaction, so no part of a secret survives the cut. */
#define MESSAGE_MAX 1024

/*
 * Format @p fmt whole, remove the client's secrets (key, basic password, the password of a
 * keygen in progress), then make it one line of at most MESSAGE_MAX bytes (not cutting a UTF-8
 * sequence). NULL when out of memory.
 */
static char *format_redacted(const panos_client *c, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg != NULL)
        vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    if (msg == NULL)
        return NULL;
    redact(msg, c->key);
    redact(msg, c->basic_password);
    redact(msg, c->keygen_password);
    one_line(msg);
    size_t len = strlen(msg);
    if (len > MESSAGE_MAX) {
        size_t cut = MESSAGE_MAX;
        while (cut > 0 && ((unsigned char)msg[cut] & 0xC0) == 0x80)
            cut--;
        panos_wipe(msg + cut, len - cut);
        msg[cut] = '\0';
    }
    return msg;
}

void panos__client_set_error(panos_client *c, panos_code code, long http_status, int api_code,
                             const char *api_status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = format_redacted(c, fmt, ap); /* the arguments may point into the old detail */
    va_end(ap);
    char *status = xstrdup(api_status);
    free(c->err_message);
    free(c->err_status);
    c->err_message = msg;
    c->err_status = status;
    c->err.code = code;
    c->err.http_status = http_status;
    c->err.api_code = api_code;
    c->err.api_status = c->err_status;
    c->err.message = c->err_message ? c->err_message : "";
}

static void clear_error(panos_client *c)
{
    panos__client_set_error(c, PANOS_OK, 0, -1, NULL, "%s", "");
}

/* Whether @p s holds a control byte (CR, LF, TAB or another C0 byte, or DEL): such a key would
 * split or bend the X-PAN-KEY header it is sent in. */
static int has_control_byte(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
            return 1;
    return 0;
}

panos_code panos_client_set_key(panos_client *c, const char *key)
{
    PANOS_ASSERT(c != NULL);
    if (key != NULL && has_control_byte(key)) {
        panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL,
                                "the API key contains a control character (CR, LF, ...)");
        return PANOS_E_INVALID_ARG;
    }
    char *k = xstrdup(key);
    if (key && !k)
        return PANOS_E_NOMEM;
    replace_secret(&c->key, k);
    return PANOS_OK;
}

panos_code panos_client_get_key(const panos_client *c, panos_buf *out)
{
    PANOS_ASSERT(c != NULL && out != NULL);
    out->ptr = NULL;
    out->size = 0;
    if (c->key == NULL)
        return PANOS_E_NOT_FOUND;
    out->ptr = strdup(c->key);
    if (out->ptr == NULL)
        return PANOS_E_NOMEM;
    out->size = strlen(out->ptr);
    return PANOS_OK;
}

panos_code panos_client_set_basic_auth(panos_client *c, const char *user, const char *password)
{
    PANOS_ASSERT(c != NULL);
    char *u = xstrdup(user), *p = user ? xstrdup(password ? password : "") : NULL;
    if (user && (!u || !p)) {
        panos_free_secret(u);
        panos_free_secret(p);
        return PANOS_E_NOMEM;
    }
    replace_secret(&c->basic_user, u);
    replace_secret(&c->basic_password, p);
    return PANOS_OK;
}

static panos_code set_str(char **slot, const char *v)
{
    char *s = xstrdup(v);
    if (v && !s)
        return PANOS_E_NOMEM;
    free(*slot);
    *slot = s;
    return PANOS_OK;
}

void panos_client_set_rekey(panos_client *c, panos_credentials_fn creds,
                            panos_key_store_fn store, void *payload)
{
    PANOS_ASSERT(c != NULL);
    c->rekey_creds = creds;
    c->rekey_store = store;
    c->rekey_payload = payload;
}

panos_code panos_client_set_session(panos_client *c, const char *path)
{
    PANOS_ASSERT(c != NULL);
    if (path == NULL) {
        free(c->cookie_jar);
        c->cookie_jar = NULL;
        return PANOS_OK;
    }
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        panos__client_set_error(c, PANOS_E_IO, 0, -1, NULL, "cannot open the cookie jar %s: %s",
                                path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return PANOS_E_IO;
    }
    char err[600];
    panos_code rc = panos__file_check_private(fd, path, err, sizeof(err));
    close(fd);
    if (rc != PANOS_OK) {
        panos__client_set_error(c, rc, 0, -1, NULL, "%s", err);
        return rc;
    }
    return set_str(&c->cookie_jar, path);
}

/* Whether the file at @p path holds exactly @p len bytes @p data. */
static int file_equals(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return 0;
    char buf[4096];
    size_t off = 0;
    int same = 1;
    ssize_t n = 0;
    while (same && (n = read(fd, buf, sizeof(buf))) > 0) {
        if (off + (size_t)n > len || memcmp(buf, data + off, (size_t)n) != 0)
            same = 0;
        off += (size_t)n;
    }
    close(fd);
    panos_wipe(buf, sizeof(buf));
    return same && n == 0 && off == len;
}

/*
 * Save the session's cookies in the jar when they changed: the whole jar in Netscape format,
 * written to a temporary file in the same directory, synced, then renamed over the old one
 * (mode 0600). libcurl's own CURLOPT_COOKIEJAR empties the file before writing, so a failed
 * write (a full disk) used to leave an empty jar and a one-time-password admin lost the
 * session; here a failure keeps the old jar and is reported (PANOS_E_IO).
 */
static panos_code save_cookies(panos_client *c)
{
    struct curl_slist *list = NULL;
    if (curl_easy_getinfo(c->easy, CURLINFO_COOKIELIST, &list) != CURLE_OK) {
        panos__client_set_error(c, PANOS_E_IO, 0, -1, NULL,
                                "cannot read the session cookies to save them in %s",
                                c->cookie_jar);
        return PANOS_E_IO;
    }
    panos__sb jar = PANOS__SB_INIT;
    panos__sb_puts(&jar, "# Netscape HTTP Cookie File\n");
    for (struct curl_slist *l = list; l; l = l->next) {
        panos__sb_puts(&jar, l->data);
        panos__sb_puts(&jar, "\n");
        panos_wipe(l->data, strlen(l->data));
    }
    curl_slist_free_all(list);
    if (jar.failed) {
        panos__sb_dispose(&jar, 1);
        panos__client_set_error(c, PANOS_E_NOMEM, 0, -1, NULL, "out of memory");
        return PANOS_E_NOMEM;
    }
    panos_code rc = PANOS_OK;
    if (!file_equals(c->cookie_jar, jar.ptr, jar.len)) {
        char err[512] = "";
        rc = panos_file_write_atomic(c->cookie_jar, jar.ptr, jar.len, 0600, err, sizeof(err));
        if (rc != PANOS_OK)
            panos__client_set_error(c, PANOS_E_IO, 0, -1, NULL,
                                    "the request was answered, but the session cookies were "
                                    "not saved (the old jar is kept): %s",
                                    err[0] ? err : c->cookie_jar);
    }
    panos__sb_dispose(&jar, 1);
    return rc == PANOS_OK ? PANOS_OK : PANOS_E_IO; /* NOMEM in the writer is still a lost save */
}

panos_code panos_client_set_target(panos_client *c, const char *serial)
{
    PANOS_ASSERT(c != NULL);
    return set_str(&c->target, serial);
}

panos_code panos_client_set_vsys(panos_client *c, const char *vsys)
{
    PANOS_ASSERT(c != NULL);
    return set_str(&c->vsys, vsys);
}

void panos_client_set_raw(panos_client *c, int accept)
{
    PANOS_ASSERT(c != NULL);
    c->accept_raw = accept != 0;
}

/* --- TLS: a pinned certificate is trusted by its SHA-256, whatever its chain and name. --- */

static int pin_ex_index = -1;
static pthread_once_t pin_once = PTHREAD_ONCE_INIT;

static void pin_index_init(void)
{
    pin_ex_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

/* Whether @p cert is the pinned certificate; notes its fingerprint for the error message. */
static int cert_is_pinned(panos_client *c, X509 *cert)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (cert == NULL || !X509_digest(cert, EVP_sha256(), md, &mdlen) || mdlen != 32)
        return 0;
    fp_format(c->seen_fp, sizeof(c->seen_fp), md, mdlen);
    return memcmp(md, c->pin, 32) == 0;
}

static int pin_verify_cb(int preverify_ok, X509_STORE_CTX *store)
{
    SSL *ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx());
    panos_client *c = ssl ? SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), pin_ex_index) : NULL;
    if (c == NULL)
        return preverify_ok;
    if (X509_STORE_CTX_get_error_depth(store) != 0)
        return 1; /* only the device's own certificate matters */
    if (!cert_is_pinned(c, X509_STORE_CTX_get_current_cert(store))) {
        c->pin_mismatch = 1;
        return 0;
    }
    X509_STORE_CTX_set_error(store, X509_V_OK);
    return 1;
}

static CURLcode ssl_ctx_cb(CURL *easy, void *sslctx, void *payload)
{
    (void)easy;
    panos_client *c = payload;
    SSL_CTX *ctx = sslctx;
    pthread_once(&pin_once, pin_index_init); /* clients may live on several threads */
    if (pin_ex_index < 0 || !SSL_CTX_set_ex_data(ctx, pin_ex_index, c))
        return CURLE_SSL_CERTPROBLEM;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, pin_verify_cb);
    return CURLE_OK;
}

/*
 * libcurl calls this once the connection is ready (new, reused or resumed) and before it
 * writes any byte of the request. With a pin, the certificate of that connection must be the
 * pinned one: pin_verify_cb already refuses a wrong one during the handshake, and this check
 * also covers a connection that did not go through it. Fails closed.
 */
static int pin_prereq_cb(void *payload, char *primary_ip, char *local_ip, int primary_port,
                         int local_port)
{
    (void)primary_ip;
    (void)local_ip;
    (void)primary_port;
    (void)local_port;
    panos_client *c = payload;
    struct curl_tlssessioninfo *ti = NULL;
    if (curl_easy_getinfo(c->easy, CURLINFO_TLS_SSL_PTR, &ti) != CURLE_OK || ti == NULL ||
        ti->backend != CURLSSLBACKEND_OPENSSL || ti->internals == NULL) {
        c->pin_mismatch = 1;
        return CURL_PREREQFUNC_ABORT;
    }
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    X509 *cert = SSL_get1_peer_certificate(ti->internals);
#else
    X509 *cert = SSL_get_peer_certificate(ti->internals);
#endif
    int ok = cert_is_pinned(c, cert);
    X509_free(cert);
    if (!ok) {
        c->pin_mismatch = 1;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

/* --- Receiving. --- */

static size_t on_write(char *data, size_t size, size_t nmemb, void *payload)
{
    panos_client *c = payload;
    size_t n = size * nmemb;
    long status = 0;
    curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
    if (c->sink != NULL && status == 200) {
        /* A streamed answer is never held whole, but its size is capped all the same. */
        if (n > c->max_bytes - c->streamed) {
            c->too_large = 1;
            return 0;
        }
        c->streamed += n;
        c->sink_code = c->sink(c->sink_payload, data, n);
        return c->sink_code == PANOS_OK ? n : 0;
    }
    if (c->body.len + n > c->max_bytes) {
        c->too_large = 1;
        return 0;
    }
    panos__sb_append(&c->body, data, n);
    return c->body.failed ? 0 : n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *payload)
{
    panos_client *c = payload;
    size_t n = size * nmemb;
    if (n > 12 && strncasecmp(data, "Retry-After:", 12) == 0) {
        char *end = NULL;
        long v = strtol(data + 12, &end, 10);
        c->retry_after_s = end != data + 12 && v >= 0 ? v : -1;
    } else if (n > 13 && strncasecmp(data, "Content-Type:", 13) == 0) {
        size_t i = 13;
        while (i < n && data[i] == ' ')
            i++;
        size_t l = n - i;
        while (l > 0 && (data[i + l - 1] == '\r' || data[i + l - 1] == '\n'))
            l--;
        if (l >= sizeof(c->content_type))
            l = sizeof(c->content_type) - 1;
        memcpy(c->content_type, data + i, l);
        c->content_type[l] = '\0';
    }
    return n;
}

/* --- Requests. --- */

static const char *param_value(const panos_param *params, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(params[i].name, name) == 0)
            return params[i].value;
    return NULL;
}

static int is_secret_param(const char *name)
{
    return strcmp(name, "key") == 0 || strcmp(name, "password") == 0 ||
           strcmp(name, "passphrase") == 0 || strcmp(name, "dlp-password") == 0;
}

/*
 * Types that carry target= so that Panorama answers for the managed firewall (PAN-OS XML API
 * docs, "Query a Firewall from Panorama"). type=version and type=log are included although some
 * SDKs leave them out: dropping target would silently give Panorama's own version or logs
 * instead of the firewall's, while sending it gives the firewall's answer or a clear error.
 * keygen is not forwarded: the key it makes must authenticate to Panorama, which every
 * targeted request goes through.
 */
static int type_takes_target(const char *type)
{
    static const char *const t[] = {"config", "op",     "commit",  "export",
                                    "user-id", "report", "version", "log"};
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (type && strcmp(type, t[i]) == 0)
            return 1;
    return 0;
}

/* Read-only requests may be sent again after a temporary failure. */
static int is_idempotent(const panos_param *params, size_t n)
{
    const char *type = param_value(params, n, "type");
    const char *action = param_value(params, n, "action");
    if (type == NULL)
        return 0;
    if (strcmp(type, "version") == 0)
        return 1;
    if (strcmp(type, "config") == 0)
        return action && (strcmp(action, "get") == 0 || strcmp(action, "show") == 0);
    if (strcmp(type, "op") == 0) {
        const char *cmd = param_value(params, n, "cmd");
        while (cmd && isspace((unsigned char)*cmd))
            cmd++;
        return cmd && strncmp(cmd, "<show>", 6) == 0;
    }
    if (strcmp(type, "log") == 0 || strcmp(type, "report") == 0)
        return action && strcmp(action, "get") == 0 && param_value(params, n, "job-id");
    if (strcmp(type, "export") == 0)
        return action && strcmp(action, "status") == 0;
    return 0;
}

static void trace(panos_client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void trace(panos_client *c, const char *fmt, ...)
{
    if (c->log == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *line = format_redacted(c, fmt, ap);
    va_end(ap);
    if (line != NULL)
        c->log(c->log_payload, line);
    free(line);
}

/* The body to POST, and its redacted form for the trace. */
static panos_code build_body(panos_client *c, const panos_param *params, size_t n,
                             panos__sb *body, panos__sb *shown)
{
    const char *type = param_value(params, n, "type");
    for (size_t i = 0; i < n; i++) {
        const char *sep = body->len ? "&" : "";
        panos__sb_printf(body, "%s", sep);
        panos__sb_urlencode(body, params[i].name);
        panos__sb_puts(body, "=");
        panos__sb_urlencode(body, params[i].value ? params[i].value : "");
        if (shown) {
            panos__sb_printf(shown, "%s%s=", shown->len ? " " : "", params[i].name);
            panos__sb_puts(shown, is_secret_param(params[i].name)
                                      ? "***"
                                      : (params[i].value ? params[i].value : ""));
        }
    }
    if (c->target && type_takes_target(type) && !param_value(params, n, "target")) {
        panos__sb_puts(body, "&target=");
        panos__sb_urlencode(body, c->target);
        if (shown)
            panos__sb_printf(shown, " target=%s", c->target);
    }
    if (c->vsys && type && strcmp(type, "op") == 0 && !param_value(params, n, "vsys")) {
        panos__sb_puts(body, "&vsys=");
        panos__sb_urlencode(body, c->vsys);
        if (shown)
            panos__sb_printf(shown, " vsys=%s", c->vsys);
    }
    if (body->failed || (shown && shown->failed))
        return PANOS_E_NOMEM;
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

/* Classify a received answer into the client's last error. */
static panos_code classify_answer(panos_client *c, long http, panos_response **out)
{
    panos_response *r = NULL;
    char why[200];
    panos_code rc = panos__response_parse_why(&r, c->body.ptr ? c->body.ptr : "", c->body.len,
                                              http, why, sizeof(why));
    if (rc == PANOS_E_PARSE && http == 200 && c->accept_raw)
        rc = panos__response_raw(&r, c->body.ptr ? c->body.ptr : "", c->body.len, http);
    if (rc == PANOS_E_NOMEM) {
        panos__client_set_error(c, rc, http, -1, NULL, "out of memory");
        return rc;
    }
    if (rc != PANOS_OK) {
        panos__client_set_error(c, PANOS_E_PARSE, http, -1, NULL,
                                "the answer is not a PAN-OS XML document (%zu bytes of %s): %s",
                                c->body.len, c->content_type[0] ? c->content_type : "no type",
                                why[0] ? why : "unreadable");
        return PANOS_E_PARSE;
    }
    panos_code cls;
    if (http == 200 || http == 400 || http == 403)
        cls = panos_response_classify(r);
    else if (http == 429)
        cls = PANOS_E_RATE_LIMITED;
    else if (http == 500 || http == 502 || http == 503 || http == 504)
        cls = PANOS_E_UNAVAILABLE; /* may pass: retried when read-only */
    else
        cls = PANOS_E_HTTP; /* including 501 Not Implemented: asking again will not help */
    if (cls != PANOS_OK) {
        /* Whole: set_error redacts the key ("Key Expired: <key> ...") before it cuts. */
        const char *msg = panos_response_message(r);
        if (msg == NULL || msg[0] == '\0')
            msg = http == 200 ? panos_strerror(cls) : "";
        if (msg[0] == '\0')
            panos__client_set_error(c, cls, http, panos_response_code(r),
                                    panos_response_status(r), "HTTP %ld", http);
        else
            panos__client_set_error(c, cls, http, panos_response_code(r),
                                    panos_response_status(r), "%s", msg);
    }
    if (cls == PANOS_E_KEY_EXPIRED)
        panos__response_free_secret(r); /* "Key Expired: <key> has expired." */
    else if (out)
        *out = r;
    else
        panos_response_free(r);
    return cls;
}

/* Wait between retries; a signal (Ctrl-C) ends the wait early. */
static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The client's deadline @p what (ran out ...): PANOS_E_TIMEOUT, naming the CLI option. */
static panos_code deadline_error(panos_client *c, const char *when)
{
    panos__client_set_error(c, PANOS_E_TIMEOUT, 0, -1, NULL,
                            "the deadline of %g s (--deadline) %s",
                            (double)c->deadline_ms / 1000.0, when);
    return PANOS_E_TIMEOUT;
}

/* One HTTP exchange. Leaves the answer in c->body (or gone to the sink). */
static panos_code exchange(panos_client *c, const char *body, size_t body_len, long *http_out)
{
    CURL *e = c->easy;
    struct curl_slist *hdrs = NULL;
    char keyhdr[4096];
    panos_code code = PANOS_OK;

    panos__sb_dispose(&c->body, 1);
    c->too_large = 0;
    c->streamed = 0;
    c->retry_after_s = -1;
    c->content_type[0] = '\0';
    c->sink_code = PANOS_OK;
    c->pin_mismatch = 0;
    c->seen_fp[0] = '\0';
    c->curl_err[0] = '\0';
    *http_out = 0;

    curl_easy_reset(e);
    curl_easy_setopt(e, CURLOPT_URL, c->url);
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, c->curl_err);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, c);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, c);
    /* No attempt outlives the deadline (request_once has checked that some time is left). */
    long timeout = c->timeout_ms, connect_timeout = c->connect_timeout_ms;
    long left = panos__client_deadline_left(c);
    c->deadline_cut = 0;
    if (left > 0 && (timeout <= 0 || left < timeout)) {
        timeout = left;
        c->deadline_cut = 1;
    }
    if (left > 0 && (connect_timeout <= 0 || left < connect_timeout))
        connect_timeout = left;
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "panctl/" PANOS_VERSION_STRING);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); /* gzip when the device offers it */
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    if (c->insecure) {
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    } else if (c->has_pin) {
        /* curl's own checks are off; pin_verify_cb accepts exactly the pinned certificate. */
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb);
        curl_easy_setopt(e, CURLOPT_SSL_CTX_DATA, c);
        curl_easy_setopt(e, CURLOPT_SSL_SESSIONID_CACHE, 0L);
        if (strncmp(c->url, "https:", 6) == 0) {
            curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, pin_prereq_cb);
            curl_easy_setopt(e, CURLOPT_PREREQDATA, c);
        }
    } else if (c->ca_file) {
        curl_easy_setopt(e, CURLOPT_CAINFO, c->ca_file);
    }
    hdrs = curl_slist_append(hdrs, "Content-Type: application/x-www-form-urlencoded");
    hdrs = curl_slist_append(hdrs, "Expect:");
    if (c->key) {
        int n = snprintf(keyhdr, sizeof(keyhdr), "X-PAN-KEY: %s", c->key);
        if (n < 0 || (size_t)n >= sizeof(keyhdr)) {
            panos_wipe(keyhdr, sizeof(keyhdr));
            curl_slist_free_all(hdrs);
            panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL, "API key too long");
            return PANOS_E_INVALID_ARG;
        }
        hdrs = curl_slist_append(hdrs, keyhdr);
        panos_wipe(keyhdr, sizeof(keyhdr));
    }
    if (c->cookie_jar)
        curl_easy_setopt(e, CURLOPT_COOKIEFILE, c->cookie_jar); /* saved by save_cookies() */
    if (c->basic_user) {
        /* Built here, not with CURLOPT_USERNAME/PASSWORD, so that every copy is wiped. */
        size_t ul = strlen(c->basic_user), pl = strlen(c->basic_password);
        unsigned char plain[1024];
        char b64[1400];
        if (ul + 1 + pl > sizeof(plain)) {
            curl_slist_free_all(hdrs);
            panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL,
                                    "user name and password too long for basic auth");
            return PANOS_E_INVALID_ARG;
        }
        memcpy(plain, c->basic_user, ul);
        plain[ul] = ':';
        memcpy(plain + ul + 1, c->basic_password, pl);
        EVP_EncodeBlock((unsigned char *)b64, plain, (int)(ul + 1 + pl));
        snprintf(keyhdr, sizeof(keyhdr), "Authorization: Basic %s", b64);
        hdrs = curl_slist_append(hdrs, keyhdr);
        panos_wipe(plain, sizeof(plain));
        panos_wipe(b64, sizeof(b64));
        panos_wipe(keyhdr, sizeof(keyhdr));
    }
    if (hdrs == NULL) {
        panos__client_set_error(c, PANOS_E_NOMEM, 0, -1, NULL, "out of memory");
        return PANOS_E_NOMEM;
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, hdrs);

    CURLcode rc = curl_easy_perform(e);
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, http_out);
    for (struct curl_slist *h = hdrs; h; h = h->next)
        panos_wipe(h->data, strlen(h->data));
    curl_slist_free_all(hdrs);
    /* The session outlives this process; a jar that cannot be saved fails the exchange (the
     * request itself was answered: the message says so). */
    if (c->cookie_jar && save_cookies(c) != PANOS_OK && rc == CURLE_OK)
        return PANOS_E_IO;

    if (rc == CURLE_OK)
        return PANOS_OK;
    if (c->pin_mismatch) {
        code = PANOS_E_TLS;
        panos__client_set_error(c, code, 0, -1, NULL,
                                "certificate pin mismatch: the device presented SHA-256 %s",
                                c->seen_fp[0] ? c->seen_fp : "(unreadable)");
    } else if (rc == CURLE_WRITE_ERROR && c->too_large) {
        code = PANOS_E_TOO_LARGE;
        panos__client_set_error(c, code, *http_out, -1, NULL,
                                "answer larger than %zu bytes (raise it with --max-bytes)",
                                c->max_bytes);
    } else if (rc == CURLE_WRITE_ERROR && c->body.failed) {
        code = PANOS_E_NOMEM;
        panos__client_set_error(c, code, *http_out, -1, NULL,
                                "out of memory reading a %zu-byte answer", c->body.len);
    } else if (rc == CURLE_WRITE_ERROR && c->sink_code != PANOS_OK) {
        code = c->sink_code; /* the sink set the detail */
    } else {
        code = curl_class(rc);
        char m[CURL_ERROR_SIZE + 64];
        snprintf(m, sizeof(m), "%s", c->curl_err[0] ? c->curl_err : curl_easy_strerror(rc));
        size_t l = strlen(m);
        while (l > 0 && (m[l - 1] == '\n' || m[l - 1] == ' '))
            m[--l] = '\0';
        if (code == PANOS_E_TIMEOUT && c->deadline_cut)
            deadline_error(c, "ran out during the request");
        else if (code == PANOS_E_TLS && !c->has_pin && !c->ca_file)
            panos__client_set_error(c, code, 0, -1, NULL,
                                    "%s (trust a self-signed firewall with --pin or --ca-file)",
                                    m);
        else
            panos__client_set_error(c, code, *http_out, -1, NULL, "%s", m);
    }
    return code;
}

static long backoff_ms(const panos_client *c, int attempt)
{
    long ms = c->retry_base_ms;
    for (int i = 0; i < attempt && ms < c->retry_max_ms; i++)
        ms *= 2;
    if (c->retry_after_s > c->retry_max_ms / 1000)
        return c->retry_max_ms; /* no overflow on an absurd Retry-After */
    if (c->retry_after_s >= 0 && c->retry_after_s * 1000 > ms)
        ms = c->retry_after_s * 1000;
    return ms > c->retry_max_ms ? c->retry_max_ms : ms;
}

static int retryable(panos_code code)
{
    return code == PANOS_E_UNAVAILABLE || code == PANOS_E_RATE_LIMITED ||
           code == PANOS_E_TRANSPORT;
}

static panos_code request_once(panos_response **out, panos_client *c,
                               const panos_param *params, size_t n, panos__sink_fn sink,
                               void *payload)
{
    panos__sb body = PANOS__SB_INIT, shown = PANOS__SB_INIT;
    panos_code code;
    if (out)
        *out = NULL;
    clear_error(c);
    code = build_body(c, params, n, &body, c->log ? &shown : NULL);
    if (code != PANOS_OK) {
        panos__client_set_error(c, code, 0, -1, NULL, "out of memory");
        goto done;
    }
    int attempts = sink == NULL && is_idempotent(params, n) ? c->max_retries + 1 : 1;
    c->sink = sink;
    c->sink_payload = payload;
    for (int attempt = 0; attempt < attempts; attempt++) {
        long http = 0;
        struct timespec t0, t1;
        if (panos__client_deadline_left(c) == 0) {
            code = deadline_error(c, attempt ? "ran out before the retry"
                                             : "ran out before the request");
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &t0);
        trace(c, "> POST %s %s%s", c->url, shown.ptr ? shown.ptr : "",
              c->key ? " [X-PAN-KEY: ***]" : (c->basic_user ? " [basic auth: ***]" : ""));
        code = exchange(c, body.ptr, body.len, &http);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long el = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
        if (code == PANOS_OK && sink && http == 200) {
            trace(c, "< HTTP 200 streamed (%ld ms)", el);
            break;
        }
        if (code == PANOS_OK) {
            trace(c, "< HTTP %ld, %zu bytes, %s (%ld ms)", http, c->body.len,
                  c->content_type[0] ? c->content_type : "no content type", el);
            code = classify_answer(c, http, sink ? NULL : out);
        } else {
            trace(c, "< failed after %ld ms: %s", el, c->err.message);
        }
        if (!retryable(code) || attempt + 1 >= attempts)
            break;
        if (code == PANOS_E_TRANSPORT && c->err.http_status == 0 &&
            strstr(c->err.message, "resolve") != NULL)
            break; /* a name that does not resolve will not resolve in a second */
        long wait = backoff_ms(c, attempt);
        long left = panos__client_deadline_left(c);
        if (out && *out) {
            panos_response_free(*out);
            *out = NULL;
        }
        if (left >= 0 && wait >= left) {
            /* Never sleep past the deadline: fail now, saying what the last attempt met. */
            char why[160];
            snprintf(why, sizeof(why), "leaves no time for the retry due in %ld ms (%s: %s)",
                     wait, panos_code_name(code), c->err.message);
            code = deadline_error(c, why);
            break;
        }
        trace(c, "* retrying in %ld ms (%s)", wait, panos_code_name(code));
        sleep_ms(wait);
    }
done:
    c->sink = NULL;
    c->sink_payload = NULL;
    panos__sb_dispose(&body, 1);
    panos__sb_dispose(&shown, 0);
    panos__sb_dispose(&c->body, 1);
    return code;
}

/* Whether a failure may be cured by a new key (client.h, panos_client_set_rekey). */
static int renewable(const panos_client *c, panos_code code, const panos_param *params, size_t n)
{
    const char *type = param_value(params, n, "type");
    if (c->rekey_creds == NULL || c->key == NULL || c->basic_user != NULL ||
        (type != NULL && strcmp(type, "keygen") == 0))
        return 0;
    return code == PANOS_E_KEY_EXPIRED || code == PANOS_E_AUTH || c->err.api_code == 16 ||
           c->err.api_code == 22;
}

static panos_code request(panos_response **out, panos_client *c, const panos_param *params,
                          size_t n, panos__sink_fn sink, void *payload)
{
    panos_code code = request_once(out, c, params, n, sink, payload);
    if (code == PANOS_OK || !renewable(c, code, params, n))
        return code;
    char first[512];
    snprintf(first, sizeof(first), "%s", c->err.message);
    trace(c, "* the key was refused (%s): making a new one", panos_code_name(code));
    panos_buf user = PANOS_BUF_INIT, password = PANOS_BUF_INIT;
    panos_code rc = c->rekey_creds(c->rekey_payload, &user, &password);
    if (rc == PANOS_OK && (user.ptr == NULL || password.ptr == NULL))
        rc = PANOS_E_AUTH;
    if (rc != PANOS_OK) {
        panos_buf_dispose_secret(&user);
        panos_buf_dispose_secret(&password);
        return code; /* no credentials: the first failure stands */
    }
    if (out && *out) {
        panos_response_free(*out);
        *out = NULL;
    }
    rc = panos_keygen(c, user.ptr, password.ptr);
    panos_buf_dispose_secret(&user);
    panos_buf_dispose_secret(&password);
    if (rc != PANOS_OK) {
        char why[512];
        snprintf(why, sizeof(why), "%s", c->err.message);
        panos__client_set_error(c, rc, c->err.http_status, c->err.api_code, c->err.api_status,
                                "the key was refused (%s) and keygen failed too: %s", first,
                                why);
        return rc;
    }
    if (c->rekey_store)
        c->rekey_store(c->rekey_payload, c->key);
    trace(c, "%s", "* new key made; sending the request again");
    return request_once(out, c, params, n, sink, payload);
}

panos_code panos_request(panos_response **out, panos_client *c, const panos_param *params,
                         size_t nparams)
{
    PANOS_ASSERT(out != NULL && c != NULL && (params != NULL || nparams == 0));
    return request(out, c, params, nparams, NULL, NULL);
}

panos_code panos__request_stream(panos_client *c, const panos_param *params, size_t nparams,
                                 panos__sink_fn sink, void *payload)
{
    return request(NULL, c, params, nparams, sink, payload);
}

panos_code panos_keygen(panos_client *c, const char *user, const char *password)
{
    PANOS_ASSERT(c != NULL);
    panos_param p[] = {{"type", "keygen"}, {"user", user}, {"password", password}};
    panos_response *r = NULL;
    /* keygen authenticates by its parameters: no old key or basic auth goes with it. */
    char *old_key = c->key, *old_user = c->basic_user;
    c->key = NULL;
    c->basic_user = NULL; /* PAN-OS refuses basic auth on keygen (panos-xml-api.md §2.1) */
    c->keygen_password = password;
    panos_code code = request(&r, c, p, 3, NULL, NULL);
    c->keygen_password = NULL;
    c->key = old_key;
    c->basic_user = old_user;
    if (code != PANOS_OK)
        goto done;
    panos_buf text = PANOS_BUF_INIT;
    code = panos_node_text(&text, panos_node_child(panos_response_result(r), "key"));
    if (code != PANOS_OK)
        goto done;
    if (text.size == 0 || has_control_byte(text.ptr)) {
        int empty = text.size == 0;
        panos_buf_dispose_secret(&text);
        code = PANOS_E_PARSE;
        panos__client_set_error(c, code, 200, panos_response_code(r), panos_response_status(r),
                                empty ? "keygen answer holds no key"
                                      : "keygen answer holds a key with control characters");
        goto done;
    }
    char *k = strdup(text.ptr);
    panos_buf_dispose_secret(&text);
    if (k == NULL) {
        code = PANOS_E_NOMEM;
        goto done;
    }
    replace_secret(&c->key, k);
done:
    panos__response_free_secret(r); /* it held the key */
    return code;
}

panos_code panos_op_run(panos_response **out, panos_client *c, const char *cmd_xml)
{
    PANOS_ASSERT(out != NULL && c != NULL);
    panos_param p[] = {{"type", "op"}, {"cmd", cmd_xml}};
    return panos_request(out, c, p, 2);
}

static panos_code config_read(panos_response **out, panos_client *c, const char *action,
                              const char *xpath)
{
    panos_param p[] = {{"type", "config"}, {"action", action}, {"xpath", xpath}};
    panos_code code = panos_request(out, c, p, 3);
    /* get of a missing node: success with code 7 and an empty result (panos-xml-api.md §2.4);
     * say which xpath rather than the generic text. */
    if (code == PANOS_E_NOT_FOUND && *out && panos_response_code(*out) == 7 &&
        panos_response_status(*out) && strcmp(panos_response_status(*out), "success") == 0)
        panos__client_set_error(c, code, 200, 7, "success", "no node at xpath %s", xpath);
    return code;
}

panos_code panos_config_get(panos_response **out, panos_client *c, const char *xpath)
{
    PANOS_ASSERT(out != NULL && c != NULL);
    return config_read(out, c, "get", xpath);
}

panos_code panos_config_show(panos_response **out, panos_client *c, const char *xpath)
{
    PANOS_ASSERT(out != NULL && c != NULL);
    return config_read(out, c, "show", xpath);
}

panos_code panos_version_get(panos_response **out, panos_client *c)
{
    PANOS_ASSERT(out != NULL && c != NULL);
    panos_param p[] = {{"type", "version"}};
    return panos_request(out, c, p, 1);
}
