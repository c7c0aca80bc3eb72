/* SPDX-License-Identifier: MIT */
/* test_simconfig_write.c -- pansim's type=config writes on the candidate, the locks, and their
 * exact answers. */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "check.h"
#include "simstate.h"

#define DEV "/config/devices/entry[@name='localhost.localdomain']"
#define VSYS DEV "/vsys/entry[@name='vsys1']"
#define ADDR VSYS "/address"
#define RULES VSYS "/rulebase/security/rules"
#define OK "<response status=\"success\" code=\"20\"><msg>command succeeded</msg></response>"

static const struct sim_state st = {.hostname = "fw1", .sw_version = "10.2.11", .seed = 1};

/* One write; the body is returned (the caller frees it) after checking it is one <response>. */
static char *write1(struct sim_config *cfg, struct sim_config_args a)
{
    struct sim_reply r;
    memset(&r, 0, sizeof(r));
    sim_config_write(cfg, &a, &r);
    CHECK_TRUE(r.body != NULL);
    xmlDocPtr d = xmlReadMemory(r.body, (int)r.len, "reply.xml", NULL, XML_PARSE_NONET);
    if (d == NULL)
        fail_msg("reply is not well-formed XML: %s", r.body);
    CHECK_STR("response", (const char *)xmlDocGetRootElement(d)->name);
    xmlFreeDoc(d);
    return r.body;
}

/* The candidate (get) answer at @p xpath. */
static char *get(struct sim_config *cfg, const char *xpath)
{
    struct sim_reply r;
    memset(&r, 0, sizeof(r));
    sim_config_handle(cfg, "get", xpath, &r);
    return r.body;
}

#define EXPECT(body_expr, want)                                                                    \
    do {                                                                                           \
        char *b_ = (body_expr);                                                                    \
        CHECK_STR(want, b_);                                                                       \
        free(b_);                                                                                  \
    } while (0)

static void test_set_edit(void **state)
{
    (void)state;
    struct sim_config *cfg;
    CHECK_EQ(0, sim_config_new(&cfg, &st));
    EXPECT(write1(cfg, (struct sim_config_args){.action = "set",
                                                .xpath = ADDR "/entry[@name='n1']",
                                                .element = "<ip-netmask>192.0.2.5</ip-netmask>"}),
           OK);
    /* set merges: a leaf is replaced, a new one added. */
    EXPECT(write1(cfg, (struct sim_config_args){.action = "set",
                                                .xpath = ADDR "/entry[@name='n1']",
                                                .element = "<ip-netmask>192.0.2.6</ip-netmask>"
                                                           "<description>d</description>"}),
           OK);
    EXPECT(get(cfg, ADDR "/entry[@name='n1']"),
           "<response status=\"success\" code=\"19\"><result total-count=\"1\" count=\"1\">"
           "<entry name=\"n1\"><ip-netmask>192.0.2.6</ip-netmask><description>d</description>"
           "</entry></result></response>");
    /* The running tree is untouched. */
    struct sim_reply r;
    memset(&r, 0, sizeof(r));
    sim_config_handle(cfg, "show", ADDR "/entry[@name='n1']", &r);
    CHECK_TRUE(strstr(r.body, "No such node") != NULL);
    free(r.body);
    /* edit: the element's root must be the last step. */
    EXPECT(write1(cfg, (struct sim_config_args){.action = "edit",
                                                .xpath = ADDR "/entry[@name='n1']/description",
                                                .element = "<test-new>x</test-new>"}),
           "<response status=\"error\" code=\"12\"><msg><line><![CDATA[ test-new unexpected "
           "here]]></line></msg></response>");
    EXPECT(write1(cfg, (struct sim_config_args){.action = "edit",
                                                .xpath = ADDR "/entry[@name='n1']/description",
                                                .element = "<description>e</description>"}),
           OK);
    EXPECT(write1(cfg, (struct sim_config_args){.action = "set", .xpath = ADDR "/entry[@name=",
                                                .element = "<a/>"}),
           "<response status=\"error\" code=\"6\"><msg><line>Bad Xpath</line></msg></response>");
    sim_config_free(cfg);
}

static void test_delete_rename_clone_move(void **state)
{
    (void)state;
    struct sim_config *cfg;
    CHECK_EQ(0, sim_config_new(&cfg, &st));
    char *b = write1(cfg, (struct sim_config_args){.action = "delete",
                                                   .xpath = ADDR "/entry[@name='blocked-net']"});
    CHECK_STR("<response status=\"error\" code=\"10\"><msg><line> <![CDATA[ blocked-net]]> cannot "
              "be deleted because of references from:</line><line> vsys -> vsys1 -> rulebase -> "
              "security -> rules -> Block bad -> destination</line></msg></response>",
              b);
    free(b);
    EXPECT(write1(cfg, (struct sim_config_args){.action = "delete",
                                                .xpath = ADDR "/entry[@name='untrust-net']"}),
           OK);
    EXPECT(write1(cfg, (struct sim_config_args){.action = "delete",
                                                .xpath = ADDR "/entry[@name='untrust-net']"}),
           "<response status=\"success\" code=\"7\"><msg>Object doesn't exist</msg></response>");
    EXPECT(write1(cfg, (struct sim_config_args){.action = "rename",
                                                .xpath = ADDR "/entry[@name='web-srv']",
                                                .newname = "lan-net"}),
           "<response status=\"error\" code=\"12\"><msg><line><![CDATA[ lan-net already "
           "exists]]></line></msg></response>");
    EXPECT(write1(cfg, (struct sim_config_args){.action = "clone", .xpath = RULES,
                                                .from = RULES "/entry[@name='Block bad']",
                                                .newname = "c1"}),
           OK);
    EXPECT(write1(cfg, (struct sim_config_args){.action = "move",
                                                .xpath = RULES "/entry[@name='c1']",
                                                .where = "before", .dst = "DNS out"}),
           OK);
    EXPECT(get(cfg, RULES "/entry/@name"),
           "<response status=\"success\" code=\"19\"><result total-count=\"5\" count=\"5\">"
           "QuarantineBlock badc1DNS outLAN to Internet</result></response>");
    EXPECT(write1(cfg, (struct sim_config_args){.action = "move",
                                                .xpath = RULES "/entry[@name='c1']",
                                                .where = "after", .dst = "c1"}),
           "<response status=\"error\" code=\"14\"><msg><line>cannot move an entry relative to "
           "itself</line></msg></response>");
    struct sim_reply r;
    memset(&r, 0, sizeof(r));
    struct sim_config_args a = {.action = "move", .xpath = RULES "/entry[@name='c1']",
                                .where = "up"};
    sim_config_write(cfg, &a, &r);
    CHECK_EQ(400, r.status);
    free(r.body);
    sim_config_free(cfg);
}

