/* SPDX-License-Identifier: MIT */
/* test_simdag.c -- the tag filter of pansim's dynamic address groups: precedence, parentheses,
 * keywords, and the filters it refuses with the place of the fault. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "simdag.h"

/* The item's tags: a blank-separated list in @p payload. */
static int has(void *payload, const char *tag)
{
    const char *list = payload;
    size_t n = strlen(tag);
    for (const char *p = list; (p = strstr(p, tag)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return 1;
    return 0;
}

static int eval(const char *filter, const char *tags)
{
    return sim_dag_eval(filter, has, (void *)tags, NULL, 0);
}

static void test_matches(void **state)
{
    (void)state;
    const char *f = "'tag-a' and ('tag-b' or 'tag-c')";
    CHECK_EQ(1, eval(f, "tag-a tag-c"));
    CHECK_EQ(1, eval(f, "tag-b tag-a"));
    CHECK_EQ(0, eval(f, "tag-a"));
    CHECK_EQ(0, eval(f, "tag-b tag-c"));
    /* and binds tighter than or: a or (b and c). */
    CHECK_EQ(1, eval("'a' or 'b' and 'c'", "a"));
    CHECK_EQ(0, eval("'a' or 'b' and 'c'", "b"));
    CHECK_EQ(0, eval("('a' or 'b') and 'c'", "a"));
    /* Keywords in any case, blanks optional around parentheses, a tag with blanks in it. */
    CHECK_EQ(1, eval("('x y')OR'z'", "z"));
    CHECK_EQ(1, eval("  'x'   AND   'z' ", "x z"));
    CHECK_EQ(0, eval("'tag-a'", "tag-ab"));
    CHECK_EQ(0, sim_dag_eval("'a' and 'b'", NULL, NULL, NULL, 0));
}

static void refused(const char *filter, const char *why)
{
    char err[160];
    CHECK_EQ(-1, sim_dag_eval(filter, has, (void *)"a b", err, sizeof(err)));
    CHECK_STR(why, err);
}

static void test_refused(void **state)
{
    (void)state;
    refused("", "missing tag name at offset 0");
    refused("'a' and", "missing tag name at offset 7");
    refused("a", "expected a quoted tag name at offset 0");
    refused("'a' 'b'", "expected 'and' or 'or' at offset 4");
    refused("'a' andy 'b'", "expected 'and' or 'or' at offset 4");
    refused("('a' or 'b'", "missing ')' at offset 11");
    refused("'a')", "unbalanced ')' at offset 3");
    refused("'a", "unterminated tag name at offset 1");
    refused("''", "empty tag name at offset 1");
    refused("not 'a'", "expected a quoted tag name at offset 0");
    char big[SIM_DAG_FILTER_MAX + 8], tag[SIM_DAG_TAG_MAX + 4];
    memset(tag, 'x', sizeof(tag));
    tag[0] = tag[SIM_DAG_TAG_MAX + 2] = '\'';
    tag[SIM_DAG_TAG_MAX + 3] = '\0';
    refused(tag, "tag name longer than 127 characters at offset 1");
    tag[SIM_DAG_TAG_MAX + 1] = '\'';
    tag[SIM_DAG_TAG_MAX + 2] = '\0';
    CHECK_EQ(0, sim_dag_eval(tag, has, (void *)"a", NULL, 0));
    size_t n = 0;
    while (n + 1 < 40)
        big[n++] = '(';
    snprintf(big + n, sizeof(big) - n, "'a'");
    refused(big, "parentheses nested too deep at offset 32");
    memset(big, ' ', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    refused(big, "filter longer than 2048 characters at offset 0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
