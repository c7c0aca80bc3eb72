/* SPDX-License-Identifier: MIT */
/* server.c -- pansim's HTTP(S) front on libmicrohttpd: decode, log, answer from device or script. */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <microhttpd.h>
#include "inject.h"
#include "script.h"
#include "panorama.h"
#include "scriptbody.h"
#include "server.h"

/* PAN-OS limits a request to 5 MB (PAN-OS XML API guide, "Structure of a PAN-OS XML API Request"
 * (PAN-OS 9.1-11.1)). */
#define MAX_BODY ((size_t)5 * 1000 * 1000)

struct sim_server {
    struct MHD_Daemon *d;
    struct sim_server_options o;
    pthread_mutex_t lock; /* the request log and the request counter */
    size_t nrequests;
    size_t nconnections; /* --conn-log */
    unsigned int port;
    volatile int stopping; /* set by sim_server_stop: a hanging request gives up */
};

struct pending {
    char *body;
    size_t len, cap;
    int too_big;
    struct sim_param *params;
    size_t nparams, capparams;
    int oom;
    char *upload; /* a multipart request's "file" part */
    size_t upload_len, upload_cap;
    char *upload_name;
    int in_field; /* the last part seen was a text field (its value may come in pieces) */
};

static void add_param(struct pending *p, const char *name, size_t nlen, const char *value,
                      size_t vlen)
{
    if (p->nparams == p->capparams) {
        size_t cap = p->capparams ? p->capparams * 2 : 8;
        struct sim_param *np = realloc(p->params, cap * sizeof(*np));
        if (np == NULL) {
            p->oom = 1;
            return;
        }
        p->params = np;
        p->capparams = cap;
    }
    char *n = strndup(name, nlen), *v = strndup(value, vlen);
    if (n == NULL || v == NULL) {
        free(n);
        free(v);
        p->oom = 1;
        return;
    }
    p->params[p->nparams].name = n;
    p->params[p->nparams].value = v;
    p->nparams++;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decode application/x-www-form-urlencoded text in place ('+' is a space). */
static size_t form_decode(char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            s[o++] = ' ';
        } else if (s[i] == '%' && i + 2 < len + 0 && hexval(s[i + 1]) >= 0 &&
                   hexval(s[i + 2]) >= 0) {
            s[o++] = (char)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
            i += 2;
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

static void parse_form(struct pending *p)
{
    char *s = p->body;
    size_t len = p->len;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '&')
            end++;
        if (end > i) {
            char *eq = memchr(s + i, '=', end - i);
            size_t nlen = eq ? (size_t)(eq - (s + i)) : end - i;
            char *v = eq ? eq + 1 : s + end;
            size_t vlen = eq ? (size_t)(s + end - v) : 0;
            nlen = form_decode(s + i, nlen);
            vlen = form_decode(v, vlen);
            add_param(p, s + i, nlen, v, vlen);
        }
        i = end + 1;
    }
}

/* Append @p len bytes to *@p buf (NUL-terminated). Not realloc: the old block may hold a
 * keygen password or a private key, so it is wiped before it is freed. 0, or -1 out of memory. */
static int append_wiped(char **buf, size_t *used, size_t *cap, const char *data, size_t len)
{
    if (*used + len + 1 > *cap) {
        size_t ncap = (*used + len + 1) * 2;
        char *n = malloc(ncap);
        if (n == NULL)
            return -1;
        if (*buf != NULL) {
            memcpy(n, *buf, *used);
            memset(*buf, 0, *cap);
            free(*buf);
        }
        *buf = n;
        *cap = ncap;
    }
    memcpy(*buf + *used, data, len);
    *used += len;
    (*buf)[*used] = '\0';
    return 0;
}

/* Append @p len bytes to the upload (a file part arrives in pieces). */
static void upload_add(struct pending *p, const char *data, size_t len)
{
    if (append_wiped(&p->upload, &p->upload_len, &p->upload_cap, data, len) != 0)
        p->oom = 1;
}

/* libmicrohttpd's post processor hands each part of a multipart body here, in pieces: the
 * "file" part to the upload, the others as parameters (a later piece extends the value). */
