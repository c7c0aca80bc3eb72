/* SPDX-License-Identifier: MIT */
/* prisma_sim.c -- pansim --prisma: login, JWT extension and expiry, paged routes, faults. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <jansson.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <microhttpd.h>
#include "prisma_sim.h"

#define MAX_TOKENS 256
#define MAX_FAULTS 16
#define MAX_BODY (1024 * 1024)
#define HOSTS_MAX 50 /* Compute caps pages at 50 objects */
#define TENANT "/us-1-2345678"

/* --prisma-fault KIND@N[xCOUNT]: requests N .. N+COUNT-1 (1-based, all routes) get KIND. */
struct psim_fault {
    int status; /* 401 (every token revoked), 403, 404, 429, 500, 503 */
    long at, count;
};

struct psim {
    struct psim_data data;
    const char *key_id, *secret;
    double ttl_s;
    long page_max;
    long retry_after; /* on 429 (0: none) */
    int no_total_count;
    struct psim_fault faults[MAX_FAULTS];
    size_t nfaults;
    unsigned port;
    FILE *log;
    long nreq, ntok;
    struct {
        char tok[64];
        double expires;
    } tokens[MAX_TOKENS];
};

struct pending {
    char *body;
    size_t len;
    int too_big;
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *new_token(struct psim *s)
{
    long i = s->ntok++ % MAX_TOKENS;
    unsigned r = (unsigned)rand();
    snprintf(s->tokens[i].tok, sizeof(s->tokens[i].tok), "eyJhbGciOiJIUzI1NiJ9.pansim%ld.%08x",
             s->ntok, r);
    s->tokens[i].expires = now_s() + s->ttl_s;
    return s->tokens[i].tok;
}

/* 1: valid, 0: none given, -1: unknown or expired. */
static int token_ok(struct psim *s, const char *t)
{
    if (t == NULL)
        return 0;
    for (int i = 0; i < MAX_TOKENS; i++)
        if (s->tokens[i].tok[0] && strcmp(s->tokens[i].tok, t) == 0)
            return s->tokens[i].expires > now_s() ? 1 : -1;
    return -1;
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, const char *body,
                                 size_t len, const char *redlock, long total, long retry_after)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (r == NULL)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", len ? "application/json" : "text/html");
    if (redlock)
        MHD_add_response_header(r, "x-redlock-status", redlock);
    if (total >= 0) {
        char v[32];
        snprintf(v, sizeof(v), "%ld", total);
        MHD_add_response_header(r, "Total-Count", v);
    }
    if (retry_after > 0) {
        char v[32];
        snprintf(v, sizeof(v), "%ld", retry_after);
        MHD_add_response_header(r, "Retry-After", v);
    }
    if (status == 429) {
        MHD_add_response_header(r, "X-RateLimit-Remaining", "0");
        MHD_add_response_header(r, "X-RateLimit-Burst-Capacity", "10");
        MHD_add_response_header(r, "X-RateLimit-Replenish-Rate", "10");
    }
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_str(struct MHD_Connection *c, unsigned status, const char *body,
                                const char *redlock)
{
    return send_json(c, status, body, strlen(body), redlock, -1, 0);
}

static void redlock(char *out, size_t cap, const char *key, const char *subject)
{
    snprintf(out, cap, "[{\"i18nKey\":\"%s\",\"severity\":\"error\",\"subject\":%s%s%s}]", key,
             subject ? "\"" : "", subject ? subject : "null", subject ? "\"" : "");
}

static const struct psim_fault *fault_now(const struct psim *s)
{
    for (size_t i = 0; i < s->nfaults; i++)
        if (s->nreq >= s->faults[i].at && s->nreq < s->faults[i].at + s->faults[i].count)
            return &s->faults[i];
    return NULL;
}

static enum MHD_Result answer_fault(struct psim *s, struct MHD_Connection *c,
                                    const struct psim_fault *f, int compute)
{
    char rl[256];
    switch (f->status) {
    case 403:
        if (compute)
            return send_str(c, 403,
                            "{\"err\":\"the role of this access key has no access to "
                            "Compute (needs the System Admin permission group)\"}",
                            NULL);
        redlock(rl, sizeof(rl), "insufficient_permissions", "Asset Inventory (View)");
        return send_str(c, 403, "", rl);
    case 404:
        return send_str(c, 404, "<html><body>404 Not Found</body></html>", NULL);
    case 429: /* as the throttled answers users report: no x-redlock-status, empty body */
        return send_json(c, 429, "", 0, NULL, -1, s->retry_after);
    case 503:
        return send_json(c, 503, "", 0, NULL, -1, 1);
    default:
        return send_str(c, (unsigned)f->status, "{\"err\":\"internal error\"}", NULL);
    }
}

static enum MHD_Result login(struct psim *s, struct MHD_Connection *c, const struct pending *p)
{
    json_t *j = p->body ? json_loadb(p->body, p->len, 0, NULL) : NULL;
    const char *u = json_string_value(json_object_get(j, "username"));
    const char *pw = json_string_value(json_object_get(j, "password"));
    int ok = u && pw && strcmp(u, s->key_id) == 0 && strcmp(pw, s->secret) == 0;
    json_decref(j);
    if (!ok) {
        char rl[200];
        redlock(rl, sizeof(rl), "invalid_credentials", NULL);
        return send_str(c, 401, "", rl);
    }
    char body[300];
    snprintf(body, sizeof(body),
             "{\"token\":\"%s\",\"message\":\"login_successful\",\"customerNames\":[{"
             "\"customerName\":\"Example Corp\",\"prismaId\":\"806000000000000000\","
             "\"tosAccepted\":true}]}",
             new_token(s));
    return send_str(c, 200, body, NULL);
}

/* The page token of offset @p off: opaque to clients, stateless here so a resumed run works. */
static void page_token(char *out, size_t cap, long off)
{
    snprintf(out, cap, "pst%08lx.%lx", off * 7919 + 13, off);
}

static long token_offset(const char *t)
{
    unsigned long a, b;
    char tail;
    if (t == NULL || sscanf(t, "pst%8lx.%lx%c", &a, &b, &tail) != 2 || a != b * 7919 + 13)
        return -1;
    return (long)b;
}

/*
 * One page of config search rows. As the /v2/alert pages do, the last page with rows still
 * carries a nextPageToken, whose page is empty (and has a token again).
 */
static enum MHD_Result search_page(struct psim *s, struct MHD_Connection *c, long off, long limit,
                                   int envelope)
{
    struct psim_buf b = {0};
    char next[64];
    if (limit <= 0 || limit > s->page_max)
        limit = s->page_max;
    page_token(next, sizeof(next), off + limit);
    if (envelope)
        psim_printf(&b, "{\"id\":\"a1b2c3d4\",\"searchType\":\"config\",\"saved\":false,"
                        "\"cloudType\":\"aws\",\"data\":");
    psim_printf(&b, "{\"totalRows\":%ld,\"items\":[", s->data.nassets);
    psim_assets_json(&b, &s->data, off, limit);
    psim_printf(&b, "],\"dynamicColumns\":[],\"nextPageToken\":\"%s\"}%s", next,
                envelope ? "}" : "");
    enum MHD_Result r = b.oom ? MHD_NO : send_json(c, 200, b.p ? b.p : "", b.len, NULL, -1, 0);
    free(b.p);
    return r;
}

static enum MHD_Result search(struct psim *s, struct MHD_Connection *c, const struct pending *p,
                              int next)
{
    json_t *j = p->body ? json_loadb(p->body, p->len, 0, NULL) : NULL;
    long limit = (long)json_integer_value(json_object_get(j, "limit"));
    const char *q = json_string_value(json_object_get(j, "query"));
    long off = next ? token_offset(json_string_value(json_object_get(j, "pageToken"))) : 0;
    int bad = next ? off < 0 : (q == NULL || strstr(q, "aws-ec2-describe-instances") == NULL);
    json_decref(j);
    char rl[200];
    if (bad) {
        redlock(rl, sizeof(rl), "invalid_parameter_value", next ? "pageToken" : "query");
        return send_str(c, 400, "", rl);
    }
    return search_page(s, c, off, limit, !next);
}

static long arg_long(struct MHD_Connection *c, const char *name, long dflt)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
    return v ? strtol(v, NULL, 10) : dflt;
}

