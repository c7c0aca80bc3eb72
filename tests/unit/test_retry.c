/* SPDX-License-Identifier: MIT */
/* test_retry.c -- retry policy: idempotency, backoff, Retry-After and the deadline, fake clock. */
#include <limits.h>
#include <string.h>
#include <panos/panos.h>
#include "retry.h"
#include "check.h"
#include "fakeclock.h"

#define N(p) (sizeof(p) / sizeof((p)[0]))

static const struct panos__retry_policy policy = {3, 500, 8000, 0};

static void test_idempotent(void **state)
{
    (void)state;
    panos_param version[] = {{"type", "version"}};
    panos_param get[] = {{"type", "config"}, {"action", "get"}, {"xpath", "/config"}};
    panos_param show[] = {{"type", "config"}, {"action", "show"}};
    panos_param set[] = {{"type", "config"}, {"action", "set"}, {"xpath", "/x"}};
    panos_param op_show[] = {{"type", "op"}, {"cmd", "  \n<show><clock/></show>"}};
    panos_param op_request[] = {{"type", "op"}, {"cmd", "<request><restart/></request>"}};
    panos_param log_get[] = {{"type", "log"}, {"action", "get"}, {"job-id", "7"}};
    panos_param log_start[] = {{"type", "log"}, {"log-type", "traffic"}};
    panos_param log_get_nojob[] = {{"type", "log"}, {"action", "get"}};
    panos_param report_get[] = {{"type", "report"}, {"action", "get"}, {"job-id", "3"}};
    panos_param export_status[] = {{"type", "export"}, {"action", "status"}};
    panos_param commit[] = {{"type", "commit"}, {"cmd", "<commit/>"}};
    panos_param keygen[] = {{"type", "keygen"}, {"user", "a"}, {"password", "b"}};
    panos_param none[] = {{"cmd", "<show/>"}};
    CHECK_TRUE(panos__retry_idempotent(version, N(version)));
    CHECK_TRUE(panos__retry_idempotent(get, N(get)));
    CHECK_TRUE(panos__retry_idempotent(show, N(show)));
    CHECK_TRUE(!panos__retry_idempotent(set, N(set)));
    CHECK_TRUE(panos__retry_idempotent(op_show, N(op_show)));
    CHECK_TRUE(!panos__retry_idempotent(op_request, N(op_request)));
    CHECK_TRUE(panos__retry_idempotent(log_get, N(log_get)));
    CHECK_TRUE(!panos__retry_idempotent(log_start, N(log_start)));
    CHECK_TRUE(!panos__retry_idempotent(log_get_nojob, N(log_get_nojob)));
    CHECK_TRUE(panos__retry_idempotent(report_get, N(report_get)));
    CHECK_TRUE(panos__retry_idempotent(export_status, N(export_status)));
    CHECK_TRUE(!panos__retry_idempotent(commit, N(commit)));
    CHECK_TRUE(!panos__retry_idempotent(keygen, N(keygen)));
    CHECK_TRUE(!panos__retry_idempotent(none, N(none)));
    CHECK_TRUE(!panos__retry_idempotent(NULL, 0));

    /* Attempts: 1 + max_retries for a read, 1 for a write. */
    CHECK_EQ(4, panos__retry_attempts(&policy, get, N(get)));
    CHECK_EQ(1, panos__retry_attempts(&policy, commit, N(commit)));
    struct panos__retry_policy none_p = {0, 500, 8000, 0};
    CHECK_EQ(1, panos__retry_attempts(&none_p, get, N(get)));
}

/* One kind of request (its parameters, up to a NULL name) and whether it may be resent. */
struct kind {
    const char *what;
    int resent;
    panos_param p[7];
};

/* The exports and reports that answer at once only read; what creates a job or changes state is
 * sent once (retry.c, export_idempotent and report_idempotent). */
