/* SPDX-License-Identifier: MIT */
/* test_cliparse.c -- panctl's strict number and size parsers, host parsing, help rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "check.h"

/* opts.c appends main.c's global options to every table; one row stands in for them here. */
const struct cli_opt cli_global_opts[] = {
    {{"host", required_argument, NULL, 'H'}, "HOST", "the firewall"},
    {{NULL, 0, NULL, 0}, NULL, NULL},
};

static void test_count(void **state)
{
    (void)state;
    long long v = -1;
    CHECK_EQ(0, cli_parse_count("logs", "--count", "0", 0, 10, &v));
    CHECK_EQ(0, v);
    CHECK_EQ(0, cli_parse_count("logs", "--count", "10", 0, 10, &v));
    CHECK_EQ(10, v);
    static const char *const bad[] = {"", "11", "-1", "+5", " 5", "5 ", "0x5", "1e3", "nan",
                                      "99999999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_EQ(PANOS_E_INVALID_ARG, cli_parse_count("logs", "--count", bad[i], 0, 10, &v));
    CHECK_EQ(PANOS_E_INVALID_ARG, cli_parse_count(NULL, "--port", NULL, 1, 65535, &v));
    CHECK_EQ(10, v); /* untouched by a refusal */
}

static void test_seconds(void **state)
{
    (void)state;
    long ms = -1;
    CHECK_EQ(0, cli_parse_seconds(NULL, "--timeout", "30", 1, 86400000, &ms));
    CHECK_EQ(30000, ms);
    CHECK_EQ(0, cli_parse_seconds(NULL, "--timeout", "0.5", 1, 86400000, &ms));
    CHECK_EQ(500, ms);
    CHECK_EQ(0, cli_parse_seconds(NULL, "--timeout", "1.250", 1, 86400000, &ms));
    CHECK_EQ(1250, ms);
    CHECK_EQ(0, cli_parse_seconds(NULL, "--timeout", ".25", 1, 86400000, &ms));
    CHECK_EQ(250, ms);
    static const char *const bad[] = {"0.0004", "nan", "inf", "1e3", "-1", ".", "", "1.2.3",
                                      "86401", "0"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_EQ(PANOS_E_INVALID_ARG,
                 cli_parse_seconds(NULL, "--timeout", bad[i], 1, 86400000, &ms));
}

static void test_size(void **state)
{
    (void)state;
    size_t n = 0;
    CHECK_EQ(0, cli_parse_size("1048576", &n));
    CHECK_EQ(1048576, n);
    CHECK_EQ(0, cli_parse_size("64M", &n));
    CHECK_EQ(64 << 20, n);
    CHECK_EQ(0, cli_parse_size("1k", &n));
    CHECK_EQ(1024, n);
    static const char *const bad[] = {"", "0", "-1", "1T", "1KB", "2048G", " 1", "M"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_EQ(-1, cli_parse_size(bad[i], &n));
}

/* cli_parse_host() of @p arg must give @p host, @p port and @p http. */
static void host_is(const char *arg, const char *host, unsigned int port, int http)
{
    char h[256] = "";
    unsigned int p = 0;
    int u = 0;
    CHECK_EQ(0, cli_parse_host(arg, h, sizeof(h), &p, &u));
    CHECK_STR(host, h);
    CHECK_EQ(port, p);
    CHECK_EQ(http, u);
}

static void test_host(void **state)
{
    (void)state;
    host_is("fw1.example.com", "fw1.example.com", 0, 0);
    host_is("192.0.2.1:8443", "192.0.2.1", 8443, 0);
    host_is("[2001:db8::1]", "[2001:db8::1]", 0, 0);
    host_is("[2001:db8::1]:444", "[2001:db8::1]", 444, 0);
    host_is("2001:db8::1", "2001:db8::1", 0, 0); /* two colons: an address, not a port */
    host_is("https://fw1:444/api/", "fw1", 444, 0);
    host_is("http://fw1", "fw1", 0, 1);
    char h[8];
    unsigned int p = 0;
    int u = 0;
    static const char *const bad[] = {"", "fw1:0", "fw1:65536", "fw1:x", "[::1", "[::1]x",
                                      "https://", "a-very-long-host-name"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_EQ(-1, cli_parse_host(bad[i], h, sizeof(h), &p, &u));
    CHECK_TRUE(cli_same_host("FW1:443", "https://fw1/"));
    CHECK_TRUE(!cli_same_host("fw1", "fw2"));
    CHECK_TRUE(cli_is_loopback("127.0.0.1"));
    CHECK_TRUE(cli_is_loopback("127.5.6.7"));
    CHECK_TRUE(cli_is_loopback("[::1]"));
    CHECK_TRUE(cli_is_loopback("LocalHost"));
    CHECK_TRUE(!cli_is_loopback("127.evil.example"));
    CHECK_TRUE(!cli_is_loopback("192.0.2.1"));
}

/* The one row formatter: a short option, a long-only option, an argument, the global rows
 * appended to a command's getopt table but not to its help. */
static void test_opt_rows(void **state)
{
    (void)state;
    static const struct cli_opt opts[] = {
        {{"out", required_argument, NULL, 'O'}, "FILE", "write to FILE"},
        {{"reveal", no_argument, NULL, 0x1000}, NULL, "show it"},
        {{NULL, 0, NULL, 0}, NULL, NULL},
    };
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK_TRUE(f != NULL);
    cli_opt_rows(f, opts);
    fclose(f);
    CHECK_STR("  -O, --out FILE             write to FILE\n"
              "      --reveal               show it\n",
              buf);
    free(buf);
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    CHECK_STR("O:H:", shorts);
    CHECK_STR("out", longs[0].name);
    CHECK_STR("reveal", longs[1].name);
    CHECK_STR("host", longs[2].name);
    CHECK_TRUE(longs[3].name == NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_seconds),
        cmocka_unit_test(test_size),
        cmocka_unit_test(test_host),
        cmocka_unit_test(test_opt_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
