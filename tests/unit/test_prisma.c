/* SPDX-License-Identifier: MIT */
/* test_prisma.c -- the Prisma Cloud client's retries, Retry-After and deadline on a fake clock,
 * against a loopback HTTP server that answers from a script. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <panos/panos.h>
#include <panos/prisma.h>
#include "prisma_priv.h"
#include "check.h"
#include "fakeclock.h"

#define MAX_SEEN 16

/* The server: answers the Nth request with answers[N] (the last one again after the end) and
 * records each request line ("POST /login"). */
struct server {
    int fd;
    unsigned int port;
    const char *const *answers;
    int nanswers;
    char seen[MAX_SEEN][64];
    int nseen;
    volatile int stop;
    pthread_t thread;
};

/* Read one request (headers and a Content-Length body) from @p c into @p line. */
static int read_request(int c, char *line, size_t cap)
{
    char buf[8192];
    size_t len = 0;
    char *end = NULL;
    while (end == NULL && len < sizeof(buf) - 1) {
        ssize_t n = read(c, buf + len, sizeof(buf) - 1 - len);
        if (n <= 0)
            return -1;
        len += (size_t)n;
        buf[len] = '\0';
        end = strstr(buf, "\r\n\r\n");
    }
    if (end == NULL)
        return -1;
    const char *cl = strstr(buf, "\r\nContent-Length:");
    size_t want = cl ? strtoul(cl + 17, NULL, 10) : 0, have = len - (size_t)(end + 4 - buf);
    while (have < want) {
        ssize_t n = read(c, buf, sizeof(buf));
        if (n <= 0)
            return -1;
        have += (size_t)n;
    }
    const char *sp = strchr(buf, ' ');
    const char *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
    const char *q = sp ? strchr(sp + 1, '?') : NULL;
    if (q && sp2 && q < sp2)
        sp2 = q;
    snprintf(line, cap, "%.*s", sp2 ? (int)(sp2 - buf) : 0, buf);
    return 0;
}

static void *serve(void *arg)
{
    struct server *s = arg;
    while (!s->stop) {
        struct pollfd pfd = {s->fd, POLLIN, 0};
        if (poll(&pfd, 1, 20) <= 0)
            continue;
        int c = accept(s->fd, NULL, NULL);
        if (c < 0)
            continue;
        char line[64];
        if (read_request(c, line, sizeof(line)) == 0) {
            int i = s->nseen < s->nanswers ? s->nseen : s->nanswers - 1;
            const char *a = s->answers[i];
            if (s->nseen < MAX_SEEN)
                snprintf(s->seen[s->nseen++], sizeof(s->seen[0]), "%s", line);
            size_t off = 0, n = strlen(a);
            while (off < n) {
                ssize_t w = write(c, a + off, n - off);
                if (w <= 0)
                    break;
                off += (size_t)w;
            }
        }
        close(c);
    }
    return NULL;
}

static void server_start(struct server *s, const char *const *answers, int n)
{
    memset(s, 0, sizeof(*s));
    s->answers = answers;
    s->nanswers = n;
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof(sa);
    CHECK_TRUE(s->fd >= 0);
    CHECK_EQ(0, bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)));
    CHECK_EQ(0, listen(s->fd, 8));
    CHECK_EQ(0, getsockname(s->fd, (struct sockaddr *)&sa, &sl));
    s->port = ntohs(sa.sin_port);
    CHECK_EQ(0, pthread_create(&s->thread, NULL, serve, s));
}

static void server_stop(struct server *s)
{
    s->stop = 1;
    pthread_join(s->thread, NULL);
    close(s->fd);
}

/* A session on the server @p s, on the fake clock @p f, with @p o's settings (url and keys
 * filled in here). */
static panos_prisma *session(struct server *s, struct fake_clock *f, panos_prisma_options *o)
{
    char url[64];
    snprintf(url, sizeof(url), "http://127.0.0.1:%u", s->port);
    o->url = url;
    o->access_key_id = "id";
    o->secret_key = "secret";
    panos_prisma *p = NULL;
    CHECK_OK(panos_prisma_new(&p, o));
    struct panos__clock clock = {fake_now, fake_sleep, f};
    f->now = 1000000;
    panos__prisma_set_clock(p, &clock);
    return p;
}

/* Log in with @p o against a server answering @p answers (the server is stopped after, so
 * s->seen is complete); the session stays in *@p out for the caller to look at and free. */
static panos_code login_on(struct server *s, struct fake_clock *f, const char *const *answers,
                           int n, panos_prisma_options *o, panos_prisma **out)
{
    server_start(s, answers, n);
    *out = session(s, f, o);
    panos_code code = panos_prisma_login(*out);
    server_stop(s);
    return code;
}