static const struct kind kinds[] = {
    {"export configuration", 1, {{"type", "export"}, {"category", "configuration"}}},
    {"export certificate with its key",
     1,
     {{"type", "export"},
      {"category", "certificate"},
      {"certificate-name", "web"},
      {"format", "pkcs12"},
      {"include-key", "yes"},
      {"passphrase", "p"}}},
    {"export device-state", 1, {{"type", "export"}, {"category", "device-state"}}},
    {"threat pcap", 1, {{"type", "export"}, {"category", "threat-pcap"}, {"pcap-id", "1"}}},
    {"filter pcap listing", 1, {{"type", "export"}, {"category", "filter-pcap"}}},
    {"filters-pcap spelling", 1, {{"type", "export"}, {"category", "filters-pcap"}}},
    {"application pcap", 1, {{"type", "export"}, {"category", "application-pcap"}}},
    {"dlp pcap", 1, {{"type", "export"}, {"category", "dlp-pcap"}}},
    {"response page", 1, {{"type", "export"}, {"category", "url-block-page"}}},
    {"response text", 1, {{"type", "export"}, {"category", "ssl-optout-text"}}},
    {"export status", 1, {{"type", "export"}, {"action", "status"}}},
    {"export job's file",
     1,
     {{"type", "export"}, {"category", "tech-support"}, {"action", "get"}, {"job-id", "4"}}},
    {"tech-support job start", 0, {{"type", "export"}, {"category", "tech-support"}}},
    {"stats-dump job start", 0, {{"type", "export"}, {"category", "stats-dump"}}},
    {"export get without a job", 0, {{"type", "export"}, {"action", "get"}}},
    {"export action=start",
     0,
     {{"type", "export"}, {"category", "configuration"}, {"action", "start"}}},
    {"export without a category", 0, {{"type", "export"}}},
    {"unknown export category", 0, {{"type", "export"}, {"category", "high-availability-key"}}},
    {"predefined report at once",
     1,
     {{"type", "report"}, {"reporttype", "predefined"}, {"reportname", "top-attackers"}}},
    {"dynamic report list", 1, {{"type", "report"}, {"reporttype", "dynamic"}}},
    {"report job's answer", 1, {{"type", "report"}, {"action", "get"}, {"job-id", "3"}}},
    {"report enqueue (async=yes)",
     0,
     {{"type", "report"},
      {"async", "yes"},
      {"reporttype", "dynamic"},
      {"reportname", "top-applications-summary"}}},
    {"custom report (a job)",
     0,
     {{"type", "report"}, {"reporttype", "custom"}, {"reportname", "weekly"}}},
    {"report get without a job", 0, {{"type", "report"}, {"action", "get"}}},
    {"report without a type", 0, {{"type", "report"}, {"reportname", "x"}}},
    {"log job's page", 1, {{"type", "log"}, {"action", "get"}, {"job-id", "7"}}},
    {"log enqueue", 0, {{"type", "log"}, {"log-type", "traffic"}, {"nlogs", "5"}}},
    {"log job finish", 0, {{"type", "log"}, {"action", "finish"}, {"job-id", "7"}}},
    {"import", 0, {{"type", "import"}, {"category", "configuration"}}},
    {"user-id", 0, {{"type", "user-id"}, {"cmd", "<uid-message/>"}}},
};

static size_t count_params(const panos_param *p, size_t max)
{
    size_t n = 0;
    while (n < max && p[n].name != NULL)
        n++;
    return n;
}

static void test_idempotent_kinds(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(kinds); i++) {
        const struct kind *k = &kinds[i];
        int got = panos__retry_idempotent(k->p, count_params(k->p, N(k->p)));
        if (got != k->resent)
            fail_msg("%s: resent %d, expected %d", k->what, got, k->resent);
    }
}

static void test_retryable(void **state)
{
    (void)state;
    CHECK_TRUE(panos__retry_retryable(PANOS_E_UNAVAILABLE, 503, "Service Unavailable"));
    CHECK_TRUE(panos__retry_retryable(PANOS_E_RATE_LIMITED, 429, ""));
    CHECK_TRUE(panos__retry_retryable(PANOS_E_TRANSPORT, 0, "Connection refused"));
    CHECK_TRUE(panos__retry_retryable(PANOS_E_TRANSPORT, 0, NULL));
    /* A name that does not resolve will not resolve in a second. */
    CHECK_TRUE(!panos__retry_retryable(PANOS_E_TRANSPORT, 0, "Could not resolve host: fw"));
    CHECK_TRUE(panos__retry_retryable(PANOS_E_TRANSPORT, 502, "resolve"));
    CHECK_TRUE(!panos__retry_retryable(PANOS_OK, 200, ""));
    CHECK_TRUE(!panos__retry_retryable(PANOS_E_TIMEOUT, 0, "timed out"));
    CHECK_TRUE(!panos__retry_retryable(PANOS_E_AUTH, 403, "Invalid credential"));
    CHECK_TRUE(!panos__retry_retryable(PANOS_E_HTTP, 501, "Not Implemented"));
    CHECK_TRUE(!panos__retry_retryable(PANOS_E_TLS, 0, "pin mismatch"));
}

