/* SPDX-License-Identifier: MIT */
/* test_check.c -- panctl check's Nagios range parser and its answer parsers (df, top, dates). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "check_parse.h"
#include "check_range.h"
#include "check.h"

static struct cli_range parse_ok(const char *s)
{
    struct cli_range r;
    char err[160] = "";
    CHECK_EQ(0, cli_range_parse(&r, s, err, sizeof(err)));
    CHECK_STR("", err);
    return r;
}

/* The five forms of the Monitoring Plugins Development Guidelines' table. */
static void test_range_forms(void **state)
{
    (void)state;
    struct cli_range r = parse_ok("10"); /* alert < 0 or > 10 */
    CHECK_EQ(1, cli_range_alert(&r, -1));
    CHECK_EQ(0, cli_range_alert(&r, 0));
    CHECK_EQ(0, cli_range_alert(&r, 10));
    CHECK_EQ(1, cli_range_alert(&r, 10.5));
    r = parse_ok("10:"); /* alert < 10 */
    CHECK_EQ(1, cli_range_alert(&r, 9.99));
    CHECK_EQ(0, cli_range_alert(&r, 10));
    CHECK_EQ(0, cli_range_alert(&r, 1e9));
    r = parse_ok("~:10"); /* alert > 10 */
    CHECK_EQ(0, cli_range_alert(&r, -1e9));
    CHECK_EQ(0, cli_range_alert(&r, 10));
    CHECK_EQ(1, cli_range_alert(&r, 11));
    r = parse_ok("10:20"); /* alert outside 10..20 */
    CHECK_EQ(1, cli_range_alert(&r, 9));
    CHECK_EQ(0, cli_range_alert(&r, 10));
    CHECK_EQ(0, cli_range_alert(&r, 20));
    CHECK_EQ(1, cli_range_alert(&r, 21));
    r = parse_ok("@10:20"); /* alert inside 10..20, inclusive */
    CHECK_EQ(0, cli_range_alert(&r, 9));
    CHECK_EQ(1, cli_range_alert(&r, 10));
    CHECK_EQ(1, cli_range_alert(&r, 20));
    CHECK_EQ(0, cli_range_alert(&r, 20.01));
    CHECK_STR("@10:20", r.text);
    r = parse_ok("-5.5:-1"); /* negative decimals */
    CHECK_EQ(0, cli_range_alert(&r, -3));
    CHECK_EQ(1, cli_range_alert(&r, 0));
    r = parse_ok("@0"); /* alert inside 0..0 */
    CHECK_EQ(1, cli_range_alert(&r, 0));
    CHECK_EQ(0, cli_range_alert(&r, 1));
}

static void test_range_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",   ":",   "~:",    "~",  "10x", "1e3",  "nan", "inf", "0x10", "20:10",
        "@",  "@@1", "1:2:3", " 1", "1 ",  "10:~", ".",   "-",   "1..2", "1234567890123456",
        ":10"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct cli_range r;
        char err[160] = "";
        CHECK_EQ(-1, cli_range_parse(&r, bad[i], err, sizeof(err)));
        CHECK_TRUE(strstr(err, "range '") == err);
    }
    struct cli_range r;
    char err[160];
    CHECK_EQ(-1, cli_range_parse(&r, "20:10", err, sizeof(err)));
    CHECK_STR("range '20:10': START is above END", err);
}

static void test_df(void **state)
{
    (void)state;
    /* the sample of elastic/beats panw filesystem.go, plus a device name on its own line */
    const char *text = "Filesystem      Size  Used Avail Use% Mounted on\n"
                       "/dev/root       9.5G  4.0G  5.1G  44% /\n"
                       "none            2.5G   64K  2.5G   1% /dev\n"
                       "/dev/sda5        19G  9.1G  9.0G  51% /opt/pancfg\n"
                       "/dev/mapper/very-long-volume-name\n"
                       "                 21G     0   21G   0% /opt/panlogs\n";
    struct cli_df_row rows[8];
    size_t n = 0;
    CHECK_EQ(0, cli_df_parse(text, rows, 8, &n));
    CHECK_EQ(4, n);
    CHECK_STR("/", rows[0].mount);
    CHECK_EQ(44, rows[0].use_pct);
    CHECK_TRUE(fabs(rows[0].size - 9.5 * 1024 * 1024 * 1024) < 1);
    CHECK_TRUE(fabs(rows[1].used - 64 * 1024) < 1);
    CHECK_STR("/dev/mapper/very-long-volume-name", rows[3].device);
    CHECK_EQ(0, rows[3].use_pct);
    CHECK_EQ(-1, cli_df_parse("no header\n", rows, 8, &n));
    CHECK_EQ(-1, cli_df_parse("Filesystem Size\n/dev/x 1G 1G 0 101% /\n", rows, 8, &n));
    CHECK_EQ(-1, cli_df_parse("Filesystem Size\n/dev/x 1Q 1G 0 10% /\n", rows, 8, &n));
}

static void test_top(void **state)
{
    (void)state;
    double idle = -1;
    CHECK_EQ(
        0, cli_top_idle("top - x\n%Cpu(s):  2.1 us,  1.0 sy,  0.0 ni, 96.9 id,  0.0 wa\n", &idle));
    CHECK_TRUE(fabs(idle - 96.9) < 1e-9);
    CHECK_EQ(0, cli_top_idle("Cpu(s):  1.8%us,  1.4%sy,  0.1%ni, 96.5%id,  0.2%wa\n", &idle));
    CHECK_TRUE(fabs(idle - 96.5) < 1e-9);
    CHECK_EQ(-1, cli_top_idle("Mem: 1k total\n", &idle));
}

static void test_dates(void **state)
{
    (void)state;
    long long t = 0;
    CHECK_EQ(0, cli_parse_release_date("2025/04/28 16:06:06 MDT", &t));
    CHECK_EQ(cli_utc_epoch(2025, 4, 28, 22, 6, 6), t);
    CHECK_EQ(0, cli_parse_release_date("2024/12/31 06:03:52 HKT", &t));
    CHECK_EQ(cli_utc_epoch(2024, 12, 30, 22, 3, 52), t);
    CHECK_EQ(-1, cli_parse_release_date("unknown", &t));
    CHECK_EQ(0, cli_parse_licence_date("April 20, 2023", &t));
    CHECK_EQ(1681948800LL, t);
    CHECK_EQ(0, cli_parse_licence_date("Apr 20, 2023", &t));
    CHECK_EQ(-1, cli_parse_licence_date("Never", &t));
    CHECK_EQ(-1, cli_parse_licence_date("April 20, 2023 x", &t));
    CHECK_EQ(0, cli_parse_cert_date("Oct 02 07:00:00 2011 GMT", &t));
    CHECK_EQ(1317538800LL, t);
    CHECK_EQ(0LL, cli_utc_epoch(1970, 1, 1, 0, 0, 0));
    CHECK_EQ(951782400LL, cli_utc_epoch(2000, 2, 29, 0, 0, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range_forms), cmocka_unit_test(test_range_refused),
        cmocka_unit_test(test_df),          cmocka_unit_test(test_top),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
