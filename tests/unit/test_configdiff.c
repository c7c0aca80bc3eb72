/* SPDX-License-Identifier: MIT */
/* test_configdiff.c -- panos_config_diff() on crafted configurations: entries by name, member
 * sets, rule moves, annotation attributes, identical configurations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/panos.h>
#include "check.h"

/* Every change as one line "kind xpath [old -> new] [N -> M]", joined by newlines. */
static int collect(const panos_config_change *c, void *payload)
{
    char *out = payload, line[1024];
    snprintf(line, sizeof(line), "%s %s", panos_config_change_name(c->kind), c->xpath);
    if (c->kind == PANOS_CONFIG_CHANGED || c->old_value || c->new_value)
        snprintf(line + strlen(line), sizeof(line) - strlen(line), " %s -> %s",
                 c->old_value ? c->old_value : "(none)", c->new_value ? c->new_value : "(none)");
    if (c->kind == PANOS_CONFIG_MOVED)
        snprintf(line + strlen(line), sizeof(line) - strlen(line), " %zu -> %zu", c->old_pos,
                 c->new_pos);
    size_t used = strlen(out);
    snprintf(out + used, 4096 - used, "%s\n", line);
    return 0;
}

static size_t diff(char *out, const char *a, const char *b, unsigned flags)
{
    panos_doc *da = NULL, *db = NULL;
    size_t n = 99;
    out[0] = '\0';
    CHECK_OK(panos_doc_parse(&da, a, strlen(a), NULL, 0));
    CHECK_OK(panos_doc_parse(&db, b, strlen(b), NULL, 0));
    CHECK_OK(panos_config_diff(&n, panos_config_diff_root(panos_doc_root(da)),
                               panos_config_diff_root(panos_doc_root(db)), flags, collect, out));
    panos_doc_free(da);
    panos_doc_free(db);
    return n;
}

#define VSYS "/config/devices/entry[@name='fw']/vsys/entry[@name='vsys1']"
#define WRAP(x)                                                                                    \
    "<config version=\"10.2.0\"><devices><entry name=\"fw\"><vsys><entry name=\"vsys1\">" x        \
    "</entry></vsys></entry></devices></config>"

static void test_identical(void **state)
{
    (void)state;
    char out[4096];
    const char *a = WRAP("<address><entry name=\"a\"><ip-netmask>192.0.2.1</ip-netmask></entry>"
                         "</address>");
    CHECK_EQ(0, diff(out, a, a, 0));
    CHECK_STR("", out);
    /* a config show answer against the export of the same configuration */
    const char *resp = "<response status=\"success\"><result>" WRAP(
        "<address>\n  <entry name=\"a\">\n    <ip-netmask> 192.0.2.1 </ip-netmask>\n  </entry>\n"
        "</address>") "</result></response>";
    CHECK_EQ(0, diff(out, a, resp, 0));
}

static void test_entries(void **state)
{
    (void)state;
    char out[4096];
    const char *a = WRAP("<address><entry name=\"a\"><ip-netmask>192.0.2.1</ip-netmask></entry>"
                         "<entry name=\"b\"><fqdn>b.example</fqdn></entry></address>");
    const char *b = WRAP("<address><entry name=\"c\"><fqdn>c.example</fqdn></entry>"
                         "<entry name=\"a\"><ip-netmask>192.0.2.2</ip-netmask>"
                         "<description>new</description></entry></address>");
    CHECK_EQ(4, diff(out, a, b, 0));
    CHECK_STR("changed " VSYS "/address/entry[@name='a']/ip-netmask 192.0.2.1 -> 192.0.2.2\n"
              "added " VSYS "/address/entry[@name='a']/description (none) -> new\n"
              "removed " VSYS "/address/entry[@name='b']\n"
              "added " VSYS "/address/entry[@name='c']\n",
              out);
}

static void test_members(void **state)
{
    (void)state;
    char out[4096];
    const char *a = WRAP("<address-group><entry name=\"g\"><static><member>x</member>"
                         "<member>y</member><member>it's</member></static></entry>"
                         "</address-group>");
    const char *b = WRAP("<address-group><entry name=\"g\"><static><member>it's</member>"
                         "<member>z</member><member> x </member></static></entry>"
                         "</address-group>");
    CHECK_EQ(2, diff(out, a, b, 0));
    CHECK_STR("removed " VSYS "/address-group/entry[@name='g']/static/member[text()='y'] y -> "
              "(none)\n"
              "added " VSYS "/address-group/entry[@name='g']/static/member[text()='z'] (none) -> "
              "z\n",
              out);
}

#define RULE(n) "<entry name=\"" n "\"><action>allow</action></entry>"