static void test_backoff(void **state)
{
    (void)state;
    /* Doubling from base_ms, capped at max_ms. */
    CHECK_EQ(500, (int)panos__retry_backoff_ms(&policy, 0, -1));
    CHECK_EQ(1000, (int)panos__retry_backoff_ms(&policy, 1, -1));
    CHECK_EQ(2000, (int)panos__retry_backoff_ms(&policy, 2, -1));
    CHECK_EQ(8000, (int)panos__retry_backoff_ms(&policy, 4, -1));
    CHECK_EQ(8000, (int)panos__retry_backoff_ms(&policy, 60, -1)); /* no overflow */
    /* Retry-After raises the wait, never lowers it, and is capped too. */
    CHECK_EQ(3000, (int)panos__retry_backoff_ms(&policy, 0, 3));
    CHECK_EQ(2000, (int)panos__retry_backoff_ms(&policy, 2, 1));
    CHECK_EQ(500, (int)panos__retry_backoff_ms(&policy, 0, 0));
    CHECK_EQ(8000, (int)panos__retry_backoff_ms(&policy, 0, 8));
    CHECK_EQ(8000, (int)panos__retry_backoff_ms(&policy, 0, 9));
    CHECK_EQ(8000, (int)panos__retry_backoff_ms(&policy, 0, LONG_MAX));
    /* The Prisma client's policy: backoff capped at 30 s; a Retry-After is the wait, shorter
     * or longer than the backoff, up to 300 s. */
    struct panos__retry_policy prisma = {6, 1000, 30000, 300000};
    CHECK_EQ(1000, (int)panos__retry_backoff_ms(&prisma, 0, -1));
    CHECK_EQ(4000, (int)panos__retry_backoff_ms(&prisma, 2, -1));
    CHECK_EQ(30000, (int)panos__retry_backoff_ms(&prisma, 9, -1));
    CHECK_EQ(100000, (int)panos__retry_backoff_ms(&prisma, 0, 100));
    CHECK_EQ(300000, (int)panos__retry_backoff_ms(&prisma, 0, 300));
    CHECK_EQ(300000, (int)panos__retry_backoff_ms(&prisma, 0, 301));
    CHECK_EQ(300000, (int)panos__retry_backoff_ms(&prisma, 0, LONG_MAX));
    CHECK_EQ(2000, (int)panos__retry_backoff_ms(&prisma, 9, 2));
    CHECK_EQ(0, (int)panos__retry_backoff_ms(&prisma, 3, 0));
}

static void test_deadline(void **state)
{
    (void)state;
    struct panos__deadline d;
    panos__deadline_start(&d, 0, 5000);
    CHECK_EQ(-1, (int)panos__deadline_left(&d, 5000));
    CHECK_EQ(-1, (int)panos__deadline_left(&d, 1LL << 40));
    panos__deadline_start(&d, 1000, 5000);
    CHECK_EQ(1000, (int)panos__deadline_left(&d, 5000));
    CHECK_EQ(1, (int)panos__deadline_left(&d, 5999));
    CHECK_EQ(0, (int)panos__deadline_left(&d, 6000));
    CHECK_EQ(0, (int)panos__deadline_left(&d, 9000));

    /* Each attempt's timeouts are cut to what is left; only a cut total timeout counts. */
    long t = 120000, ct = 10000;
    CHECK_EQ(1, panos__deadline_cut(&d, 5500, &t, &ct));
    CHECK_EQ(500, (int)t);
    CHECK_EQ(500, (int)ct);
    panos__deadline_start(&d, 60000, 0);
    t = 120000, ct = 10000;
    CHECK_EQ(1, panos__deadline_cut(&d, 0, &t, &ct));
    CHECK_EQ(60000, (int)t);
    CHECK_EQ(10000, (int)ct);
    t = 0, ct = 0; /* none: the deadline becomes the timeout */
    CHECK_EQ(1, panos__deadline_cut(&d, 0, &t, &ct));
    CHECK_EQ(60000, (int)t);
    CHECK_EQ(60000, (int)ct);
    t = 2000, ct = 1000;
    CHECK_EQ(0, panos__deadline_cut(&d, 0, &t, &ct));
    CHECK_EQ(2000, (int)t);
    CHECK_EQ(1000, (int)ct);
    panos__deadline_start(&d, 0, 0);
    t = 120000, ct = 10000;
    CHECK_EQ(0, panos__deadline_cut(&d, 0, &t, &ct));
    CHECK_EQ(120000, (int)t);
}

