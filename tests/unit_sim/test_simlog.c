/* SPDX-License-Identifier: MIT */
/* test_simlog.c -- pansim's log store (deterministic, growing) and its filter language. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "logstore.h"

#define T0 1795348800000LL /* 2026-11-22 12:00:00 UTC */

static struct sim_logstore *store(unsigned long seed)
{
    struct sim_logstore_options o = {.seed = seed, .rate_per_s = 10, .t0_ms = T0,
                                     .span_s = 86400};
    o.initial[SIM_LOG_TRAFFIC] = 1000000;
    o.initial[SIM_LOG_SYSTEM] = 1000;
    struct sim_logstore *s;
    CHECK_EQ(0, sim_logstore_new(&s, &o));
    return s;
}

static void test_deterministic_and_growing(void **state)
{
    (void)state;
    struct sim_logstore *a = store(7), *b = store(7), *c = store(8);
    static struct sim_logentry x, y, z;
    sim_logstore_entry(a, SIM_LOG_TRAFFIC, 123456, &x);
    sim_logstore_entry(b, SIM_LOG_TRAFFIC, 123456, &y);
    sim_logstore_entry(c, SIM_LOG_TRAFFIC, 123456, &z);
    CHECK_EQ(x.n, y.n);
    for (size_t i = 0; i < x.n; i++)
        CHECK_STR(x.f[i].value, y.f[i].value);
    CHECK_STR("123457", sim_logentry_get(&x, "seqno"));
    CHECK_TRUE(strcmp(sim_logentry_get(&x, "src"), sim_logentry_get(&z, "src")) != 0 ||
               strcmp(sim_logentry_get(&x, "sport"), sim_logentry_get(&z, "sport")) != 0);
    /* The newest initial entry is at t0; then 10 traffic entries per second arrive. */
    sim_logstore_entry(a, SIM_LOG_TRAFFIC, 999999, &x);
    CHECK_STR("2026/11/22 12:00:00", sim_logentry_get(&x, "receive_time"));
    CHECK_EQ(1000000, sim_logstore_count(a, SIM_LOG_TRAFFIC, T0));
    CHECK_EQ(1000050, sim_logstore_count(a, SIM_LOG_TRAFFIC, T0 + 5000));
    CHECK_EQ(1005, sim_logstore_count(a, SIM_LOG_SYSTEM, T0 + 5000));
    sim_logstore_free(a);
    sim_logstore_free(b);
    sim_logstore_free(c);
}

static int matches(const char *q, const struct sim_logentry *e)
{
    char err[160];
    struct sim_filter *f;
    if (sim_filter_parse(&f, q, err, sizeof(err)) != 0)
        fail_msg("'%s' did not parse: %s", q, err);
    int m = sim_filter_match(f, e, T0);
    sim_filter_free(f);
    return m;
}

static void test_filter_terms(void **state)
{
    (void)state;
    struct sim_logstore *s = store(1);
    static struct sim_logentry e;
    sim_logstore_entry(s, SIM_LOG_TRAFFIC, 999999, &e);
    char q[256];
    const char *src = sim_logentry_get(&e, "src"), *app = sim_logentry_get(&e, "app");
    snprintf(q, sizeof(q), "(addr.src in %s)", src);
    CHECK_TRUE(matches(q, &e));
    CHECK_TRUE(matches("(addr.src in 192.0.2.0/24)", &e));
    CHECK_TRUE(matches("( addr.src notin 198.51.100.0/24 )", &e));
    CHECK_TRUE(matches("(addr in 192.0.2.0/26) or (addr in 192.0.2.64/26)", &e));
    CHECK_TRUE(!matches("(addr.dst in 192.0.2.0/24)", &e));
    snprintf(q, sizeof(q), "(app eq '%s') and !(app neq %s)", app, app);
    CHECK_TRUE(matches(q, &e));
    CHECK_TRUE(matches("(zone.src eq trust) and (zone.dst eq 'untrust')", &e));
    CHECK_TRUE(matches("(receive_time geq '2026/11/22 11:59:59') and "
                       "(receive_time leq '2026/11/22 12:00:00')",
                       &e));
    CHECK_TRUE(matches("(receive_time in last-hour)", &e));
    CHECK_TRUE(matches("(seqno geq '1000000') and (seqno leq 1000000)", &e));
    CHECK_TRUE(!matches("not (seqno eq 1000000)", &e));
    CHECK_TRUE(matches("(rule contains 'Internet') or (rule contains 'DNS') or "
                       "(rule eq 'Block bad')",
                       &e));
    CHECK_TRUE(matches("src in 192.0.2.0/24 and vsys eq vsys1", &e)); /* bare terms */
    sim_logstore_entry(s, SIM_LOG_SYSTEM, 5, &e);
    CHECK_TRUE(matches("(severity geq informational) and (severity leq critical)", &e));
    sim_logstore_free(s);
}