#define R429(ra) "HTTP/1.1 429 Too Many Requests\r\nRetry-After: " ra "\r\n" NOBODY
#define NOBODY "Content-Length: 0\r\nConnection: close\r\n\r\n"
#define JSON200(body)                                                                              \
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" body

/* A 429 storm with Retry-After 5 s under a 12 s deadline: requests at 0, 5 and 10 s, then the
 * wait to 15 s is not begun. */
static void test_deadline_cuts_429_storm(void **state)
{
    (void)state;
    static const char *const answers[] = {R429("5")};
    struct server s;
    struct fake_clock f = {0};
    panos_prisma_options o = PANOS_PRISMA_OPTIONS_INIT;
    o.deadline_ms = 12000;
    panos_prisma *p;
    CHECK_EQ(PANOS_E_TIMEOUT, login_on(&s, &f, answers, 1, &o, &p));
    CHECK_EQ(3, s.nseen);
    CHECK_EQ(2, f.nslept);
    CHECK_EQ(5000, f.slept[0]);
    CHECK_EQ(5000, f.slept[1]);
    const panos_error *e = panos_prisma_last_error(p);
    CHECK_EQ(PANOS_E_TIMEOUT, e->code);
    CHECK_STR("the deadline of 12 s (--deadline) leaves no time for the retry due in 5 s after "
              "HTTP 429 (/login)",
              e->message);
    long retries = 0;
    panos_prisma_counters(p, NULL, NULL, &retries);
    CHECK_EQ(2, retries);
    panos_prisma_free(p);
}

/* Without a deadline, nothing changes: Retry-After beyond --max-wait is honoured, and the last
 * 429 is RATE_LIMITED. */
static void test_no_deadline_retry_after(void **state)
{
    (void)state;
    static const char *const answers[] = {R429("100")};
    struct server s;
    struct fake_clock f = {0};
    panos_prisma_options o = PANOS_PRISMA_OPTIONS_INIT;
    o.max_retries = 1;
    o.max_backoff_s = 30;
    panos_prisma *p;
    CHECK_EQ(PANOS_E_RATE_LIMITED, login_on(&s, &f, answers, 1, &o, &p));
    CHECK_EQ(2, s.nseen);
    CHECK_EQ(1, f.nslept);
    CHECK_EQ(100000, f.slept[0]);
    panos_prisma_free(p);
}

/* No Retry-After: 1, 2, 4 ... s capped by max_backoff_s; the last 503 is UNAVAILABLE. */
static void test_backoff_without_retry_after(void **state)
{
    (void)state;
    static const char *const answers[] = {"HTTP/1.1 503 Service Unavailable\r\n" NOBODY};
    struct server s;
    struct fake_clock f = {0};
    panos_prisma_options o = PANOS_PRISMA_OPTIONS_INIT;
    o.max_retries = 3;
    o.max_backoff_s = 2;
    panos_prisma *p;
    CHECK_EQ(PANOS_E_UNAVAILABLE, login_on(&s, &f, answers, 1, &o, &p));
    CHECK_EQ(4, s.nseen);
    CHECK_EQ(3, f.nslept);
    CHECK_EQ(1000, f.slept[0]);
    CHECK_EQ(2000, f.slept[1]);
    CHECK_EQ(2000, f.slept[2]);
    panos_prisma_free(p);
}

static int count_pages(void *payload, const panos_prisma_asset *rows, size_t n, const char *next)
{
    (void)rows, (void)n, (void)next;
    (*(int *)payload)++;
    return 0;
}

/* The deadline holds across pages and the token extension: two pages, a 2 s Retry-After on the
 * second ages the token past refresh_after_s, and the extension before the third page meets a
 * 5 s Retry-After that the 6 s deadline no longer leaves time for. */
static void test_deadline_across_pages_and_extend(void **state)
{
    (void)state;
    static const char *const answers[] = {
        JSON200("{\"token\":\"t1\"}"),
        JSON200("{\"data\":{\"items\":[{\"id\":\"i-1\"}],\"nextPageToken\":\"p2\"}}"),
        R429("2"),
        JSON200("{\"items\":[{\"id\":\"i-2\"}],\"nextPageToken\":\"p3\"}"),
        R429("5"),
    };
    struct server s;
    struct fake_clock f = {0};
    server_start(&s, answers, 5);
    panos_prisma_options o = PANOS_PRISMA_OPTIONS_INIT;
    o.deadline_ms = 6000;
    o.refresh_after_s = 1;
    panos_prisma *p = session(&s, &f, &o);
    int pages = 0;
    CHECK_EQ(PANOS_E_TIMEOUT, panos_prisma_assets(p, NULL, 1, count_pages, &pages));
    server_stop(&s);
    CHECK_EQ(2, pages);
    CHECK_EQ(5, s.nseen);
    CHECK_STR("POST /login", s.seen[0]);
    CHECK_STR("POST /search/config", s.seen[1]);
    CHECK_STR("POST /search/config/page", s.seen[2]);
    CHECK_STR("POST /search/config/page", s.seen[3]);
    CHECK_STR("GET /auth_token/extend", s.seen[4]);
    CHECK_EQ(1, f.nslept);
    CHECK_EQ(2000, f.slept[0]);
    CHECK_STR("the deadline of 6 s (--deadline) leaves no time for the retry due in 5 s after "
              "HTTP 429 (/auth_token/extend)",
              panos_prisma_last_error(p)->message);
    panos_prisma_free(p);
}