static enum MHD_Result hosts(struct psim *s, struct MHD_Connection *c)
{
    long limit = arg_long(c, "limit", HOSTS_MAX), off = arg_long(c, "offset", 0);
    if (limit <= 0 || limit > HOSTS_MAX)
        limit = HOSTS_MAX;
    struct psim_buf b = {0};
    psim_hosts_json(&b, &s->data, off < 0 ? 0 : off, limit);
    enum MHD_Result r =
        b.oom ? MHD_NO
              : send_json(c, 200, b.p, b.len, NULL, s->no_total_count ? -1 : s->data.nassets, 0);
    free(b.p);
    return r;
}

static void log_request(struct psim *s, const char *method, const char *url, int auth)
{
    if (s->log == NULL)
        return;
    fprintf(s->log, "%s %s auth=%s\n", method, url,
            auth > 0   ? "jwt"
            : auth < 0 ? "bad-jwt"
                       : "none");
    fflush(s->log);
}

static enum MHD_Result route(struct psim *s, struct MHD_Connection *c, const char *url,
                             const char *method, const struct pending *p)
{
    const char *jwt = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "x-redlock-auth");
    int auth = token_ok(s, jwt), post = strcmp(method, "POST") == 0;
    int compute = strncmp(url, TENANT "/api/", sizeof(TENANT "/api/") - 1) == 0;
    char rl[200];
    s->nreq++;
    char full[600];
    long off = arg_long(c, "offset", -1);
    snprintf(full, sizeof(full), "%s", url);
    if (off >= 0)
        snprintf(full, sizeof(full), "%s?offset=%ld", url, off);
    log_request(s, method, full, auth);
    const struct psim_fault *f = fault_now(s);
    if (f && f->status == 401) {
        for (int i = 0; i < MAX_TOKENS; i++)
            s->tokens[i].expires = 0; /* every session ends, as at a token's expiry */
        auth = jwt ? -1 : 0;
    } else if (f) {
        return answer_fault(s, c, f, compute);
    }
    if (post && strcmp(url, "/login") == 0)
        return login(s, c, p);
    if (auth <= 0) {
        if (compute)
            return send_str(c, 401, "{\"err\":\"not authenticated\"}", NULL);
        redlock(rl, sizeof(rl),
                strcmp(url, "/auth_token/extend") == 0 ? "token_expired" : "invalid_token", NULL);
        return send_str(c, 401, "", rl);
    }
    if (!post && strcmp(url, "/auth_token/extend") == 0) {
        char body[200];
        snprintf(body, sizeof(body), "{\"token\":\"%s\",\"message\":\"login_successful\"}",
                 new_token(s));
        return send_str(c, 200, body, NULL);
    }
    if (!post && strcmp(url, "/meta_info") == 0) {
        char body[200];
        snprintf(body, sizeof(body), "{\"twistlockUrl\":\"http://127.0.0.1:%u" TENANT "\"}",
                 s->port);
        return send_str(c, 200, body, NULL);
    }
    if (post && strcmp(url, "/search/config") == 0)
        return search(s, c, p, 0);
    if (post && strcmp(url, "/search/config/page") == 0)
        return search(s, c, p, 1);
    if (!post && compute && strcmp(url + sizeof(TENANT "/api/") - 1, "v1/hosts") == 0)
        return hosts(s, c);
    redlock(rl, sizeof(rl), "not_found", NULL);
    return send_str(c, 404, "", rl);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *size, void **con_cls)
{
    (void)version;
    struct pending *p = *con_cls;
    if (p == NULL) {
        if ((p = calloc(1, sizeof(*p))) == NULL)
            return MHD_NO;
        *con_cls = p;
        return MHD_YES;
    }
    if (*size > 0) {
        size_t n = *size;
        *size = 0;
        if (p->len + n > MAX_BODY) {
            p->too_big = 1;
            return MHD_YES;
        }
        char *b = realloc(p->body, p->len + n + 1);
        if (b == NULL)
            return MHD_NO;
        memcpy(b + p->len, data, n);
        p->body = b;
        p->len += n;
        p->body[p->len] = '\0';
        return MHD_YES;
    }
    if (p->too_big)
        return send_str(c, 413, "{\"err\":\"body too large\"}", NULL);
    return route(cls, c, url, method, p);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    struct pending *p = *con_cls;
    if (p == NULL)
        return;
    if (p->body)
        memset(p->body, 0, p->len); /* it may hold the secret key */
    free(p->body);
    free(p);
    *con_cls = NULL;
}

