/* SPDX-License-Identifier: MIT */
/* macvendor_online.c -- the optional online MAC vendor lookup (macvendors.com's plain-text
 * endpoint): TLS-verified GETs, at most one a second, answers cached in a private file. */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <unistd.h>
#include <panos/macvendor.h>
#include <panos/rc.h>

#define MAX_BODY 512      /* a vendor name; longer answers are refused */
#define MAX_ENTRIES 10000 /* the cache keeps the newest this many */

struct entry {
    char mac[18]; /* "00:1b:17:00:00:01" */
    long long at; /* epoch seconds of the answer */
    char *vendor; /* NULL: not found (a negative answer) */
};

struct panos_macvendor_online {
    char *base_url, *cache_path;
    long long ttl_s, interval_ms, timeout_ms;
    long long last_ms; /* epoch ms of the last request (also from the cache file) */
    struct entry *v;
    size_t n;
    unsigned long requests;
};

static void err(char *buf, size_t len, const char *fmt, const char *arg)
{
    if (buf != NULL && len > 0)
        snprintf(buf, len, fmt, arg);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void panos_macvendor_online_options_init(panos_macvendor_online_options *o)
{
    memset(o, 0, sizeof(*o));
    o->version = PANOS_MACVENDOR_ONLINE_OPTIONS_VERSION;
}

/* https://, or http:// to a loopback host (a test server). */
static int url_allowed(const char *url)
{
    static const char *const loop[] = {"http://127.0.0.1:", "http://127.0.0.1/",
                                       "http://[::1]:",     "http://[::1]/",
                                       "http://localhost:", "http://localhost/"};
    if (strncmp(url, "https://", 8) == 0)
        return 1;
    for (size_t i = 0; i < sizeof(loop) / sizeof(loop[0]); i++)
        if (strncmp(url, loop[i], strlen(loop[i])) == 0)
            return 1;
    return 0;
}

static int add(struct panos_macvendor_online *h, const char *mac, long long at, const char *vendor)
{
    for (size_t i = 0; i < h->n; i++) {
        if (strcmp(h->v[i].mac, mac) == 0) {
            free(h->v[i].vendor);
            h->v[i].vendor = vendor ? strdup(vendor) : NULL;
            h->v[i].at = at;
            return 0;
        }
    }
    if (h->n == MAX_ENTRIES) { /* drop the oldest */
        free(h->v[0].vendor);
        memmove(h->v, h->v + 1, (h->n - 1) * sizeof(*h->v));
        h->n--;
    }
    struct entry *v = realloc(h->v, (h->n + 1) * sizeof(*v));
    if (v == NULL)
        return -1;
    h->v = v;
    snprintf(v[h->n].mac, sizeof(v[h->n].mac), "%s", mac);
    v[h->n].at = at;
    v[h->n].vendor = vendor ? strdup(vendor) : NULL;
    h->n++;
    return 0;
}

/* The cache file: "panctl-macvendor-cache 1" and "last-request MS", then "MAC\tEPOCH\tVENDOR"
 * lines (VENDOR empty: not found). A missing file is an empty cache; bad lines are skipped. */
static panos_code cache_load(struct panos_macvendor_online *h, char *errbuf, size_t errlen)
{
    FILE *f = fopen(h->cache_path, "r");
    char line[MAX_BODY + 64], mac[18];
    long long at;
    int used;
    if (f == NULL) {
        if (errno == ENOENT)
            return PANOS_OK;
        err(errbuf, errlen, "cannot read the MAC vendor cache %s", h->cache_path);
        return PANOS_E_IO;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "last-request %lld", &at) == 1)
            h->last_ms = at > h->last_ms ? at : h->last_ms;
        else if (sscanf(line, "%17[0-9a-f:]\t%lld\t%n", mac, &at, &used) == 2 && strlen(mac) == 17)
            add(h, mac, at, line[used] ? line + used : NULL);
    }
    fclose(f);
    return PANOS_OK;
}

static panos_code cache_save(const struct panos_macvendor_online *h, char *errbuf, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return PANOS_E_NOMEM;
    fprintf(f, "panctl-macvendor-cache 1\nlast-request %lld\n", h->last_ms);
    for (size_t i = 0; i < h->n; i++)
        fprintf(f, "%s\t%lld\t%s\n", h->v[i].mac, h->v[i].at, h->v[i].vendor ? h->v[i].vendor : "");
    if (fclose(f) != 0) {
        free(buf);
        return PANOS_E_NOMEM;
    }
    panos_code code = panos_file_write_atomic(h->cache_path, buf, len, 0600, errbuf, errlen);
    free(buf);
    return code;
}