/* Fake attempts: each "takes" attempt_ms on the fake clock and fails with code. */
struct fake_request {
    struct fake_clock *clock;
    panos_code code;
    long retry_after_s;
    long attempt_ms;
    int final; /* the attempts say part of the answer reached a sink */
    int made, discarded, waited;
    int out_of_time_attempt; /* -1: not called */
    long out_of_time_wait;
};

static void fake_attempt(void *payload, int attempt, struct panos__attempt *out)
{
    struct fake_request *r = payload;
    CHECK_EQ(r->made, attempt);
    r->made++;
    r->clock->now += r->attempt_ms;
    out->code = r->code;
    out->http_status = r->code == PANOS_E_UNAVAILABLE ? 503 : 0;
    out->message = "Service Unavailable";
    out->retry_after_s = r->retry_after_s;
    out->final = r->final;
}

static void fake_discard(void *payload, const struct panos__attempt *last)
{
    (void)last;
    ((struct fake_request *)payload)->discarded++;
}

static void fake_waiting(void *payload, long wait_ms, const struct panos__attempt *last)
{
    (void)wait_ms;
    (void)last;
    ((struct fake_request *)payload)->waited++;
}

static panos_code fake_out_of_time(void *payload, int attempt, long wait_ms,
                                   const struct panos__attempt *last)
{
    (void)last;
    struct fake_request *r = payload;
    r->out_of_time_attempt = attempt;
    r->out_of_time_wait = wait_ms;
    return PANOS_E_TIMEOUT;
}

static const struct panos__retry_hooks fake_hooks = {fake_attempt, fake_discard, fake_waiting,
                                                     fake_out_of_time};

/* Run retry.c's loop (the one request.c uses) over fake attempts on the fake clock @p f. */
static panos_code run_loop(struct fake_clock *f, long deadline_ms, int attempts, panos_code code,
                           long retry_after_s, long attempt_ms, struct fake_request *r)
{
    const struct panos__clock clock = {fake_now, fake_sleep, f};
    struct panos__deadline d;
    panos__deadline_start(&d, deadline_ms, f->now);
    memset(r, 0, sizeof(*r));
    r->clock = f;
    r->code = code;
    r->retry_after_s = retry_after_s;
    r->attempt_ms = attempt_ms;
    r->out_of_time_attempt = -1;
    f->nslept = 0;
    return panos__retry_run(&policy, &d, &clock, attempts, &fake_hooks, r);
}

/* A streamed answer cut short after part of it reached the sink is not sent again, although
 * the failure (a reset: TRANSPORT) would be retried before any byte arrived. */
static void test_loop_final(void **state)
{
    (void)state;
    struct fake_clock f = {1000, {0}, 0};
    struct fake_request r;
    const struct panos__clock clock = {fake_now, fake_sleep, &f};
    struct panos__deadline d;
    panos__deadline_start(&d, 0, f.now);
    memset(&r, 0, sizeof(r));
    r.clock = &f;
    r.code = PANOS_E_TRANSPORT;
    r.retry_after_s = -1;
    r.out_of_time_attempt = -1;
    r.final = 1;
    CHECK_CODE(PANOS_E_TRANSPORT, panos__retry_run(&policy, &d, &clock, 4, &fake_hooks, &r));
    CHECK_EQ(1, r.made);
    CHECK_EQ(0, r.waited);
    CHECK_EQ(0, f.nslept);
    /* The same failure before any byte reached the sink: four attempts. */
    CHECK_CODE(PANOS_E_TRANSPORT, run_loop(&f, 0, 4, PANOS_E_TRANSPORT, -1, 10, &r));
    CHECK_EQ(4, r.made);
}