static void test_rule_moves(void **state)
{
    (void)state;
    char out[4096];
    const char *a = WRAP("<rulebase><security><rules>" RULE("r1") RULE("r2") RULE("r3")
                             RULE("r4") "</rules></security></rulebase>");
    /* r4 to the top: one move, not three */
    const char *b = WRAP("<rulebase><security><rules>" RULE("r4") RULE("r1") RULE("r2")
                             RULE("r3") "</rules></security></rulebase>");
    CHECK_EQ(1, diff(out, a, b, 0));
    CHECK_STR("moved " VSYS "/rulebase/security/rules/entry[@name='r4'] 4 -> 1\n", out);
    /* a rule added at the top shifts the others but moves none */
    const char *c = WRAP("<rulebase><security><rules>" RULE("r0") RULE("r1") RULE("r2") RULE("r3")
                             RULE("r4") "</rules></security></rulebase>");
    CHECK_EQ(1, diff(out, a, c, 0));
    CHECK_STR("added " VSYS "/rulebase/security/rules/entry[@name='r0']\n", out);
    /* order of entries outside a <rules> list does not matter */
    const char *d = WRAP("<address>" RULE("r1") RULE("r2") "</address>");
    const char *e = WRAP("<address>" RULE("r2") RULE("r1") "</address>");
    CHECK_EQ(0, diff(out, d, e, 0));
}

static void test_annotations(void **state)
{
    (void)state;
    char out[4096];
    const char *a = WRAP("<address><entry name=\"a\"><fqdn>a.example</fqdn></entry></address>");
    const char *b = WRAP("<address admin=\"admin\" dirtyId=\"3\" time=\"2024/01/02 03:04:05\">"
                         "<entry name=\"a\" admin=\"admin\"><fqdn>a.example</fqdn></entry>"
                         "</address>");
    CHECK_EQ(0, diff(out, a, b, 0));
    CHECK_EQ(4, diff(out, a, b, PANOS_CONFIG_DIFF_ANNOTATIONS));
    CHECK_STR("changed " VSYS "/address/@admin (none) -> admin\n"
              "changed " VSYS "/address/@dirtyId (none) -> 3\n"
              "changed " VSYS "/address/@time (none) -> 2024/01/02 03:04:05\n"
              "changed " VSYS "/address/entry[@name='a']/@admin (none) -> admin\n",
              out);
    /* other attributes always count */
    CHECK_EQ(1, diff(out, "<config version=\"10.1.0\"/>", "<config version=\"10.2.0\"/>", 0));
    CHECK_STR("changed /config/@version 10.1.0 -> 10.2.0\n", out);
}

static void test_repeated_and_shapes(void **state)
{
    (void)state;
    char out[4096];
    /* repeated tags: the Nth with the Nth, named [N]; a leaf that became a container */
    CHECK_EQ(3, diff(out, "<config><x>1</x><x>2</x><y>t</y></config>",
                     "<config><x>1</x><x>3</x><y><z/></y></config>", 0));
    CHECK_STR("changed /config/x[2] 2 -> 3\n"
              "changed /config/y t -> (none)\n"
              "added /config/y/z\n",
              out);
    /* a repeated member is matched with its repeat; a name with a quote is double-quoted */
    CHECK_EQ(2, diff(out, "<config><m><member>a</member><member>a</member></m><e/></config>",
                     "<config><m><member>a</member></m><e><entry name=\"it's\"/></e></config>", 0));
    CHECK_STR("removed /config/m/member[text()='a'][2] a -> (none)\n"
              "added /config/e/entry[@name=\"it's\"]\n",
              out);
}

static int stop_first(const panos_config_change *c, void *payload)
{
    (void)c;
    (void)payload;
    return 1;
}

static void test_errors(void **state)
{
    (void)state;
    panos_doc *d = NULL;
    size_t n = 7;
    const char *x = "<config><a>1</a><b>2</b></config>", *y = "<config><a>2</a><b>3</b></config>";
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_config_diff(&n, NULL, NULL, 0, NULL, NULL));
    CHECK_EQ(0, n);
    CHECK_OK(panos_doc_parse(&d, x, strlen(x), NULL, 0));
    panos_doc *e = NULL;
    CHECK_OK(panos_doc_parse(&e, y, strlen(y), NULL, 0));
    CHECK_CODE(PANOS_E_FAILED,
               panos_config_diff(&n, panos_doc_root(d), panos_doc_root(e), 0, stop_first, NULL));
    CHECK_EQ(1, n);
    CHECK_OK(panos_config_diff(&n, panos_doc_root(d), panos_doc_root(e), 0, NULL, NULL));
    CHECK_EQ(2, n);
    CHECK_TRUE(panos_config_diff_root(panos_node_first(panos_doc_root(d))) == NULL);
    CHECK_STR("moved", panos_config_change_name(PANOS_CONFIG_MOVED));
    panos_doc_free(d);
    panos_doc_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical),   cmocka_unit_test(test_entries),
        cmocka_unit_test(test_members),     cmocka_unit_test(test_rule_moves),
        cmocka_unit_test(test_annotations), cmocka_unit_test(test_repeated_and_shapes),
        cmocka_unit_test(test_errors),
    };
    if (panos_global_init() != PANOS_OK)
        return 1;
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_global_cleanup();
    return rc;
}