panos_code panos_macvendor_online_new(panos_macvendor_online **out,
                                      const panos_macvendor_online_options *o, char *errbuf,
                                      size_t errlen)
{
    const char *base = o->base_url ? o->base_url : PANOS_MACVENDOR_ONLINE_URL;
    *out = NULL;
    if (errbuf != NULL && errlen > 0)
        errbuf[0] = '\0';
    if (!url_allowed(base) || base[strlen(base) - 1] != '/') {
        err(errbuf, errlen, "MAC vendor URL %s: expected https://.../ (http:// only to loopback)",
            base);
        return PANOS_E_INVALID_ARG;
    }
    struct panos_macvendor_online *h = calloc(1, sizeof(*h));
    if (h == NULL || (h->base_url = strdup(base)) == NULL ||
        (o->cache_path && (h->cache_path = strdup(o->cache_path)) == NULL)) {
        panos_macvendor_online_free(h);
        return PANOS_E_NOMEM;
    }
    h->ttl_s = o->cache_ttl_s > 0 ? o->cache_ttl_s : PANOS_MACVENDOR_ONLINE_TTL;
    h->interval_ms = o->min_interval_ms > 0 ? o->min_interval_ms : 1000;
    h->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 10000;
    panos_code code = h->cache_path ? cache_load(h, errbuf, errlen) : PANOS_OK;
    if (code != PANOS_OK) {
        panos_macvendor_online_free(h);
        return code;
    }
    *out = h;
    return PANOS_OK;
}

void panos_macvendor_online_free(panos_macvendor_online *h)
{
    if (h == NULL)
        return;
    for (size_t i = 0; i < h->n; i++)
        free(h->v[i].vendor);
    free(h->v);
    free(h->base_url);
    free(h->cache_path);
    free(h);
}

unsigned long panos_macvendor_online_requests(const panos_macvendor_online *h)
{
    return h->requests;
}

struct body {
    char buf[MAX_BODY + 1];
    size_t len;
    int over;
};

static size_t on_body(char *p, size_t size, size_t n, void *payload)
{
    struct body *b = payload;
    size_t len = size * n;
    if (b->len + len > MAX_BODY) {
        b->over = 1;
        return 0;
    }
    memcpy(b->buf + b->len, p, len);
    b->len += len;
    b->buf[b->len] = '\0';
    return len;
}

/* Sleep until min_interval_ms after the last request (this process's or the cache's). */
static void pace(struct panos_macvendor_online *h)
{
    long long wait = h->last_ms + h->interval_ms - now_ms();
    if (wait > h->interval_ms)
        wait = h->interval_ms; /* a clock set back: wait once, not for ever */
    if (wait > 0) {
        struct timespec ts = {(time_t)(wait / 1000), (long)(wait % 1000) * 1000000L};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
        }
    }
    h->last_ms = now_ms();
}

/* One GET of BASE + MAC: 200 is the vendor (text/plain), 404 not found. */
static panos_code fetch(struct panos_macvendor_online *h, const char *mac, struct body *b,
                        long *status, char *errbuf, size_t errlen)
{
    char url[1024], cerr[CURL_ERROR_SIZE] = "";
    CURL *c = curl_easy_init();
    if (c == NULL)
        return PANOS_E_NOMEM;
    snprintf(url, sizeof(url), "%s%s", h->base_url, mac);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)h->timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "panctl");
    pace(h);
    h->requests++;
    CURLcode rc = curl_easy_perform(c);
    /* The next request waits from the end of this one: the service saw this one before it
     * answered, so its gap between the two is never shorter than ours, however late the
     * request reached it (a pace counted from the send let a delayed request arrive early). */
    h->last_ms = now_ms();
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    curl_easy_cleanup(c);
    if (rc == CURLE_OK)
        return PANOS_OK;
    if (b->over) {
        err(errbuf, errlen, "%s: answer too large", h->base_url);
        return PANOS_E_TOO_LARGE;
    }
    err(errbuf, errlen, "%s", cerr[0] ? cerr : curl_easy_strerror(rc));
    return rc == CURLE_OPERATION_TIMEDOUT ? PANOS_E_TIMEOUT
           : rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR ||
                   rc == CURLE_SSL_CACERT_BADFILE
               ? PANOS_E_TLS
               : PANOS_E_TRANSPORT;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        s[--n] = '\0';
    for (char *p = s; *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' '; /* one line in the cache */
}

