/* SPDX-License-Identifier: MIT */
/* test_investigate.c -- panctl investigate: bounded tallies (top N, overflow), HTML escaping and
 * the CLI text tables of older PAN-OS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "investigate.h"
#include "investigate_priv.h"
#include "check.h"

static void test_top_order(void **state)
{
    (void)state;
    struct inv_tally t;
    CHECK_EQ(0, inv_tally_init(&t));
    static const char *const keys[] = {"b", "a", "c", "a", "c", "a"};
    for (size_t i = 0; i < 6; i++)
        CHECK_EQ(0, inv_tally_add(&t, keys[i], "x", 10, i >= 3 ? "2026/01/02 00:00:00"
                                                             : "2026/01/01 00:00:00"));
    json_t *top = inv_tally_top(&t, 2, "name", "region", 1, 1);
    CHECK_EQ(2, json_array_size(top));
    json_t *first = json_array_get(top, 0);
    CHECK_STR("a", json_string_value(json_object_get(first, "name")));
    CHECK_EQ(3, json_integer_value(json_object_get(first, "count")));
    CHECK_EQ(30, json_integer_value(json_object_get(first, "bytes")));
    CHECK_STR("2026/01/01 00:00:00", json_string_value(json_object_get(first, "first")));
    CHECK_STR("2026/01/02 00:00:00", json_string_value(json_object_get(first, "last")));
    CHECK_STR("c", json_string_value(json_object_get(json_array_get(top, 1), "name")));
    json_decref(top);
    inv_tally_free(&t);
}

static void test_bounded(void **state)
{
    (void)state;
    struct inv_tally t;
    char key[32];
    CHECK_EQ(0, inv_tally_init(&t));
    for (int i = 0; i < INV_TALLY_MAX_KEYS + 100; i++) {
        snprintf(key, sizeof(key), "198.51.100.%d", i);
        CHECK_EQ(0, inv_tally_add(&t, key, NULL, 1, NULL));
    }
    CHECK_EQ(0, inv_tally_add(&t, "198.51.100.0", NULL, 1, NULL)); /* known key: still counted */
    CHECK_EQ(INV_TALLY_MAX_KEYS, t.n);
    CHECK_EQ(100, t.other_sessions);
    json_t *top = inv_tally_top(&t, 1, "address", NULL, 0, 0);
    CHECK_STR("198.51.100.0", json_string_value(json_object_get(json_array_get(top, 0), "address")));
    CHECK_EQ(2, json_integer_value(json_object_get(json_array_get(top, 0), "count")));
    json_decref(top);
    inv_tally_free(&t);
}

static void test_html_escaped(void **state)
{
    (void)state;
    json_t *r = json_pack("{s:s, s:s, s:s, s:{s:s}, s:[{s:s, s:s, s:s}], s:{}, s:{}, s:{}}",
                          "query", "192.0.2.1", "since", "a", "until", "b", "identity",
                          "hostname", "<script>alert('x')&\"</script>", "facts", "source", "arp",
                          "time", "t", "fact", "a<b", "traffic", "threats", "timeline");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK_EQ(0, inv_write_html(f, r));
    fclose(f);
    CHECK_TRUE(strstr(buf, "<script>") == NULL);
    CHECK_TRUE(strstr(buf, "&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;") != NULL);
    CHECK_TRUE(strstr(buf, "<td>a&lt;b</td>") != NULL);
    free(buf);
    json_decref(r);
}

/* The rows inv_text_rows() hands over, one "section|field|field..." line each. */
static char rows[2048];
static size_t ncols;

static void collect(struct inv *v, const char *const *f, const char *section)
{
    (void)v;
    size_t n = strlen(rows);
    n += (size_t)snprintf(rows + n, sizeof(rows) - n, "%s", section);
    for (size_t i = 0; i < ncols; i++)
        n += (size_t)snprintf(rows + n, sizeof(rows) - n, "|%s", f[i]);
    snprintf(rows + n, sizeof(rows) - n, "\n");
}

/* The CLI's lease table (columns of a PA-460 capture, 2023): a blank hostname stays blank
 * and does not shift the state into it; the pool line, a second interface and its own header
 * are read too. */
static void test_text_leases(void **state)
{
    (void)state;
    static const char *const cols[] = {"ip", "mac", "hostname", "state", "duration", "lease_time"};
    const char *text =
        "interface: \"ae1.45\" id: 260\n"
        "Allocated IPs: 674, Total number of IPs in pool: 1013. 66.5% used\n"
        "ip              mac                hostname                         state      duration"
        "    lease_time\n"
        "10.1.1.5        00:00:5e:00:53:01  LAPTOP-0042                      committed  259200"
        "      Tue Sep 19 14:22:04 2023\n"
        "10.1.1.9        52:d1:aa:5f:e0:33                                   committed  259200"
        "      Tue Sep 19 16:15:39 2023\n"
        "\ninterface: \"ethernet1/2\" id: 257\n"
        "ip              mac                hostname                         state      duration"
        "    lease_time\n"
        "192.0.2.7       00:00:5e:00:53:02  PRINTER 3F                       offered    86400"
        "       Fri May  3 08:59:58 2024\n";
    struct inv v;
    memset(&v, 0, sizeof(v));
    rows[0] = '\0';
    ncols = 6;
    inv_text_rows(&v, text, cols, 6, collect);
    CHECK_STR("ae1.45|10.1.1.5|00:00:5e:00:53:01|LAPTOP-0042|committed|259200|"
              "Tue Sep 19 14:22:04 2023\n"
              "ae1.45|10.1.1.9|52:d1:aa:5f:e0:33||committed|259200|Tue Sep 19 16:15:39 2023\n"
              "ethernet1/2|192.0.2.7|00:00:5e:00:53:02|PRINTER 3F|offered|86400|"
              "Fri May  3 08:59:58 2024\n",
              rows);
}

/* The User-ID table of PAN-OS 8.x/9.x: the rule and the total are not rows; Never is kept. */
static void test_text_users(void **state)
{
    (void)state;
    static const char *const cols[] = {"IP", "Vsys", "From", "User", "IdleTimeout(s)"};
    const char *text =
        "IP                                            Vsys   From    User                    "
        "         IdleTimeout(s) MaxTimeout(s)\n"
        "--------------------------------------------- ------ ------- ------------------------"
        "-------- -------------- -------------\n"
        "192.0.2.11                                    vsys1  XMLAPI  acme\\user1            "
        "           1802           1802\n"
        "2001:db8::33                                  vsys1  XMLAPI  acme\\user3            "
        "           Never          Never\n"
        "Total: 2 users\n";
    struct inv v;
    memset(&v, 0, sizeof(v));
    rows[0] = '\0';
    ncols = 4; /* the last column asked for only bounds the one before it */
    inv_text_rows(&v, text, cols, 5, collect);
    CHECK_STR("|192.0.2.11|vsys1|XMLAPI|acme\\user1\n"
              "|2001:db8::33|vsys1|XMLAPI|acme\\user3\n",
              rows);
    rows[0] = '\0';
    inv_text_rows(&v, "no table here\n192.0.2.1 x\n", cols, 5, collect);
    CHECK_STR("", rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_top_order),    cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_html_escaped), cmocka_unit_test(test_text_leases),
        cmocka_unit_test(test_text_users),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
