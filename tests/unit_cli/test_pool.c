/* SPDX-License-Identifier: MIT */
/* test_pool.c -- panctl's worker pool (pool.c): every item once, on a client no other running
 * item holds, never more at once than clients; failures kept per item; stop; 0 items; N=1. */
#include <pthread.h>
#include <string.h>
#include <time.h>
#include "pool.h"
#include "check.h"

#define ITEMS 40

/* Stand-ins: the pool only hands the clients on, so any distinct addresses do. */
static char fake[CLI_POOL_MAX];

struct rec {
    pthread_mutex_t lock;
    int runs[ITEMS];         /* times each item ran */
    panos_client *on[ITEMS]; /* the client it ran on */
    int busy[CLI_POOL_MAX];  /* items running on each client now */
    int running, most;       /* items running now, and the most at once */
    int fail_at, stop_at;    /* item that fails, item that stops the pool (-1: none) */
    int code[ITEMS];         /* each item's own result */
    size_t started, done_calls, last_ndone;
    int clash; /* a client was used by two items at once */
};

static int run(void *payload, size_t i, panos_client *c)
{
    struct rec *r = payload;
    size_t k = (size_t)((char *)c - fake);
    pthread_mutex_lock(&r->lock);
    r->runs[i]++;
    r->on[i] = c;
    if (r->busy[k]++ > 0)
        r->clash = 1;
    if (++r->running > r->most)
        r->most = r->running;
    pthread_mutex_unlock(&r->lock);
    struct timespec ts = {0, 2000000}; /* 2 ms: long enough for the workers to overlap */
    nanosleep(&ts, NULL);
    pthread_mutex_lock(&r->lock);
    r->busy[k]--;
    r->running--;
    r->code[i] = (int)i == r->fail_at ? 9 : 0;
    pthread_mutex_unlock(&r->lock);
    return (int)i == r->stop_at;
}

static void started(void *payload, size_t i)
{
    struct rec *r = payload;
    (void)i;
    r->started++; /* under the pool's lock */
}

static void done(void *payload, size_t i, size_t ndone)
{
    struct rec *r = payload;
    (void)i;
    r->done_calls++;
    r->last_ndone = ndone;
}

static size_t go(struct rec *r, size_t nclients, size_t n)
{
    panos_client *clients[CLI_POOL_MAX];
    for (size_t i = 0; i < CLI_POOL_MAX; i++)
        clients[i] = (panos_client *)(void *)&fake[i];
    pthread_mutex_init(&r->lock, NULL);
    const struct cli_pool p = {clients, nclients, n, run, started, done, r};
    size_t got = cli_pool_run(&p);
    pthread_mutex_destroy(&r->lock);
    return got;
}

static void test_more_items_than_workers(void **state)
{
    (void)state;
    struct rec r = {.fail_at = 7, .stop_at = -1};
    CHECK_EQ(ITEMS, go(&r, 3, ITEMS));
    for (size_t i = 0; i < ITEMS; i++) {
        CHECK_EQ(1, r.runs[i]);
        CHECK_TRUE(r.on[i] >= (panos_client *)(void *)&fake[0] &&
                   r.on[i] <= (panos_client *)(void *)&fake[2]);
        CHECK_EQ(i == 7 ? 9 : 0, r.code[i]); /* the failure is kept; the rest ran */
    }
    CHECK_EQ(0, r.clash);
    CHECK_TRUE(r.most <= 3);
    CHECK_TRUE(r.most >= 2); /* they did run side by side */
    CHECK_EQ(ITEMS, r.started);
    CHECK_EQ(ITEMS, r.done_calls);
    CHECK_EQ(ITEMS, r.last_ndone);
}

static void test_stop(void **state)
{
    (void)state;
    struct rec r = {.fail_at = -1, .stop_at = 3};
    size_t got = go(&r, 1, ITEMS); /* one worker: nothing after item 3 starts */
    CHECK_EQ(4, got);
    for (size_t i = 0; i < ITEMS; i++)
        CHECK_EQ(i <= 3 ? 1 : 0, r.runs[i]);
    memset(&r, 0, sizeof(r));
    r.fail_at = -1;
    r.stop_at = 0;
    got = go(&r, 4, ITEMS); /* the items already running finish, no more start */
    CHECK_TRUE(got >= 1 && got < ITEMS);
    CHECK_EQ(got, r.done_calls);
    for (size_t i = 0; i < ITEMS; i++)
        CHECK_EQ(i < got ? 1 : 0, r.runs[i]);
}

static void test_zero_items(void **state)
{
    (void)state;
    struct rec r = {.fail_at = -1, .stop_at = -1};
    CHECK_EQ(0, go(&r, 4, 0));
    CHECK_EQ(0, r.started);
    CHECK_EQ(0, r.done_calls);
}

static void test_one_worker(void **state)
{
    (void)state;
    struct rec r = {.fail_at = -1, .stop_at = -1};
    CHECK_EQ(ITEMS, go(&r, 1, ITEMS));
    for (size_t i = 0; i < ITEMS; i++) {
        CHECK_EQ(1, r.runs[i]);
        CHECK_TRUE(r.on[i] == (panos_client *)(void *)&fake[0]);
    }
    CHECK_EQ(1, r.most);
}

static void test_fewer_items_than_workers(void **state)
{
    (void)state;
    struct rec r = {.fail_at = -1, .stop_at = -1};
    CHECK_EQ(2, go(&r, CLI_POOL_MAX, 2));
    CHECK_EQ(1, r.runs[0]);
    CHECK_EQ(1, r.runs[1]);
    CHECK_TRUE(r.most <= 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_more_items_than_workers),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_zero_items),
        cmocka_unit_test(test_one_worker),
        cmocka_unit_test(test_fewer_items_than_workers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