static enum MHD_Result multipart_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *filename, const char *content_type,
                                      const char *transfer_encoding, const char *data, uint64_t off,
                                      size_t size)
{
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    struct pending *p = cls;
    if (strcmp(key, "file") == 0) {
        if (p->upload_name == NULL && (p->upload_name = strdup(filename ? filename : "")) == NULL)
            p->oom = 1;
        upload_add(p, data, size);
        if (p->upload == NULL)
            upload_add(p, "", 0);
        p->in_field = 0;
    } else if (off > 0 && p->in_field && p->nparams > 0) {
        struct sim_param *last = &p->params[p->nparams - 1];
        size_t old = strlen(last->value);
        char *v = realloc(last->value, old + size + 1);
        if (v == NULL) {
            p->oom = 1;
            return MHD_NO;
        }
        memcpy(v + old, data, size);
        v[old + size] = '\0';
        last->value = v;
    } else {
        add_param(p, key, strlen(key), data, size);
        p->in_field = 1;
    }
    return p->oom ? MHD_NO : MHD_YES;
}

/* Decode the buffered multipart body with libmicrohttpd's post processor. 0, or -1 when the
 * body is not multipart it can read. */
static int parse_multipart(struct MHD_Connection *conn, struct pending *p)
{
    struct MHD_PostProcessor *pp = MHD_create_post_processor(conn, 64 * 1024, multipart_part, p);
    if (pp == NULL)
        return -1;
    enum MHD_Result r = MHD_post_process(pp, p->body, p->len);
    if (MHD_destroy_post_processor(pp) != MHD_YES)
        r = MHD_NO;
    return r == MHD_YES && !p->oom ? 0 : -1;
}

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    struct pending *p = cls;
    add_param(p, key, strlen(key), value ? value : "", value ? strlen(value) : 0);
    return MHD_YES;
}

static const char *auth_name(enum sim_auth a)
{
    switch (a) {
    case SIM_AUTH_HEADER:
        return "header";
    case SIM_AUTH_PARAM:
        return "param";
    case SIM_AUTH_BASIC:
        return "basic";
    case SIM_AUTH_COOKIE:
        return "cookie";
    case SIM_AUTH_NONE:
        break;
    }
    return "none";
}

static int is_secret(const char *name)
{
    return strcmp(name, "key") == 0 || strcmp(name, "password") == 0 ||
           strcmp(name, "passphrase") == 0 || strcmp(name, "dlp-password") == 0;
}

/* One line per request: "POST /api/ auth=header type=op cmd=...", secrets as ***; a
 * multipart upload ends with " file=@NAME(N bytes)". The devices of --devices share the log
 * but not a lock, so the line is written under the stream's own lock: written a piece at a
 * time, two devices' lines came out interleaved byte by byte. */
static void log_request(struct sim_server *s, const struct sim_request *req)
{
    FILE *f = s->o.log;
    if (f == NULL)
        return;
    flockfile(f);
    fprintf(f, "%s %s auth=%s", req->method, req->path, auth_name(req->auth));
    for (size_t i = 0; i < req->nparams; i++) {
        fprintf(f, " %s=", req->params[i].name);
        if (is_secret(req->params[i].name)) {
            fputs("***", f);
            continue;
        }
        for (const char *c = req->params[i].value; *c; c++) {
            if (*c == '\n')
                fputs("\\n", f);
            else if (*c == '\r')
                fputs("\\r", f);
            else if (*c == '\t')
                fputs("\\t", f);
            else
                fputc(*c, f);
        }
    }
    if (req->upload != NULL)
        fprintf(f, " file=@%s(%zu bytes)", req->upload_name ? req->upload_name : "",
                req->upload_len);
    fputc('\n', f);
    fflush(f);
    funlockfile(f);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static enum MHD_Result queue(struct MHD_Connection *conn, unsigned int status,
                             struct MHD_Response *resp, const char *ctype)
{
    if (resp == NULL)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                            ctype ? ctype : "application/xml; charset=UTF-8");
    enum MHD_Result r = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return r;
}