/* A sockaddr for 127.0.0.1:@p port (pansim listens on loopback only). */
static const struct sockaddr *loopback(unsigned port)
{
    static struct sockaddr_in sin;
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons((uint16_t)port);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return (const struct sockaddr *)&sin;
}
static const struct option popts[] = {
    {"prisma", no_argument, NULL, 'Y'},
    {"port", required_argument, NULL, 'p'},
    {"portfile", required_argument, NULL, 'F'},
    {"log", required_argument, NULL, 'l'},
    {"quit-after", required_argument, NULL, 'q'},
    {"seed", required_argument, NULL, 'S'},
    {"prisma-assets", required_argument, NULL, 'a'},
    {"prisma-vulns", required_argument, NULL, 'v'},
    {"prisma-changed", required_argument, NULL, 'c'},
    {"prisma-token-ttl", required_argument, NULL, 't'},
    {"prisma-key-id", required_argument, NULL, 'k'},
    {"prisma-secret", required_argument, NULL, 's'},
    {"prisma-page-max", required_argument, NULL, 'm'},
    {"prisma-retry-after", required_argument, NULL, 'r'},
    {"prisma-no-total-count", no_argument, NULL, 'n'},
    {"prisma-fault", required_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int num(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || v < lo || v > hi) {
        fprintf(stderr, "pansim: --%s %s: expected a number from %g to %g\n", opt, s, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

/* KIND@N[xCOUNT], KIND one of 401 403 404 429 500 502 503 504. */
static int parse_fault(struct psim *s, const char *arg)
{
    long st, at, cnt = 1;
    char x = 0, tail = 0;
    int n = sscanf(arg, "%ld@%ld%c%ld%c", &st, &at, &x, &cnt, &tail);
    int ok = (n == 2 || (n == 4 && x == 'x')) && at >= 1 && cnt >= 1 && s->nfaults < MAX_FAULTS &&
             (st == 401 || st == 403 || st == 404 || st == 429 || (st >= 500 && st <= 504));
    if (!ok) {
        fprintf(stderr,
                "pansim: --prisma-fault %s: expected STATUS@N[xCOUNT] (401, 403, 404, "
                "429, 500-504)\n",
                arg);
        return -1;
    }
    s->faults[s->nfaults++] = (struct psim_fault){(int)st, at, cnt};
    return 0;
}

static int parse_opts(struct psim *s, int argc, char **argv, const char **portfile,
                      const char **logpath, double *quit_after)
{
    int c;
    double v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:", popts, NULL)) != -1) {
        int bad = 0;
        switch (c) {
        case 'Y':
            break;
        case 'p':
            bad = num("port", optarg, 0, 65535, &v), s->port = (unsigned)v;
            break;
        case 'F':
            *portfile = optarg;
            break;
        case 'l':
            *logpath = optarg;
            break;
        case 'q':
            bad = num("quit-after", optarg, 0, 1e9, quit_after);
            break;
        case 'S':
            bad = num("seed", optarg, 0, 1e15, &v), s->data.seed = (unsigned long)v;
            break;
        case 'a':
            bad = num("prisma-assets", optarg, 0, 1e8, &v), s->data.nassets = (long)v;
            break;
        case 'v':
            bad = num("prisma-vulns", optarg, 0, 1e9, &v), s->data.nvulns = (long)v;
            break;
        case 'c':
            bad = num("prisma-changed", optarg, 0, 100, &s->data.changed_pct);
            break;
        case 't':
            bad = num("prisma-token-ttl", optarg, 0.1, 86400, &s->ttl_s);
            break;
        case 'k':
            s->key_id = optarg;
            break;
        case 's':
            s->secret = optarg;
            break;
        case 'm':
            bad = num("prisma-page-max", optarg, 1, 10000, &v), s->page_max = (long)v;
            break;
        case 'r':
            bad = num("prisma-retry-after", optarg, 0, 3600, &v), s->retry_after = (long)v;
            break;
        case 'n':
            s->no_total_count = 1;
            break;
        case 'f':
            bad = parse_fault(s, optarg);
            break;
        case 'h':
            fputs("usage: pansim --prisma [--port N] [--portfile F] [--log F] [--seed N]\n"
                  "  [--prisma-assets N] [--prisma-vulns M] [--prisma-changed PCT]\n"
                  "  [--prisma-token-ttl S] [--prisma-key-id ID] [--prisma-secret S]\n"
                  "  [--prisma-page-max N] [--prisma-retry-after S] [--prisma-no-total-count]\n"
                  "  [--prisma-fault STATUS@N[xCOUNT]]... (see pansim(1))\n",
                  stdout);
            exit(0);
        default:
            bad = 1;
            break;
        }
        if (bad)
            return -1;
    }
    if (s->data.nvulns < 0)
        s->data.nvulns = s->data.nassets * 10;
    if (s->data.nvulns > s->data.nassets * 64L) {
        fputs("pansim: --prisma-vulns: at most 64 findings per asset\n", stderr);
        return -1;
    }
    return 0;
}

int sim_prisma_main(int argc, char **argv)
{
    static struct psim s;
    const char *portfile = NULL, *logpath = NULL;
    double quit_after = 0;
    s.data.nassets = 100;
    s.data.nvulns = -1; /* ten per asset unless --prisma-vulns */
    s.data.seed = 1;
    s.ttl_s = 600;
    s.page_max = 1000;
    s.key_id = "pansim-access-key-id";
    s.secret = "pansim-secret-key";
    if (parse_opts(&s, argc, argv, &portfile, &logpath, &quit_after) != 0) {
        fputs("Try 'pansim --help'.\n", stderr);
        return 2;
    }
    if (optind < argc) {
        fprintf(stderr, "pansim: --prisma: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (logpath && (s.log = fopen(logpath, "a")) == NULL) {
        fprintf(stderr, "pansim: cannot open the request log %s: %s\n", logpath, strerror(errno));
        return 1;
    }
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    struct MHD_Daemon *d =
        MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)s.port,
                         NULL, NULL, on_request, &s, MHD_OPTION_NOTIFY_COMPLETED, on_done, &s,
                         MHD_OPTION_SOCK_ADDR, loopback(s.port), MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "pansim: --prisma: cannot listen on 127.0.0.1:%u\n", s.port);
        return 1;
    }
    s.port = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT)->port;
    int rc = 0;
    if (portfile) {
        FILE *f = fopen(portfile, "w");
        if (f == NULL || fprintf(f, "%u\n", s.port) < 0 || fclose(f) != 0) {
            fprintf(stderr, "pansim: cannot write %s\n", portfile);
            rc = 1;
        }
    }
    fprintf(stderr, "pansim: prisma on http://127.0.0.1:%u/ (%ld assets, %ld findings)\n", s.port,
            s.data.nassets, s.data.nvulns);
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    double start = now_s();
    while (rc == 0 && !stop_signal) {
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
        if (quit_after > 0 && now_s() - start >= quit_after)
            break;
    }
    MHD_stop_daemon(d);
    if (s.log)
        fclose(s.log);
    return rc;
}