/* A fresh cached answer for @p key: 1 with *@p vendor_out set (NULL: not found), else 0. */
static int cached(const struct panos_macvendor_online *h, const char *key, long long now,
                  char **vendor_out)
{
    for (size_t i = 0; i < h->n; i++) {
        if (strcmp(h->v[i].mac, key) == 0 && now - h->v[i].at < h->ttl_s && h->v[i].at <= now) {
            *vendor_out = h->v[i].vendor ? strdup(h->v[i].vendor) : NULL;
            return 1; /* a failed strdup reads as "not found": nothing worse */
        }
    }
    return 0;
}

/* An exclusive lock on CACHE.lock (0600), held until the descriptor is closed; -1 without a
 * cache or when it cannot be taken (the lookup then goes on unlocked). */
static int cache_lock(const struct panos_macvendor_online *h)
{
    char path[4096];
    if (h->cache_path == NULL ||
        (size_t)snprintf(path, sizeof(path), "%s.lock", h->cache_path) >= sizeof(path))
        return -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

panos_code panos_macvendor_online_lookup(char **vendor_out, int *cached_out,
                                         panos_macvendor_online *h, const char *mac, char *errbuf,
                                         size_t errlen)
{
    unsigned long long m;
    char key[18];
    long long now = now_ms() / 1000;
    *vendor_out = NULL;
    if (cached_out != NULL)
        *cached_out = 0;
    if (errbuf != NULL && errlen > 0)
        errbuf[0] = '\0';
    if (panos_mac_parse(&m, mac) != 0) {
        err(errbuf, errlen, "'%s' is not a MAC address", mac);
        return PANOS_E_INVALID_ARG;
    }
    snprintf(key, sizeof(key), "%02llx:%02llx:%02llx:%02llx:%02llx:%02llx", m >> 40 & 0xff,
             m >> 32 & 0xff, m >> 24 & 0xff, m >> 16 & 0xff, m >> 8 & 0xff, m & 0xff);
    if (cached(h, key, now, vendor_out)) {
        if (cached_out != NULL)
            *cached_out = 1;
        return PANOS_OK;
    }
    /* Other processes share the cache: under its lock, read their answers and the time of
     * their last request again, so that the pace holds for all of them together. */
    int lock = cache_lock(h);
    if (lock >= 0 && cache_load(h, NULL, 0) == PANOS_OK && cached(h, key, now, vendor_out)) {
        close(lock);
        if (cached_out != NULL)
            *cached_out = 1;
        return PANOS_OK;
    }
    struct body b = {.len = 0};
    long status = 0;
    panos_code code = fetch(h, key, &b, &status, errbuf, errlen);
    if (code == PANOS_OK && status != 200 && status != 404) {
        char s[16];
        snprintf(s, sizeof(s), "%ld", status);
        err(errbuf, errlen,
            status == 429 ? "MAC vendor lookup refused: HTTP %s, too many requests"
                          : "MAC vendor lookup failed: HTTP %s",
            s);
        code = PANOS_E_HTTP;
    }
    if (code == PANOS_OK) {
        trim(b.buf);
        if ((status == 200 && b.buf[0] != '\0' && (*vendor_out = strdup(b.buf)) == NULL) ||
            add(h, key, now, *vendor_out) != 0) {
            free(*vendor_out);
            *vendor_out = NULL;
            if (lock >= 0)
                close(lock);
            return PANOS_E_NOMEM;
        }
    }
    /* the time of the request is kept even when it failed: the next one waits for it too */
    if (h->cache_path != NULL) {
        char cerr[256] = "";
        panos_code saved = cache_save(h, cerr, sizeof(cerr));
        if (saved != PANOS_OK && code == PANOS_OK) {
            free(*vendor_out);
            *vendor_out = NULL;
            err(errbuf, errlen, "%s", cerr);
            code = saved;
        }
    }
    if (lock >= 0)
        close(lock);
    return code;
}
