/* SPDX-License-Identifier: MIT */
/* http.c -- libmicrohttpd server: landing page, self metrics, /probe suspended until ready. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "http.h"
#include "log.h"

#define CT_TEXT "text/plain; version=0.0.4; charset=utf-8"

struct exp_http {
    struct MHD_Daemon *d;
    struct exp_engine *e;
};

/* Per request: the probe while it runs. */
struct req {
    struct exp_probe *p;
    struct MHD_Connection *conn;
    int ready;
};

static const char landing[] =
    "<html><head><title>panos_exporter</title></head><body><h1>panos_exporter</h1>"
    "<p><a href=\"/metrics\">/metrics</a>: the exporter's own metrics</p>"
    "<p>/probe?target=NAME&amp;module=MODULE: one firewall's metrics</p></body></html>\n";

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *type,
                             const char *body, size_t len, enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, mode);
    if (r == NULL)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result text(struct MHD_Connection *c, unsigned status, const char *msg)
{
    return reply(c, status, "text/plain; charset=utf-8", msg, strlen(msg), MHD_RESPMEM_MUST_COPY);
}

static void on_ready(void *arg)
{
    struct req *r = arg;
    r->ready = 1;
    MHD_resume_connection(r->conn);
}

/* The budget: X-Prometheus-Scrape-Timeout-Seconds minus 0.5 s, 10 s when absent. */
static double budget(struct MHD_Connection *c)
{
    const char *h =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Prometheus-Scrape-Timeout-Seconds");
    char *end;
    double v = h ? strtod(h, &end) : 0;
    if (h == NULL || end == h || v <= 0)
        v = 10;
    v -= 0.5;
    return v < 0.2 ? 0.2 : v;
}

static enum MHD_Result probe(struct exp_http *h, struct MHD_Connection *c, void **cls)
{
    struct req *r = *cls;
    if (r != NULL && r->p == NULL)
        return text(c, MHD_HTTP_SERVICE_UNAVAILABLE, "the probe could not start\n");
    if (r != NULL && !r->ready)
        return MHD_YES;
    if (r != NULL) {
        size_t len;
        const char *body = exp_probe_text(r->p, &len);
        if (body == NULL)
            return text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
        return reply(c, MHD_HTTP_OK, CT_TEXT, body, len, MHD_RESPMEM_MUST_COPY);
    }
    const char *target = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "target");
    const char *module = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "module");
    if (target == NULL || target[0] == '\0')
        return text(c, MHD_HTTP_BAD_REQUEST, "missing target= parameter\n");
    module = module && module[0] ? module : "default";
    enum exp_probe_status st = exp_probe_check(h->e, target, module);
    if (st == EXP_PROBE_STARTED) {
        r = calloc(1, sizeof(*r));
        if (r == NULL) /* an answer, not a connection closed without one */
            return text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
        r->conn = c;
        *cls = r;
        MHD_suspend_connection(c); /* before the engine may resume it */
        if (exp_probe_start(h->e, target, module, budget(c), on_ready, r, &r->p) !=
            EXP_PROBE_STARTED)
            MHD_resume_connection(c); /* answered 503 when called again */
        return MHD_YES;
    }
    if (st == EXP_PROBE_UNKNOWN_TARGET)
        return text(c, MHD_HTTP_BAD_REQUEST,
                    "unknown target (not a [target NAME] of the config)\n");
    if (st == EXP_PROBE_UNKNOWN_MODULE)
        return text(c, MHD_HTTP_BAD_REQUEST,
                    "unknown module (not a [module NAME] of the config)\n");
    return text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url,
                               const char *method, const char *version, const char *upload,
                               size_t *upload_size, void **req_cls)
{
    (void)version;
    (void)upload;
    (void)upload_size;
    struct exp_http *h = cls;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET\n");
    if (strcmp(url, "/probe") == 0)
        return probe(h, c, req_cls);
    if (strcmp(url, "/metrics") == 0) {
        size_t len = 0;
        char *body = exp_engine_self_metrics(h->e, &len);
        if (body == NULL)
            return text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
        return reply(c, MHD_HTTP_OK, CT_TEXT, body, len, MHD_RESPMEM_MUST_FREE);
    }
    if (strcmp(url, "/") == 0)
        return reply(c, MHD_HTTP_OK, "text/html; charset=utf-8", landing, strlen(landing),
                     MHD_RESPMEM_PERSISTENT);
    return text(c, MHD_HTTP_NOT_FOUND, "not found: try /, /metrics or /probe\n");
}

static void completed(void *cls, struct MHD_Connection *c, void **req_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    struct req *r = *req_cls;
    if (r == NULL)
        return;
    exp_probe_cancel(r->p);
    free(r);
    *req_cls = NULL;
}

/* "ADDR:PORT", ":PORT", "[v6]:PORT" into a socket address. */
static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
    char host[128];
    const char *colon = strrchr(s, ':');
    if (colon == NULL)
        return -1;
    char *end;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (*end || end == colon + 1 || port > 65535)
        return -1;
    snprintf(host, sizeof(host), "%.*s", (int)(colon - s), s);
    memset(ss, 0, sizeof(*ss));
    if (host[0] == '[') {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        host[strlen(host) - 1] = '\0';
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        *len = sizeof(*a);
        return inet_pton(AF_INET6, host + 1, &a->sin6_addr) == 1 ? 0 : -1;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    *len = sizeof(*a);
    if (host[0] == '\0')
        return 0; /* INADDR_ANY */
    return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? 0 : -1;
}

int exp_http_start(struct exp_http **out, struct exp_engine *e, const char *listen, unsigned *port,
                   char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    socklen_t slen;
    if (parse_listen(listen, &ss, &slen) != 0) {
        snprintf(err, errlen, "--listen %s: expected ADDR:PORT, :PORT or [V6]:PORT", listen);
        return -1;
    }
    struct exp_http *h = calloc(1, sizeof(*h));
    if (h == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    h->e = e;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
                     MHD_USE_ERROR_LOG;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    h->d = MHD_start_daemon(flags, 0, NULL, NULL, handler, h, MHD_OPTION_SOCK_ADDR, &ss,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, h,
                            MHD_OPTION_CONNECTION_TIMEOUT, 120u, MHD_OPTION_END);
    if (h->d == NULL) {
        snprintf(err, errlen, "cannot listen on %s", listen);
        free(h);
        return -1;
    }
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
    *port = i ? i->port : 0;
    *out = h;
    return 0;
}

void exp_http_stop(struct exp_http *h)
{
    if (h == NULL)
        return;
    MHD_stop_daemon(h->d);
    free(h);
}