/* Answer with the scripted reply @p r (a --case reply, or an --inject one). */
static enum MHD_Result answer_reply(struct sim_server *s, struct MHD_Connection *conn,
                                    const struct sim_script_reply *r)
{
    if (r->delay_ms > 0)
        sleep_ms(r->delay_ms);
    if (r->hang) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (ci != NULL)
            sim_fault_wait(ci->connect_fd, -1, &s->stopping);
        return MHD_NO; /* the client gave up, or pansim is stopping */
    }
    if (r->reset)
        return MHD_NO; /* close the connection without an answer */
    struct MHD_Response *resp = sim_script_response(r, &s->stopping);
    if (resp && r->retry_after >= 0) {
        char v[24];
        snprintf(v, sizeof(v), "%ld", r->retry_after);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, v);
    }
    if (resp && r->attachment) {
        char v[300];
        snprintf(v, sizeof(v), "attachment; filename=%s", r->attachment);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, v);
    }
    return queue(conn, r->status, resp, r->content_type);
}

static enum MHD_Result answer_script(struct sim_server *s, struct MHD_Connection *conn, size_t n)
{
    const struct sim_script_reply *r = sim_script_reply_for(s->o.script, n);
    if (r == NULL) {
        char msg[96];
        snprintf(msg, sizeof(msg), "pansim: the case has no reply %zu\n", n);
        fprintf(stderr, "%s", msg);
        return queue(conn, 500,
                     MHD_create_response_from_buffer(strlen(msg), msg, MHD_RESPMEM_MUST_COPY),
                     "text/plain");
    }
    return answer_reply(s, conn, r);
}

/* An --inject reply with pass=1: the device's answer @p out, sent as @p r's truncate= and
 * drip-ms= say (a download cut after its first bytes, a slow page). */
static struct MHD_Response *passed_response(struct sim_server *s, const struct sim_reply *out,
                                            const struct sim_script_reply *r)
{
    struct sim_script_reply shaped = *r;
    shaped.body = out->body;
    shaped.len = out->len;
    shaped.fill = 0;
    return sim_script_response(&shaped, &s->stopping);
}

/* --fault: wait (slow, hang) and then answer normally, or answer HTTP 500 (fail, but not to a
 * keygen, so that a client can still get its key). Returns 1 when @p ret is the answer. */
static int fault(struct sim_server *s, struct MHD_Connection *conn, const struct sim_request *req,
                 enum MHD_Result *ret)
{
    if (s->o.delay_ms > 0 || s->o.hang) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (ci == NULL ||
            sim_fault_wait(ci->connect_fd, s->o.hang ? -1 : s->o.delay_ms, &s->stopping) != 0) {
            *ret = MHD_NO;
            return 1;
        }
    }
    const char *type = sim_request_param(req, "type");
    if (s->o.fail && (type == NULL || strcmp(type, "keygen") != 0)) {
        static const char msg[] = "<html><body><h1>500 Internal Server Error</h1></body></html>\n";
        *ret = queue(
            conn, 500,
            MHD_create_response_from_buffer(sizeof(msg) - 1, (void *)msg, MHD_RESPMEM_PERSISTENT),
            "text/html");
        return 1;
    }
    return 0;
}