static void test_filter_errors_and_bounds(void **state)
{
    (void)state;
    const char *bad[] = {"(app eq ssl",        "(app eq ssl))",      "(app equals ssl)",
                         "(nosuch eq 1)",      "(app eq 'ssl)",      "(addr.src in 300.1.1.1)",
                         "(receive_time in last-year)", "(receive_time geq '2026-11-22')",
                         "(app eq ssl) and",   "(app eq ssl) (app eq dns)"};
    char err[160];
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct sim_filter *f = NULL;
        if (sim_filter_parse(&f, bad[i], err, sizeof(err)) == 0)
            fail_msg("'%s' was accepted", bad[i]);
        CHECK_TRUE(strstr(err, "position") != NULL);
    }
    struct sim_filter *f;
    CHECK_EQ(0, sim_filter_parse(&f, "((app eq ssl) or (app eq dns)) and (seqno geq '100') and "
                                     "(seqno leq '5000')",
                                 err, sizeof(err)));
    unsigned long long lo, hi;
    sim_filter_seqno_bounds(f, &lo, &hi);
    CHECK_EQ(100, lo);
    CHECK_EQ(5000, hi);
    sim_filter_free(f);
    CHECK_EQ(0, sim_filter_parse(&f, "(seqno geq 100) or (app eq ssl)", err, sizeof(err)));
    sim_filter_seqno_bounds(f, &lo, &hi); /* under "or": no bound can be drawn */
    CHECK_EQ(1, lo);
    CHECK_TRUE(hi == ULLONG_MAX);
    sim_filter_free(f);
    CHECK_EQ(0, sim_filter_parse(&f, "   ", err, sizeof(err)));
    CHECK_TRUE(f == NULL);
}

/* Parse @p n copies of @p open, a term, then @p n copies of @p close; 0 if accepted. */
static int parse_nested(size_t n, char open, char close, char *err, size_t errlen)
{
    static const char term[] = "(app eq ssl)";
    char *q = malloc(2 * n + sizeof(term));
    assert_non_null(q);
    memset(q, open, n);
    memcpy(q + n, term, sizeof(term) - 1);
    memset(q + n + sizeof(term) - 1, close, close ? n : 0);
    q[n + sizeof(term) - 1 + (close ? n : 0)] = '\0';
    struct sim_filter *f = NULL;
    int rc = sim_filter_parse(&f, q, err, errlen);
    sim_filter_free(f);
    free(q);
    return rc;
}

/* The queries (50,000 "(" and 100,000 "!") overflowed the stack: now refused by
 * length; below that, nesting past 64 levels is refused, and 64 still parses. */
static void test_filter_depth_and_length(void **state)
{
    (void)state;
    char err[160];
    CHECK_EQ(-1, parse_nested(50000, '(', ')', err, sizeof(err)));
    CHECK_STR("the query is longer than 8192 characters", err);
    CHECK_EQ(-1, parse_nested(100000, '!', 0, err, sizeof(err)));
    CHECK_STR("the query is longer than 8192 characters", err);
    CHECK_EQ(-1, parse_nested(4000, '!', 0, err, sizeof(err)));
    CHECK_STR("more than 64 nested parentheses and negations at position 65", err);
    CHECK_EQ(-1, parse_nested(65, '(', ')', err, sizeof(err)));
    CHECK_TRUE(strstr(err, "more than 64 nested") != NULL);
    CHECK_EQ(0, parse_nested(63, '(', ')', err, sizeof(err))); /* + the term's own: 64 */
    CHECK_EQ(0, parse_nested(63, '!', 0, err, sizeof(err)));
}

/* Every log type the store holds: the 10.x header, the device's name, one type per kind. */
static void test_log_types(void **state)
{
    (void)state;
    static const char *const types[][2] = {
        {"traffic", "TRAFFIC"},       {"threat", "THREAT"},         {"system", "SYSTEM"},
        {"config", "CONFIG"},         {"url", "THREAT"},            {"userid", "USERID"},
        {"globalprotect", "GLOBALPROTECT"}, {"decryption", "DECRYPTION"}};
    struct sim_logstore_options o = {.seed = 3, .t0_ms = T0, .span_s = 86400,
                                     .device_name = "fw-lab-1"};
    for (int t = 0; t < SIM_LOG__COUNT; t++)
        o.initial[t] = 100;
    struct sim_logstore *s;
    CHECK_EQ(0, sim_logstore_new(&s, &o));
    CHECK_STR("fw-lab-1", sim_logstore_device_name(s));
    static struct sim_logentry e;
    for (size_t k = 0; k < sizeof(types) / sizeof(types[0]); k++) {
        int t = sim_logtype_from_name(types[k][0]);
        CHECK_TRUE(t >= 0);
        for (unsigned i = 0; i < 50; i++) {
            sim_logstore_entry(s, (enum sim_logtype)t, i, &e);
            CHECK_STR(types[k][1], sim_logentry_get(&e, "type"));
            CHECK_STR("fw-lab-1", sim_logentry_get(&e, "device_name"));
            CHECK_TRUE(sim_logentry_get(&e, "high_res_timestamp") != NULL);
            CHECK_TRUE(sim_logentry_get(&e, "dg_hier_level_4") != NULL);
            CHECK_TRUE(e.n < SIM_LOG_MAX_FIELDS);
        }
    }
    sim_logstore_entry(s, SIM_LOG_URL, 0, &e);
    CHECK_STR("url", sim_logentry_get(&e, "subtype"));
    CHECK_EQ(-1, sim_logtype_from_name("hipmatch"));
    sim_logstore_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_types),
        cmocka_unit_test(test_deterministic_and_growing),
        cmocka_unit_test(test_filter_terms),
        cmocka_unit_test(test_filter_errors_and_bounds),
        cmocka_unit_test(test_filter_depth_and_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
