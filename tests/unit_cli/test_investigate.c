/* SPDX-License-Identifier: MIT */
/* test_investigate.c -- panctl investigate: bounded tallies (top N, overflow) and HTML escaping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "investigate.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_top_order),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_html_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
