/* SPDX-License-Identifier: MIT */
/* test_logjobs.c -- pansim's log jobs: a page built ahead by the worker is the one built when
 * fetched; jobs finished or left while their pages are built. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check.h"
#include "loghandler.h"

#define T0 1767225600000LL /* the device clock of these tests, epoch ms */

static struct sim_logstore *store_new(void)
{
    struct sim_logstore_options o = {.seed = 1, .t0_ms = T0, .span_s = 7 * 86400};
    o.initial[SIM_LOG_TRAFFIC] = 20000;
    struct sim_logstore *s = NULL;
    CHECK_EQ(sim_logstore_new(&s, &o), 0);
    return s;
}

/* One type=log request of the name,value,...,NULL pairs @p kv at device time @p now. */
static void call(struct sim_logjobs *j, const char *const *kv, long long now, struct sim_reply *r)
{
    struct sim_param ps[8];
    size_t n = 0;
    for (; kv[2 * n] != NULL; n++) {
        ps[n].name = (char *)kv[2 * n];
        ps[n].value = (char *)kv[2 * n + 1];
    }
    struct sim_request req = {.method = "POST", .path = "/api/", .params = ps, .nparams = n};
    memset(r, 0, sizeof(*r));
    r->status = 200;
    sim_logjobs_handle(j, &req, r, now);
    CHECK_TRUE(r->body != NULL);
}

static void reply_free(struct sim_reply *r)
{
    if (r->release != NULL)
        r->release(r->body);
    else
        free(r->body);
    memset(r, 0, sizeof(*r));
}

/* Enqueue 500 traffic entries under a seqno bound, skipping @p skip; returns the job id. */
static unsigned long enqueue(struct sim_logjobs *j, const char *skip)
{
    const char *kv[] = {"type",  "log", "log-type", "traffic",
                        "nlogs", "500", "query",    "(seqno leq '15000')",
                        "skip",  skip,  NULL};
    struct sim_reply r;
    call(j, kv, T0, &r);
    const char *p = strstr(r.body, "<job>");
    unsigned long id = p ? strtoul(p + 5, NULL, 10) : 0;
    reply_free(&r);
    CHECK_TRUE(id > 0);
    return id;
}

static void action(struct sim_logjobs *j, const char *what, unsigned long id, long long now,
                   struct sim_reply *r)
{
    char ids[24];
    snprintf(ids, sizeof(ids), "%lu", id);
    const char *kv[] = {"type", "log", "action", what, "job-id", ids, NULL};
    call(j, kv, now, r);
}

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The answer from <log> on: the entries and the meta, what the job's id does not change. */
static const char *from_log(const struct sim_reply *r)
{
    const char *p = strstr(r->body, "<log>");
    CHECK_TRUE(p != NULL);
    return p;
}

/* Jobs 1 and 2 are built by the worker while the test sleeps; job 3 waits (two pages at most
 * are kept) and is built by its get. Same parameters, same answer. */
static void test_page_built_ahead_is_the_same(void **state)
{
    (void)state;
    struct sim_logstore *s = store_new();
    struct sim_logjobs *j = NULL;
    CHECK_EQ(sim_logjobs_new(&j, s, 100), 0);
    unsigned long a = enqueue(j, "500"), b = enqueue(j, "500"), c = enqueue(j, "500");
    struct sim_reply ra, rb, rc, act;
    action(j, "get", a, T0 + 50, &act); /* before --log-job-ms: still running */
    CHECK_TRUE(strstr(act.body, "<status>ACT</status>") != NULL);
    reply_free(&act);
    nap_ms(300);
    action(j, "get", c, T0 + 1000, &rc);
    action(j, "get", a, T0 + 1000, &ra);
    action(j, "get", b, T0 + 1000, &rb);
    CHECK_STR(from_log(&ra), from_log(&rc));
    CHECK_STR(from_log(&rb), from_log(&rc));
    CHECK_TRUE(strstr(ra.body, "<logs count=\"500\" progress=\"100\">") != NULL);
    CHECK_TRUE(strstr(ra.body, "<seqno>14500</seqno>") != NULL); /* skip=500 under 15000 */
    CHECK_TRUE(strstr(ra.body, "<seqno>14501</seqno>") == NULL);
    reply_free(&ra);
    reply_free(&rb);
    reply_free(&rc);
    action(j, "get", a, T0 + 1000, &ra); /* deleted once fetched */
    CHECK_TRUE(strstr(ra.body, "No such query job") != NULL);
    reply_free(&ra);
    sim_logjobs_free(j);
    sim_logstore_free(s);
}

/* Finished at once (while the worker may be building them), finished twice, and left pending
 * when the jobs are freed: no answer lost, nothing leaked (ASan, LeakSanitizer). */
static void test_finish_and_free_while_building(void **state)
{
    (void)state;
    struct sim_logstore *s = store_new();
    struct sim_logjobs *j = NULL;
    CHECK_EQ(sim_logjobs_new(&j, s, 100), 0);
    for (int i = 0; i < 6; i++) {
        unsigned long id = enqueue(j, "0");
        struct sim_reply r;
        action(j, "finish", id, T0, &r);
        CHECK_TRUE(strstr(r.body, "status=\"success\"") != NULL);
        reply_free(&r);
        action(j, "finish", id, T0, &r);
        CHECK_TRUE(strstr(r.body, "No such query job") != NULL);
        reply_free(&r);
    }
    enqueue(j, "0");
    enqueue(j, "1000");
    enqueue(j, "2000");
    sim_logjobs_free(j); /* the worker may be building one of them */
    sim_logstore_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_built_ahead_is_the_same),
        cmocka_unit_test(test_finish_and_free_while_building),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