static void test_loop_fake_clock(void **state)
{
    (void)state;
    struct fake_clock f = {1000, {0}, 0};
    struct fake_request r;

    /* No deadline: four attempts, waits 500, 1000, 2000, then the failure stands. */
    CHECK_CODE(PANOS_E_UNAVAILABLE, run_loop(&f, 0, 4, PANOS_E_UNAVAILABLE, -1, 10, &r));
    CHECK_EQ(4, r.made);
    CHECK_EQ(3, r.discarded);
    CHECK_EQ(3, r.waited);
    CHECK_EQ(3, f.nslept);
    CHECK_EQ(500, (int)f.slept[0]);
    CHECK_EQ(1000, (int)f.slept[1]);
    CHECK_EQ(2000, (int)f.slept[2]);
    CHECK_EQ(1000 + 4 * 10 + 3500, (int)f.now);
    CHECK_EQ(-1, r.out_of_time_attempt);

    /* Success ends the loop at once. */
    CHECK_OK(run_loop(&f, 0, 4, PANOS_OK, -1, 10, &r));
    CHECK_EQ(1, r.made);
    CHECK_EQ(0, f.nslept);

    /* Retry-After: 2 s raises the first two waits (500 and 1000), not the third (2000). */
    CHECK_CODE(PANOS_E_RATE_LIMITED, run_loop(&f, 0, 4, PANOS_E_RATE_LIMITED, 2, 0, &r));
    CHECK_EQ(3, f.nslept);
    CHECK_EQ(2000, (int)f.slept[0]);
    CHECK_EQ(2000, (int)f.slept[1]);
    CHECK_EQ(2000, (int)f.slept[2]);

    /* A deadline of 1.2 s: the 500 ms wait fits, the 1000 ms one would reach the deadline. */
    CHECK_CODE(PANOS_E_TIMEOUT, run_loop(&f, 1200, 4, PANOS_E_UNAVAILABLE, -1, 100, &r));
    CHECK_EQ(2, r.made);
    CHECK_EQ(1, f.nslept);
    CHECK_EQ(500, (int)f.slept[0]);
    CHECK_EQ(2, r.out_of_time_attempt);
    CHECK_EQ(1000, (int)r.out_of_time_wait);
    CHECK_EQ(2, r.discarded);

    /* A Retry-After longer than what is left fails at once, without sleeping. */
    CHECK_CODE(PANOS_E_TIMEOUT, run_loop(&f, 5000, 4, PANOS_E_RATE_LIMITED, 7, 0, &r));
    CHECK_EQ(1, r.made);
    CHECK_EQ(0, f.nslept);
    CHECK_EQ(7000, (int)r.out_of_time_wait);

    /* An attempt that uses up the deadline: the next one is not started. */
    CHECK_CODE(PANOS_E_TIMEOUT, run_loop(&f, 600, 4, PANOS_E_UNAVAILABLE, -1, 300, &r));
    CHECK_EQ(1, r.made); /* 300 ms left after it, less than the 500 ms wait */
    CHECK_EQ(1, r.out_of_time_attempt);

    /* Not retryable, or not idempotent (one attempt): no wait at all. */
    CHECK_CODE(PANOS_E_AUTH, run_loop(&f, 0, 4, PANOS_E_AUTH, -1, 0, &r));
    CHECK_EQ(1, r.made);
    CHECK_CODE(PANOS_E_UNAVAILABLE, run_loop(&f, 0, 1, PANOS_E_UNAVAILABLE, -1, 0, &r));
    CHECK_EQ(1, r.made);
    CHECK_EQ(0, f.nslept);
    CHECK_EQ(0, r.discarded);
}

/* A deadline already gone: no attempt is made ("ran out before the request"). */
static void test_loop_deadline_gone(void **state)
{
    (void)state;
    struct fake_clock f = {1000, {0}, 0};
    const struct panos__clock clock = {fake_now, fake_sleep, &f};
    struct panos__deadline d;
    struct fake_request r;
    memset(&r, 0, sizeof(r));
    r.clock = &f;
    r.out_of_time_attempt = -1;
    panos__deadline_start(&d, 100, 0); /* ran out at 100, now is 1000 */
    CHECK_CODE(PANOS_E_TIMEOUT, panos__retry_run(&policy, &d, &clock, 4, &fake_hooks, &r));
    CHECK_EQ(0, r.made);
    CHECK_EQ(0, r.out_of_time_attempt);
    CHECK_EQ(-1, (int)r.out_of_time_wait);
}

/* The system clock moves forward and its sleep returns. */
static void test_system_clock(void **state)
{
    (void)state;
    const struct panos__clock *c = &panos__clock_system;
    long long t0 = c->now_ms(c->payload);
    c->sleep_ms(c->payload, 5);
    CHECK_TRUE(c->now_ms(c->payload) >= t0 + 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idempotent),         cmocka_unit_test(test_idempotent_kinds),
        cmocka_unit_test(test_retryable),          cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_deadline),           cmocka_unit_test(test_loop_fake_clock),
        cmocka_unit_test(test_loop_deadline_gone), cmocka_unit_test(test_system_clock),
        cmocka_unit_test(test_loop_final),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
