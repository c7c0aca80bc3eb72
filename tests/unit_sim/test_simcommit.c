/* SPDX-License-Identifier: MIT */
/* test_simcommit.c -- what pansim's commits make of the candidate: partial scopes (parts, vsys,
 * admins) and the validation of rule members. */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "check.h"
#include "simcommit.h"

#define DEV "<devices><entry name=\"d\">"
#define END_DEV "</entry></devices>"

/* Running: banner A, vsys1 and vsys2 with one address each, shared with one address. */
static const char running_xml[] =
    "<config><shared><address><entry name=\"s1\"><fqdn>a</fqdn></entry></address></shared>" DEV
    "<deviceconfig><system><login-banner>A</login-banner></system></deviceconfig>"
    "<vsys><entry name=\"vsys1\"><address><entry name=\"h1\"><ip-netmask>192.0.2.1</ip-netmask>"
    "</entry></address></entry><entry name=\"vsys2\"><address><entry name=\"h2\"><ip-netmask>"
    "192.0.2.2</ip-netmask></entry></address></entry></vsys>" END_DEV "</config>";

/* Candidate: every part changed (banner B, h1 changed, h2 removed, s1 changed, s2 added). */
static const char candidate_xml[] =
    "<config><shared><address><entry name=\"s1\"><fqdn>b</fqdn></entry><entry name=\"s2\"><fqdn>"
    "c</fqdn></entry></address></shared>" DEV
    "<deviceconfig><system><login-banner>B</login-banner></system></deviceconfig>"
    "<vsys><entry name=\"vsys1\"><address><entry name=\"h1\"><ip-netmask>192.0.2.9</ip-netmask>"
    "</entry></address></entry><entry name=\"vsys2\"><address/></entry></vsys>" END_DEV "</config>";

static xmlDocPtr doc(const char *xml)
{
    xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    CHECK_TRUE(d != NULL);
    return d;
}

/* Whether the serialised @p d contains @p needle. */
static int has(xmlDocPtr d, const char *needle)
{
    xmlChar *buf = NULL;
    int len = 0;
    xmlDocDumpMemory(d, &buf, &len);
    int found = buf != NULL && strstr((const char *)buf, needle) != NULL;
    xmlFree(buf);
    return found;
}

static xmlDocPtr result(const struct sim_commit_scope *sc, const struct sim_change *ch, size_t n)
{
    xmlDocPtr r = doc(running_xml), c = doc(candidate_xml);
    xmlDocPtr out = sim_commit_result(r, c, sc, ch, n);
    CHECK_TRUE(out != NULL);
    xmlFreeDoc(r);
    xmlFreeDoc(c);
    return out;
}

static void test_full(void **state)
{
    (void)state;
    struct sim_commit_scope sc = {0};
    xmlDocPtr out = result(&sc, NULL, 0);
    xmlDocPtr c = doc(candidate_xml);
    size_t bytes = 0;
    CHECK_TRUE(sim_commit_same(out, c, &bytes));
    CHECK_TRUE(bytes > 100);
    xmlFreeDoc(c);
    xmlFreeDoc(out);
}

static void test_exclusions(void **state)
{
    (void)state;
    struct sim_commit_scope sc = {.partial = 1, .no_dn = 1, .no_shared = 1};
    xmlDocPtr out = result(&sc, NULL, 0);
    CHECK_TRUE(has(out, "<login-banner>A</login-banner>"));     /* device config kept */
    CHECK_TRUE(has(out, "<fqdn>a</fqdn>"));                     /* shared kept */
    CHECK_TRUE(!has(out, "name=\"s2\""));                       /* shared addition not taken */
    CHECK_TRUE(has(out, "<ip-netmask>192.0.2.9</ip-netmask>")); /* vsys objects committed */
    CHECK_TRUE(!has(out, "name=\"h2\""));                       /* and the removal too */
    xmlFreeDoc(out);
    struct sim_commit_scope po = {.partial = 1, .no_po = 1};
    out = result(&po, NULL, 0);
    CHECK_TRUE(has(out, "<ip-netmask>192.0.2.1</ip-netmask>"));
    CHECK_TRUE(has(out, "name=\"h2\""));
    CHECK_TRUE(has(out, "<login-banner>B</login-banner>"));
    xmlFreeDoc(out);
}