/* A deadline already over: nothing is sent. */
static void test_deadline_over_sends_nothing(void **state)
{
    (void)state;
    static const char *const answers[] = {JSON200("{\"token\":\"t1\"}")};
    struct server s;
    struct fake_clock f = {0};
    server_start(&s, answers, 1);
    panos_prisma_options o = PANOS_PRISMA_OPTIONS_INIT;
    o.deadline_ms = 1000;
    panos_prisma *p = session(&s, &f, &o);
    f.now += 1000;
    CHECK_EQ(PANOS_E_TIMEOUT, panos_prisma_login(p));
    server_stop(&s);
    CHECK_EQ(0, s.nseen);
    CHECK_STR("the deadline of 1 s (--deadline) ran out before the request (/login)",
              panos_prisma_last_error(p)->message);
    panos_prisma_free(p);
}

/* Answers that are not what Prisma Cloud sends: a cut JSON text is PARSE, an HTML page is
 * NOT_FOUND (another web server), one over max_response_bytes is TOO_LARGE. */
static void test_bad_answers(void **state)
{
    (void)state;
    static const char *const cut[] = {JSON200("{\"token\":\"eyJhbGciOi")};
    static const char *const html[] = {"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                       "Connection: close\r\n\r\n<html><body>Login</body></html>"};
    static const char *const big[] = {JSON200("{\"token\":\"t1\",\"message\":\"" //
                                              "0123456789012345678901234567890123456789"
                                              "0123456789012345678901234567890123456789\"}")};
    const char *const *answers[] = {cut, html, big};
    panos_code want[] = {PANOS_E_PARSE, PANOS_E_NOT_FOUND, PANOS_E_TOO_LARGE};
    for (int i = 0; i < 3; i++) {
        struct server s;
        struct fake_clock f = {0};
        panos_prisma_options o = PANOS_PRISMA_OPTIONS_INIT;
        o.max_response_bytes = 64;
        panos_prisma *p;
        CHECK_EQ(want[i], login_on(&s, &f, answers[i], 1, &o, &p));
        CHECK_EQ(1, s.nseen);
        panos_prisma_free(p);
    }
}

/* Version 1 callers (a struct that ends at progress_payload) are read no further; unknown
 * versions and a negative deadline are refused. */
static void test_options_versions(void **state)
{
    (void)state;
    size_t v1 = offsetof(panos_prisma_options, deadline_ms);
    panos_prisma_options full = PANOS_PRISMA_OPTIONS_INIT;
    full.version = 1;
    full.url = "http://127.0.0.1:9";
    full.access_key_id = "id";
    full.secret_key = "secret";
    panos_prisma_options *small = malloc(v1); /* ASan sees any read past it */
    CHECK_TRUE(small != NULL);
    memcpy(small, &full, v1);
    panos_prisma *p = NULL;
    CHECK_OK(panos_prisma_new(&p, small));
    panos_prisma_free(p);
    free(small);
    panos_prisma_options init;
    panos_prisma_options_init(&init);
    CHECK_EQ(PANOS_PRISMA_OPTIONS_VERSION, init.version);
    CHECK_EQ(0, (int)init.deadline_ms);
    CHECK_TRUE(init.max_response_bytes == 0 && init.url == NULL && init.progress == NULL);
    full.version = PANOS_PRISMA_OPTIONS_VERSION + 1;
    CHECK_EQ(PANOS_E_INVALID_ARG, panos_prisma_new(&p, &full));
    full.version = PANOS_PRISMA_OPTIONS_VERSION;
    full.deadline_ms = -1;
    CHECK_EQ(PANOS_E_INVALID_ARG, panos_prisma_new(&p, &full));
    CHECK_TRUE(p == NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deadline_cuts_429_storm),
        cmocka_unit_test(test_no_deadline_retry_after),
        cmocka_unit_test(test_backoff_without_retry_after),
        cmocka_unit_test(test_deadline_across_pages_and_extend),
        cmocka_unit_test(test_deadline_over_sends_nothing),
        cmocka_unit_test(test_bad_answers),
        cmocka_unit_test(test_options_versions),
    };
    panos_global_init();
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_global_cleanup();
    return rc;
}