static enum MHD_Result answer(struct sim_server *s, struct MHD_Connection *conn,
                              const char *url, const char *method, struct pending *p)
{
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_arg, p);
    const char *ctype = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    if (p->len > 0 && (ctype == NULL || strncasecmp(ctype, "application/x-www-form-urlencoded",
                                                     33) == 0))
        parse_form(p);
    int multipart = ctype != NULL && strncasecmp(ctype, "multipart/form-data", 19) == 0;
    if (multipart && parse_multipart(conn, p) != 0 && !p->oom) {
        static const char msg[] = "<html><body><h1>400 Bad Request</h1></body></html>\n";
        return queue(
            conn, 400,
            MHD_create_response_from_buffer(sizeof(msg) - 1, (void *)msg, MHD_RESPMEM_PERSISTENT),
            "text/html");
    }
    if (p->oom)
        return MHD_NO;

    struct sim_request req = {0};
    char *buser = NULL, *bpass = NULL;
    req.method = method;
    req.path = url;
    req.params = p->params;
    req.nparams = p->nparams;
    req.multipart = multipart;
    req.upload = p->upload;
    req.upload_len = p->upload_len;
    req.upload_name = p->upload_name;
    req.key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-PAN-KEY");
    req.cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Cookie");
    buser = MHD_basic_auth_get_username_password(conn, &bpass);
    if (req.key) {
        req.auth = SIM_AUTH_HEADER;
    } else if ((req.key = sim_request_param(&req, "key")) != NULL) {
        req.auth = SIM_AUTH_PARAM;
    } else if (buser) {
        req.auth = SIM_AUTH_BASIC;
    } else if (req.cookie) {
        req.auth = SIM_AUTH_COOKIE;
    }
    req.basic_user = buser;
    req.basic_password = bpass;

    pthread_mutex_lock(&s->lock);
    size_t n = ++s->nrequests;
    log_request(s, &req);
    pthread_mutex_unlock(&s->lock);
    if (s->o.verbose)
        fprintf(stderr, "pansim: request %zu: %s %s auth=%s\n", n, method, url,
                auth_name(req.auth));

    enum MHD_Result ret;
    const struct sim_script_reply *inj =
        s->o.inject ? sim_inject_pick(s->o.inject, &req, s->o.device_index) : NULL;
    if (fault(s, conn, &req, &ret)) {
        /* ret set by fault() */
    } else if (s->o.script) {
        ret = answer_script(s, conn, n);
    } else if (inj != NULL && !inj->pass) {
        ret = answer_reply(s, conn, inj);
    } else {
        struct sim_reply out = {0};
        out.status = 200;
        if (s->o.pano)
            sim_panorama_handle(s->o.pano, &req, &out);
        else
            sim_device_handle(s->o.dev, &req, &out);
        if (out.body == NULL) {
            ret = MHD_NO;
        } else {
            /* Copied so that our buffer (a keygen answer holds a key) is wiped here; a body
             * without secrets (a 10 MB log page) is handed over, and freed by libmicrohttpd. */
            if (inj != NULL && inj->delay_ms > 0)
                sleep_ms(inj->delay_ms);
            struct MHD_Response *resp =
                inj != NULL ? passed_response(s, &out, inj)
                : out.release
                    ? MHD_create_response_from_buffer_with_free_callback(out.len, out.body,
                                                                         out.release)
                    : MHD_create_response_from_buffer(out.len, out.body, MHD_RESPMEM_MUST_COPY);
            if (inj != NULL && out.release != NULL) {
                out.release(out.body); /* passed_response() copied it */
            } else if (out.release == NULL) {
                memset(out.body, 0, out.len);
                free(out.body);
            } else if (resp == NULL) {
                out.release(out.body);
            }
            if (resp != NULL && out.set_cookie)
                MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, out.set_cookie);
            if (resp != NULL && out.disposition == NULL && out.disposition_buf[0] != '\0')
                out.disposition = out.disposition_buf;
            if (resp != NULL && out.disposition)
                MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
                                        out.disposition);
            ret = queue(conn, out.status, resp, out.content_type);
        }
        free(out.set_cookie);
    }
    if (buser)
        MHD_free(buser);
    if (bpass) {
        memset(bpass, 0, strlen(bpass));
        MHD_free(bpass);
    }
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    struct sim_server *s = cls;
    struct pending *p = *con_cls;
    if (p == NULL) {
        p = calloc(1, sizeof(*p));
        if (p == NULL)
            return MHD_NO;
        *con_cls = p;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (p->too_big || p->len + n > MAX_BODY) {
            p->too_big = 1;
            return MHD_YES;
        }
        if (append_wiped(&p->body, &p->len, &p->cap, upload_data, n) != 0)
            return MHD_NO;
        return MHD_YES;
    }
    if (strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0) {
        static const char msg[] = "<html><body><h1>405 Method Not Allowed</h1></body></html>\n";
        return queue(conn, 405,
                     MHD_create_response_from_buffer(sizeof(msg) - 1, (void *)msg,
                                                     MHD_RESPMEM_PERSISTENT),
                     "text/html");
    }
    if (p->too_big) {
        static const char msg[] = "<html><body><h1>413 Request Entity Too Large</h1></body>"
                                  "</html>\n";
        return queue(conn, 413,
                     MHD_create_response_from_buffer(sizeof(msg) - 1, (void *)msg,
                                                     MHD_RESPMEM_PERSISTENT),
                     "text/html");
    }
    return answer(s, conn, url, method, p);
}

