/* SPDX-License-Identifier: MIT */
/* test_logfilter.c -- the log filter builder: terms, quoting, addresses, times, refusals. */
#include <string.h>
#include <panos/log.h>
#include "check.h"

static char err[256];
static panos_buf out;

static char *build(const panos_logfilter *f, panos_code want)
{
    panos_buf_dispose(&out);
    err[0] = '\0';
    CHECK_CODE(want, panos_logfilter_build(&out, f, err, sizeof(err)));
    return out.ptr;
}

static void test_empty(void **state)
{
    (void)state;
    panos_logfilter f = {.log_type = "traffic"};
    CHECK_STR("", build(&f, PANOS_OK));
}

static void test_terms_and_query(void **state)
{
    (void)state;
    panos_logfilter f = {.log_type = "traffic",
                         .query = "(app eq ssl) or (app eq dns)",
                         .src = "192.0.2.10",
                         .dst = "198.51.100.0/24",
                         .port = "443",
                         .rule = "Allow web",
                         .action = "allow"};
    /* The raw query is wrapped so that its "or" cannot bind with our "and" (the trap
       demisto/content Panorama.py build_array_query falls into). */
    CHECK_STR("((app eq ssl) or (app eq dns)) and (addr.src in 192.0.2.10) and "
              "(addr.dst in 198.51.100.0/24) and (port.dst eq 443) and (rule eq 'Allow web') "
              "and (action eq 'allow')",
              build(&f, PANOS_OK));
}

static void test_addresses(void **state)
{
    (void)state;
    panos_logfilter f = {.log_type = "threat", .addr = "2001:db8::/32"};
    CHECK_STR("(addr in 2001:db8::/32)", build(&f, PANOS_OK));
    f.addr = "192.0.2.300";
    build(&f, PANOS_E_INVALID_ARG);
    CHECK_TRUE(strstr(err, "not an IP address") != NULL);
    f.addr = "192.0.2.0/33";
    build(&f, PANOS_E_INVALID_ARG);
    f.addr = "192.0.2.0/";
    build(&f, PANOS_E_INVALID_ARG);
}

static void test_refusals(void **state)
{
    (void)state;
    panos_logfilter f = {.log_type = "traffic", .app = "it's"};
    build(&f, PANOS_E_INVALID_ARG);
    CHECK_TRUE(strstr(err, "app") != NULL);
    f.app = NULL;
    f.port = "65536";
    build(&f, PANOS_E_INVALID_ARG);
    f.port = "0x10";
    build(&f, PANOS_E_INVALID_ARG);
    panos_logfilter s = {.log_type = "system", .src = "192.0.2.1"};
    build(&s, PANOS_E_INVALID_ARG);
    CHECK_STR("'src' does not apply to system logs", err);
    panos_logfilter d = {.log_type = "system", .subtype = "dhcp"};
    CHECK_STR("(subtype eq 'dhcp')", build(&d, PANOS_OK));
}

static void test_times(void **state)
{
    (void)state;
    /* 2026-11-22 12:00:00 as the firewall's wall clock. */
    panos_logfilter f = {.log_type = "traffic", .since = "2h", .until = "2026-11-22T11:30",
                         .now = 1795348800LL};
    CHECK_STR("(receive_time geq '2026/11/22 10:00:00') and "
              "(receive_time leq '2026/11/22 11:30:00')",
              build(&f, PANOS_OK));
    f.since = "2026/11/01 08:00:00";
    f.until = "7d";
    CHECK_STR("(receive_time geq '2026/11/01 08:00:00') and "
              "(receive_time leq '2026/11/15 12:00:00')",
              build(&f, PANOS_OK));
    f.until = NULL;
    f.since = "yesterday";
    build(&f, PANOS_E_INVALID_ARG);
    CHECK_TRUE(strstr(err, "bad time 'yesterday'") != NULL);
    f.since = "2026/13/01";
    build(&f, PANOS_E_INVALID_ARG);
    f.since = "5h";
    f.now = 0;
    build(&f, PANOS_E_INVALID_ARG);
}

static void test_types(void **state)
{
    (void)state;
    CHECK_TRUE(panos_log_type_valid("traffic"));
    CHECK_TRUE(panos_log_type_valid("globalprotect"));
    CHECK_TRUE(!panos_log_type_valid("tunnel"));
    CHECK_TRUE(!panos_log_type_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),      cmocka_unit_test(test_terms_and_query),
        cmocka_unit_test(test_addresses),  cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_times),      cmocka_unit_test(test_types),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_buf_dispose(&out);
    return rc;
}