static void test_vsys(void **state)
{
    (void)state;
    char *vsys2 = "vsys2";
    struct sim_commit_scope sc = {.partial = 1, .vsys = &vsys2, .nvsys = 1};
    xmlDocPtr out = result(&sc, NULL, 0);
    CHECK_TRUE(has(out, "<ip-netmask>192.0.2.1</ip-netmask>")); /* vsys1 kept as it runs */
    CHECK_TRUE(!has(out, "name=\"h2\""));                       /* vsys2's removal committed */
    xmlFreeDoc(out);
    struct sim_commit_scope none = {.partial = 1, .no_vsys = 1};
    out = result(&none, NULL, 0);
    CHECK_TRUE(has(out, "<ip-netmask>192.0.2.1</ip-netmask>"));
    CHECK_TRUE(has(out, "name=\"h2\""));
    CHECK_TRUE(has(out, "<login-banner>B</login-banner>"));
    xmlFreeDoc(out);
}

static void test_admins(void **state)
{
    (void)state;
    char *alice = "alice";
    struct sim_change ch[] = {
        {"alice", "/config/devices/entry/deviceconfig/system/login-banner"},
        {"bob", "/config/shared/address/entry[@name='s2']"},
        {"alice", "/config/devices/entry/vsys/entry[@name='vsys2']/address/entry[@name='h2']"},
    };
    struct sim_commit_scope sc = {.partial = 1, .admins = &alice, .nadmins = 1};
    xmlDocPtr out = result(&sc, ch, 3);
    CHECK_TRUE(has(out, "<login-banner>B</login-banner>"));     /* alice's change */
    CHECK_TRUE(!has(out, "name=\"h2\""));                       /* alice's delete */
    CHECK_TRUE(!has(out, "name=\"s2\""));                       /* bob's addition stays pending */
    CHECK_TRUE(has(out, "<ip-netmask>192.0.2.1</ip-netmask>")); /* nobody noted h1 */
    xmlFreeDoc(out);
}

static void test_validate(void **state)
{
    (void)state;
    static const char xml[] =
        "<config><shared><address-group><entry name=\"g\"/></address-group></shared>" DEV
        "<vsys><entry name=\"vsys1\"><address><entry name=\"h1\"/></address><rulebase><security>"
        "<rules><entry name=\"ok\"><source><member>h1</member><member>g</member><member>any"
        "</member><member>192.0.2.0/24</member><member>192.0.2.1-192.0.2.9</member><member>"
        "2001:db8::1</member></source><destination><member>198.51.100.7</member></destination>"
        "</entry><entry name=\"bad\"><source><member>192.0.2.0/33</member></source>"
        "<destination><member>ghost</member></destination></entry></rules></security>"
        "</rulebase></entry></vsys>" END_DEV "</config>";
    xmlDocPtr d = doc(xml);
    char **lines = NULL;
    size_t n = 0;
    CHECK_EQ(2, sim_commit_validate(d, &lines, &n));
    CHECK_EQ(4, (int)n);
    CHECK_STR(" vsys1 -> rulebase -> security -> rules -> bad -> source '192.0.2.0/33' is not a "
              "valid reference",
              lines[0]);
    CHECK_STR(" vsys1 -> rulebase -> security -> rules -> bad -> destination is invalid", lines[3]);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    xmlFreeDoc(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full),     cmocka_unit_test(test_exclusions),
        cmocka_unit_test(test_vsys),     cmocka_unit_test(test_admins),
        cmocka_unit_test(test_validate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