/* --conn-log: one line per TCP connection accepted, so a case can count connections. */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    struct sim_server *s = cls;
    (void)conn;
    (void)socket_context;
    if (toe != MHD_CONNECTION_NOTIFY_STARTED || s->o.conn_log == NULL)
        return;
    pthread_mutex_lock(&s->lock);
    fprintf(s->o.conn_log, "connection %zu\n", ++s->nconnections);
    fflush(s->o.conn_log);
    pthread_mutex_unlock(&s->lock);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    struct pending *p = *con_cls;
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->nparams; i++) {
        free(p->params[i].name);
        memset(p->params[i].value, 0, strlen(p->params[i].value));
        free(p->params[i].value);
    }
    free(p->params);
    if (p->upload)
        memset(p->upload, 0, p->upload_cap); /* a key pair */
    free(p->upload);
    free(p->upload_name);
    if (p->body)
        memset(p->body, 0, p->cap);
    free(p->body);
    free(p);
    *con_cls = NULL;
}

/* libmicrohttpd's own messages (TLS alerts from clients that refuse our certificate, ...):
 * shown with --verbose only, since refusing is what a pin-mismatch test expects. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    const struct sim_server *s = cls;
    if (!s->o.verbose)
        return;
    fputs("pansim: mhd: ", stderr);
    vfprintf(stderr, fmt, ap);
}

int sim_server_start(struct sim_server **out, const struct sim_server_options *o, char *err,
                     size_t errlen)
{
    struct sockaddr_in sin = {0};
    struct sockaddr_in6 sin6 = {0};
    const struct sockaddr *sa;
    unsigned int flags = o->shared_loop ? MHD_USE_EPOLL | MHD_USE_ERROR_LOG
                                        : MHD_USE_INTERNAL_POLLING_THREAD |
                                              MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
    const char *bind = o->bind ? o->bind : "127.0.0.1";
    *out = NULL;
    if (inet_pton(AF_INET, bind, &sin.sin_addr) == 1) {
        if ((ntohl(sin.sin_addr.s_addr) >> 24) != 127) {
            snprintf(err, errlen, "--bind %s: pansim listens on loopback only", bind);
            return -1;
        }
        sin.sin_family = AF_INET;
        sin.sin_port = htons((uint16_t)o->port);
        sa = (const struct sockaddr *)&sin;
    } else if (inet_pton(AF_INET6, bind, &sin6.sin6_addr) == 1) {
        if (!IN6_IS_ADDR_LOOPBACK(&sin6.sin6_addr)) {
            snprintf(err, errlen, "--bind %s: pansim listens on loopback only", bind);
            return -1;
        }
        sin6.sin6_family = AF_INET6;
        sin6.sin6_port = htons((uint16_t)o->port);
        sa = (const struct sockaddr *)&sin6;
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(err, errlen, "--bind %s is not an IPv4 or IPv6 address", bind);
        return -1;
    }
    struct sim_server *s = calloc(1, sizeof(*s));
    if (s == NULL)
        return -1;
    s->o = *o;
    pthread_mutex_init(&s->lock, NULL);
    if (o->cert_pem) {
        flags |= MHD_USE_TLS;
        s->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, s,
                                MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
                                s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
                                MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_EXTERNAL_LOGGER,
                                mhd_log, s, MHD_OPTION_HTTPS_MEM_KEY, o->key_pem,
                                MHD_OPTION_HTTPS_MEM_CERT, o->cert_pem, MHD_OPTION_END);
    } else {
        s->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, s,
                                MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
                                s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
                                MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_EXTERNAL_LOGGER,
                                mhd_log, s, MHD_OPTION_END);
    }
    if (s->d == NULL) {
        snprintf(err, errlen, "cannot listen on %s port %u%s", bind, o->port,
                 o->cert_pem ? " with TLS" : "");
        pthread_mutex_destroy(&s->lock);
        free(s);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    *out = s;
    return 0;
}

unsigned int sim_server_port(const struct sim_server *s)
{
    return s->port;
}

int sim_server_epoll_fd(const struct sim_server *s)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_EPOLL_FD);
    return info ? info->epoll_fd : -1;
}

void sim_server_run(struct sim_server *s)
{
    /* libmicrohttpd keeps connections it could not finish in one run on a list of its own,
     * which the epoll descriptor does not show: run again while it asks for no wait. */
    MHD_UNSIGNED_LONG_LONG ms = 1;
    for (int i = 0; i < 16; i++) {
        MHD_run(s->d);
        if (MHD_get_timeout(s->d, &ms) != MHD_YES || ms != 0)
            break;
    }
}

void sim_server_stop(struct sim_server *s)
{
    if (s == NULL)
        return;
    s->stopping = 1;
    MHD_stop_daemon(s->d);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
