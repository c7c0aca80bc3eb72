/* SPDX-License-Identifier: MIT */
/* multi.c -- libtest: several transfers at once through one multi handle against pansim. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <panos/panos.h>
#include "transport.h"

/*
 * Usage: libtest_multi PANSIM CASEFILE. Starts pansim on an ephemeral loopback port with the
 * scripted replies of CASEFILE (each answered after DELAY_MS), then:
 *   1. four transfers, at most two connections to the host: they take two rounds (the bound
 *      holds) and not four (they run concurrently), over at most two connections;
 *   2. four transfers, no bound: one round;
 *   3. over HTTPS, pinned transfers pass and a wrong pin fails before any byte is sent;
 *   4. the public panos_multi (<panos/multi.h>): four op requests of one client, at most two
 *      per host, take two rounds and come back parsed; a request whose timeout is shorter
 *      than the answer's delay fails as PANOS_E_TIMEOUT without holding up the others.
 * Exits 0 when every check holds, 1 otherwise (each failure is printed).
 */

#define DELAY_MS 400
#define NXFER 4

static int failures;

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void check(int ok, const char *fmt, ...)
{
    if (ok)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "libtest_multi: FAIL: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    failures++;
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static char *read_small(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Start pansim scripted by @p casefile; returns its pid and the port it bound, or -1. */
static pid_t start_pansim(const char *pansim, const char *casefile, const char *dir, int tls,
                          unsigned int *port)
{
    char portfile[512], logfile[512], errfile[512], fpfile[512];
    const char *pfx = tls ? "tls-" : "";
    snprintf(portfile, sizeof(portfile), "%s/%sport", dir, pfx);
    snprintf(logfile, sizeof(logfile), "%s/%srequests.log", dir, pfx);
    snprintf(errfile, sizeof(errfile), "%s/%spansim.stderr", dir, pfx);
    snprintf(fpfile, sizeof(fpfile), "%s/fp", dir);
    pid_t pid = fork();
    if (pid == 0) {
        int err = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (err >= 0) {
            dup2(err, 1);
            dup2(err, 2);
        }
        if (tls)
            execl(pansim, pansim, "--case", casefile, "--port", "0", "--portfile", portfile,
                  "--log", logfile, "--quit-after", "60", "--tls", "--fingerprint-file", fpfile,
                  (char *)NULL);
        else
            execl(pansim, pansim, "--case", casefile, "--port", "0", "--portfile", portfile,
                  "--log", logfile, "--quit-after", "60", (char *)NULL);
        _exit(127);
    }
    if (pid < 0)
        return -1;
    long long deadline = mono_ms() + 10000;
    while (mono_ms() < deadline) {
        char *text = read_small(portfile);
        char *end = NULL;
        long p = text ? strtol(text, &end, 10) : 0;
        if (p > 0 && p < 65536 && end && *end == '\n') {
            *port = (unsigned int)p;
            return pid;
        }
        if (waitpid(pid, NULL, WNOHANG) == pid)
            return -1;
        struct timespec ts = {0, 20 * 1000000L};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    return -1;
}

struct finished {
    int n;
    long long at[NXFER];
};

static void on_done(void *payload, struct panos__xfer *x)
{
    (void)x;
    struct finished *f = payload;
    if (f->n < NXFER)
        f->at[f->n] = mono_ms();
    f->n++;
}

/* Run NXFER transfers through one multi handle bounded to @p max_host connections, each
 * with its own copy of @p pin when there is one; returns the wall time in ms and, in *conns,
 * the connections they opened. */
static long round_trip(const char *url, long max_host, const struct panos__pin *pin, long *conns)
{
    struct panos__pin pins[NXFER];
    static const char body[] = "type=op&cmd=%3Cshow%3E%3Cclock%2F%3E%3C%2Fshow%3E";
    struct panos__easy *easy[NXFER] = {0};
    struct panos__xfer x[NXFER];
    struct panos__multi *m = NULL;
    struct finished fin = {0, {0}};
    check(panos__transport_multi_new(&m, max_host, 0) == PANOS_OK, "multi_new");
    long long t0 = mono_ms();
    for (int i = 0; i < NXFER; i++) {
        check(panos__easy_new(&easy[i]) == PANOS_OK, "easy_new");
        panos__xfer_init(&x[i]);
        x[i].easy = easy[i];
        x[i].url = url;
        x[i].body = body;
        x[i].body_len = sizeof(body) - 1;
        x[i].max_bytes = 1 << 20;
        x[i].timeout_ms = 30000;
        x[i].connect_timeout_ms = 5000;
        x[i].done = on_done;
        x[i].done_payload = &fin;
        if (pin != NULL) {
            pins[i] = *pin;
            x[i].pin = &pins[i];
        }
        panos__xfer_add_header(&x[i], "X-PAN-KEY: libtest-not-a-key");
        check(panos__transport_multi_add(m, &x[i]) == PANOS_OK, "multi_add %d", i);
    }
    check(panos__transport_multi_run(m) == PANOS_OK, "multi_run");
    long el = (long)(mono_ms() - t0);
    check(fin.n == NXFER, "%d done callbacks, expected %d", fin.n, NXFER);
    *conns = 0;
    for (int i = 0; i < NXFER; i++) {
        check(x[i].code == PANOS_OK, "transfer %d: %s (%s)", i, panos_code_name(x[i].code),
              x[i].message);
        check(x[i].http_status == 200, "transfer %d: HTTP %ld", i, x[i].http_status);
        check(x[i].answer.ptr && strstr(x[i].answer.ptr, "<time>Wed May 31") != NULL,
              "transfer %d: answer %s", i, x[i].answer.ptr ? x[i].answer.ptr : "(none)");
        check(strcmp(x[i].content_type, "application/xml") == 0, "transfer %d: type %s", i,
              x[i].content_type);
        *conns += x[i].new_connections;
        panos__xfer_dispose(&x[i]);
        panos__easy_free(easy[i]);
    }
    panos__transport_multi_free(m);
    return el;
}

/*
 * 3. Over HTTPS with a pin: four pinned transfers under a multi handle all pass the
 *    handshake check and the pre-request check (tlspin.c); one with a wrong pin fails as
 *    PANOS__XFER_PIN naming the certificate it met, and sends nothing.
 */
static void tls_phase(const char *pansim, const char *casefile, const char *dir)
{
    unsigned int port = 0;
    pid_t sim = start_pansim(pansim, casefile, dir, 1, &port);
    check(sim > 0, "pansim --tls did not start");
    if (sim <= 0)
        return;
    char path[600], url[64];
    snprintf(path, sizeof(path), "%s/fp", dir);
    char fp[128];
    char *text = read_small(path);
    snprintf(fp, sizeof(fp), "%s", text ? text : "");
    fp[strcspn(fp, "\n")] = '\0';
    snprintf(url, sizeof(url), "https://127.0.0.1:%u/api/", port);
    struct panos__pin pin;
    memset(&pin, 0, sizeof(pin));
    check(panos__pin_parse(pin.sha256, fp) == 0, "fingerprint '%s' does not parse", fp);
    pin.set = 1;
    long conns = 0;
    long el = round_trip(url, 2, &pin, &conns);
    fprintf(stderr,
            "libtest_multi: %d pinned HTTPS transfers, at most 2 per host: %ld ms, %ld "
            "connections\n",
            NXFER, el, conns);
    /* Two of them ran on reused connections: the pre-request check passed them there. */
    check(conns >= 1 && conns <= 2, "pinned, bound 2: %ld connections opened", conns);

    struct panos__easy *e = NULL;
    struct panos__multi *m = NULL;
    struct panos__xfer x;
    check(panos__easy_new(&e) == PANOS_OK && panos__transport_multi_new(&m, 2, 0) == PANOS_OK,
          "easy/multi");
    panos__xfer_init(&x);
    x.easy = e;
    x.url = url;
    x.body = "type=version";
    x.body_len = strlen(x.body);
    x.max_bytes = 1 << 20;
    x.timeout_ms = 10000;
    pin.sha256[0] ^= 0xff;
    x.pin = &pin;
    check(panos__transport_multi_add(m, &x) == PANOS_OK, "multi_add (wrong pin)");
    check(panos__transport_multi_run(m) == PANOS_OK, "multi_run (wrong pin)");
    check(x.code == PANOS_E_TLS && x.fail == PANOS__XFER_PIN, "wrong pin: %s, fail %d",
          panos_code_name(x.code), (int)x.fail);
    check(strcmp(pin.seen_fp, fp) == 0, "wrong pin: saw '%s', expected '%s'", pin.seen_fp, fp);
    panos__xfer_dispose(&x);
    panos__transport_multi_free(m);
    panos__easy_free(e);

    kill(sim, SIGTERM);
    waitpid(sim, NULL, 0);
    snprintf(path, sizeof(path), "%s/tls-requests.log", dir);
    text = read_small(path);
    int lines = 0;
    for (const char *p = text; p && (p = strstr(p, "POST /api/")) != NULL; p++)
        lines++;
    check(lines == NXFER, "pansim --tls logged %d requests, expected %d", lines, NXFER);
}

struct api_done {
    int n, ok, timeouts;
};

static void api_on_done(void *payload, const panos_multi_result *res)
{
    struct api_done *d = payload;
    d->n++;
    const panos_node *r = res->response ? panos_response_result(res->response) : NULL;
    if (res->code == PANOS_OK && r && panos_node_child(r, "time"))
        d->ok++;
    if (res->code == PANOS_E_TIMEOUT)
        d->timeouts++;
}

/* 4. The public API over the same pansim: bounded, parsed, timed out alone. */
static void public_phase(unsigned int port)
{
    panos_client_options o = PANOS_CLIENT_OPTIONS_INIT;
    o.host = "127.0.0.1";
    o.port = port;
    o.use_http = 1;
    panos_client *c = NULL;
    panos_multi *m = NULL;
    panos_multi_options mo = PANOS_MULTI_OPTIONS_INIT;
    mo.max_per_host = 2;
    check(panos_client_new(&c, &o) == PANOS_OK && panos_multi_new(&m, &mo) == PANOS_OK,
          "client/multi");
    check(panos_client_set_key(c, "libtest-not-a-key") == PANOS_OK, "set key");
    panos_param p[] = {{"type", "op"}, {"cmd", "<show><clock/></show>"}};
    struct api_done d = {0, 0, 0};
    long long t0 = mono_ms();
    for (int i = 0; i < NXFER; i++)
        check(panos_multi_submit(m, c, p, 2, 10000, api_on_done, &d) == PANOS_OK, "submit %d", i);
    while (panos_multi_pending(m) > 0 && mono_ms() - t0 < 10000)
        check(panos_multi_perform(m, 100) == PANOS_OK, "perform");
    long el = (long)(mono_ms() - t0);
    fprintf(stderr, "libtest_multi: panos_multi, %d requests, at most 2 per host: %ld ms\n", NXFER,
            el);
    check(d.n == NXFER && d.ok == NXFER, "panos_multi: %d done, %d parsed", d.n, d.ok);
    check(el >= 2 * DELAY_MS - 20 && el < NXFER * DELAY_MS - 100,
          "panos_multi bound 2: %ld ms, expected two rounds", el);
    struct api_done late = {0, 0, 0};
    t0 = mono_ms();
    check(panos_multi_submit(m, c, p, 2, 100, api_on_done, &late) == PANOS_OK, "submit short");
    while (panos_multi_pending(m) > 0 && mono_ms() - t0 < 10000)
        check(panos_multi_perform(m, 100) == PANOS_OK, "perform");
    el = (long)(mono_ms() - t0);
    check(late.n == 1 && late.timeouts == 1, "short timeout: %d done, %d timeouts", late.n,
          late.timeouts);
    check(el < DELAY_MS, "short timeout answered after %ld ms", el);
    panos_multi_free(m);
    panos_client_free(c);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: libtest_multi PANSIM CASEFILE\n");
        return 2;
    }
    char dir[] = "/tmp/libtest-multi-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        fprintf(stderr, "libtest_multi: mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    unsigned int port = 0;
    pid_t sim = start_pansim(argv[1], argv[2], dir, 0, &port);
    if (sim < 0) {
        fprintf(stderr, "libtest_multi: pansim did not start (see %s/pansim.stderr)\n", dir);
        return 1;
    }
    panos_global_init();
    char url[64];
    snprintf(url, sizeof(url), "http://127.0.0.1:%u/api/", port);

    long conns = 0;
    long el = round_trip(url, 2, NULL, &conns);
    fprintf(stderr, "libtest_multi: %d transfers, at most 2 per host: %ld ms, %ld connections\n",
            NXFER, el, conns);
    check(el >= 2 * DELAY_MS - 20, "bound 2: %ld ms, less than two rounds: bound not held", el);
    check(el < NXFER * DELAY_MS - 100, "bound 2: %ld ms, as slow as one at a time", el);
    check(conns >= 1 && conns <= 2, "bound 2: %ld connections opened", conns);

    el = round_trip(url, 0, NULL, &conns);
    fprintf(stderr, "libtest_multi: %d transfers, no bound: %ld ms, %ld connections\n", NXFER, el,
            conns);
    check(el < 2 * DELAY_MS - 20, "no bound: %ld ms, not concurrent", el);

    tls_phase(argv[1], argv[2], dir);
    public_phase(port);

    panos_global_cleanup();
    kill(sim, SIGTERM);
    int status = 0;
    waitpid(sim, &status, 0);
    char logfile[512];
    snprintf(logfile, sizeof(logfile), "%s/requests.log", dir);
    char *log = read_small(logfile);
    int lines = 0;
    for (const char *p = log; p && (p = strstr(p, "POST /api/")) != NULL; p++)
        lines++;
    check(lines == 3 * NXFER + 1, "pansim logged %d requests, expected %d", lines, 3 * NXFER + 1);
    check(log && strstr(log, "auth=header") != NULL, "the key header did not reach pansim");
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "pansim did not exit 0");
    if (failures == 0) {
        char path[600];
        const char *names[] = {"port",     "requests.log",     "pansim.stderr",    "fp",
                               "tls-port", "tls-requests.log", "tls-pansim.stderr"};
        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
            snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
            unlink(path);
        }
        rmdir(dir);
    }
    fprintf(stderr, "libtest_multi: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