static void test_multi_rollback(void **state)
{
    (void)state;
    struct sim_config *cfg;
    CHECK_EQ(0, sim_config_new(&cfg, &st));
    EXPECT(write1(cfg, (struct sim_config_args){
                           .action = "multi-config",
                           .element = "<multi-configure-request><set id=\"1\" xpath=\"" ADDR
                                      "/entry[@name='m']\"><fqdn>a.example</fqdn></set>"
                                      "<delete id=\"2\" xpath=\"" ADDR "/entry[@name='lan-net']\"/>"
                                      "</multi-configure-request>"}),
           "<response status=\"error\" code=\"13\"><response status=\"success\" code=\"20\" "
           "id=\"1\"><msg>command succeeded</msg></response><response status=\"error\" "
           "code=\"10\" id=\"2\"><msg><line> <![CDATA[ lan-net]]> cannot be deleted because of "
           "references from:</line><line> vsys -> vsys1 -> rulebase -> security -> rules -> DNS "
           "out -> source</line><line> vsys -> vsys1 -> rulebase -> security -> rules -> LAN to "
           "Internet -> source</line><line> vsys -> vsys1 -> rulebase -> nat -> rules -> LAN NAT "
           "-> source</line></msg></response></response>");
    /* Rolled back: step 1's object is not in the candidate. */
    EXPECT(get(cfg, ADDR "/entry[@name='m']"),
           "<response status=\"success\" code=\"7\"><result/></response>");
    sim_config_free(cfg);
}

static void test_locks(void **state)
{
    (void)state;
    struct sim_config *cfg;
    CHECK_EQ(0, sim_config_new(&cfg, &st));
    struct sim_reply r;
    memset(&r, 0, sizeof(r));
    CHECK_EQ(0, sim_config_lock_op(cfg, "ops", "<show><clock/></show>", 0, &r));
    CHECK_TRUE(r.body == NULL);
    CHECK_EQ(0, sim_config_write_locked(cfg, "alice", &r));
    CHECK_EQ(1, sim_config_lock_op(cfg, "ops", "<request><config-lock><add><comment>a&amp;b"
                                               "</comment></add></config-lock></request>",
                                   1795348800, &r));
    CHECK_STR("<response status=\"success\"><result>Successfully acquired lock. Other "
              "administrators will not be able to modify configuration until lock is released "
              "by ops.</result></response>",
              r.body);
    CHECK_EQ(1, sim_config_lock_op(cfg, "alice", "<show><config-locks><vsys>all</vsys>"
                                                 "</config-locks></show>",
                                   0, &r));
    CHECK_STR("<response status=\"success\"><result><config-locks><entry name=\"ops\"><type>"
              "shared</type><name>shared</name><created>2026/11/22 12:00:00</created>"
              "<last-activity>2026/11/22 12:00:00</last-activity><loggedin>yes</loggedin>"
              "<comment>a&amp;b</comment></entry></config-locks></result></response>",
              r.body);
    CHECK_EQ(1, sim_config_lock_op(cfg, "alice", "<show><commit-locks/></show>", 0, &r));
    CHECK_STR("<response status=\"success\"><result><commit-locks></commit-locks></result>"
              "</response>",
              r.body);
    CHECK_EQ(1, sim_config_lock_op(cfg, "alice", "<request><config-lock><add/></config-lock>"
                                                 "</request>",
                                   0, &r));
    CHECK_STR("<response status=\"error\"><msg><line>Config lock is already held by ops</line>"
              "</msg></response>",
              r.body);
    CHECK_EQ(0, sim_config_write_locked(cfg, "ops", &r));
    CHECK_EQ(1, sim_config_write_locked(cfg, "alice", &r));
    CHECK_STR("<response status=\"error\"><msg><line>Configuration is locked by ops</line>"
              "</msg></response>",
              r.body);
    CHECK_EQ(1, sim_config_lock_op(cfg, "ops", "<request><config-lock><remove/></config-lock>"
                                               "</request>",
                                   0, &r));
    CHECK_EQ(0, sim_config_write_locked(cfg, "alice", &r));
    free(r.body);
    sim_config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_edit),
        cmocka_unit_test(test_delete_rename_clone_move),
        cmocka_unit_test(test_multi_rollback),
        cmocka_unit_test(test_locks),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
