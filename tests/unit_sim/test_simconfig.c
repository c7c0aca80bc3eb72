/* SPDX-License-Identifier: MIT */
/* test_simconfig.c -- pansim's config tree and the exact type=config get/show answers. */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "check.h"
#include "simstate.h"

#define DEV "/config/devices/entry[@name='localhost.localdomain']"
#define VSYS DEV "/vsys/entry[@name='vsys1']"

static const struct sim_state st = {
    .hostname = "fw<&>1",
    .serial = "007051000123456",
    .model = "PA-VM",
    .sw_version = "10.2.11",
    .seed = 1,
    .boot_time = 1795348800,
};

/* One request; the reply body must be well-formed XML whose root is <response>. */
static struct sim_reply ask(struct sim_config *cfg, const char *action, const char *xpath)
{
    struct sim_reply r;
    memset(&r, 0, sizeof(r));
    sim_config_handle(cfg, action, xpath, &r);
    CHECK_TRUE(r.body != NULL);
    CHECK_EQ(strlen(r.body), r.len);
    xmlDocPtr d = xmlReadMemory(r.body, (int)r.len, "reply.xml", NULL, XML_PARSE_NONET);
    if (d == NULL)
        fail_msg("reply is not well-formed XML: %s", r.body);
    xmlNodePtr root = xmlDocGetRootElement(d);
    CHECK_STR("response", (const char *)root->name);
    xmlFreeDoc(d);
    return r;
}

static struct sim_config *config(void)
{
    struct sim_config *cfg;
    CHECK_EQ(0, sim_config_new(&cfg, &st));
    return cfg;
}

static void test_hostname(void **state)
{
    (void)state;
    struct sim_config *cfg = config();
    struct sim_reply r = ask(cfg, "get", DEV "/deviceconfig/system/hostname");
    CHECK_EQ(200, r.status);
    CHECK_STR("<response status=\"success\" code=\"19\"><result total-count=\"1\" count=\"1\">"
              "<hostname>fw&lt;&amp;&gt;1</hostname></result></response>",
              r.body);
    free(r.body);
    /* The running copy is equal at start: show finds it too, wrapped without code or counts. */
    r = ask(cfg, "show", DEV "/deviceconfig/system/hostname");
    CHECK_STR("<response status=\"success\"><result><hostname>fw&lt;&amp;&gt;1</hostname>"
              "</result></response>",
              r.body);
    free(r.body);
    sim_config_free(cfg);
}

static void test_address_found(void **state)
{
    (void)state;
    struct sim_config *cfg = config();
    struct sim_reply r = ask(cfg, "get", VSYS "/address/entry[@name='web-srv']");
    CHECK_EQ(200, r.status);
    CHECK_STR("<response status=\"success\" code=\"19\"><result total-count=\"1\" count=\"1\">"
              "<entry name=\"web-srv\"><ip-netmask>203.0.113.10/32</ip-netmask>"
              "<description>public web server</description></entry></result></response>",
              r.body);
    free(r.body);
    /* Several matches: the counts say how many. */
    r = ask(cfg, "get", VSYS "/address/entry");
    CHECK_TRUE(strstr(r.body, "total-count=\"5\" count=\"5\"") != NULL);
    free(r.body);
    /* The container itself is the last xpath step (PAN-OS XML API guide, "Configuration (API)"). */
    r = ask(cfg, "get", VSYS "/address");
    CHECK_TRUE(strstr(r.body, "count=\"1\"><address><entry name=\"web-srv\">") != NULL);
    free(r.body);
    r = ask(cfg, "show", DEV "/network/interface/ethernet/entry[@name='ethernet1/4']");
    CHECK_STR("<response status=\"success\"><result><entry name=\"ethernet1/4\"><layer3/></entry>"
              "</result></response>",
              r.body);
    free(r.body);
    sim_config_free(cfg);
}

static void test_missing(void **state)
{
    (void)state;
    struct sim_config *cfg = config();
    struct sim_reply r = ask(cfg, "get", VSYS "/address/entry[@name='nope']");
    CHECK_EQ(200, r.status);
    CHECK_STR("<response status=\"success\" code=\"7\"><result/></response>", r.body);
    free(r.body);
    r = ask(cfg, "show", VSYS "/address/entry[@name='nope']");
    CHECK_EQ(200, r.status);
    CHECK_STR("<response status=\"error\"><msg><line>No such node</line></msg></response>", r.body);
    free(r.body);
    sim_config_free(cfg);
}

static void test_bad_xpath(void **state)
{
    (void)state;
    struct sim_config *cfg = config();
    const char *bad[] = {"/config/devices/entry[@name='localhost.localdomain'", "/config]",
                         "count(/config)"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct sim_reply r = ask(cfg, i % 2 ? "show" : "get", bad[i]);
        CHECK_EQ(200, r.status);
        CHECK_STR("<response status=\"error\" code=\"6\"><msg><line>Bad Xpath</line></msg>"
                  "</response>",
                  r.body);
        free(r.body);
    }
    sim_config_free(cfg);
}

/* get or show without an xpath answers the whole <config> with its attributes (cdot65/saute
   sample). */
static void test_no_xpath(void **state)
{
    (void)state;
    struct sim_config *cfg = config();
    struct sim_reply r = ask(cfg, "show", NULL);
    CHECK_EQ(200, r.status);
    const char *head = "<response status=\"success\"><result><config version=\"10.2.0\" "
                       "urldb=\"paloaltonetworks\" detail-version=\"10.2.11\"><mgt-config>";
    CHECK_EQ(0, strncmp(head, r.body, strlen(head)));
    free(r.body);
    r = ask(cfg, "get", "");
    CHECK_TRUE(strncmp(r.body, "<response status=\"success\" code=\"19\"><result total-count="
                               "\"1\" count=\"1\"><config version=\"10.2.0\"",
                       strlen("<response status=\"success\" code=\"19\"><result total-count="
                              "\"1\" count=\"1\"><config version=\"10.2.0\"")) == 0);
    free(r.body);
    sim_config_free(cfg);
}

static void test_bad_action(void **state)
{
    (void)state;
    struct sim_config *cfg = config();
    struct sim_reply r = ask(cfg, "fetch<", "/config");
    CHECK_EQ(400, r.status);
    CHECK_STR("<response status = 'error' code = '400'><result><msg>Illegal value for parameter "
              "&quot;action&quot; [fetch&lt;]</msg></result></response>",
              r.body);
    free(r.body);
    r = ask(cfg, NULL, "/config");
    CHECK_EQ(400, r.status);
    free(r.body);
    sim_config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostname),    cmocka_unit_test(test_address_found),
        cmocka_unit_test(test_missing),     cmocka_unit_test(test_bad_xpath),
        cmocka_unit_test(test_no_xpath),    cmocka_unit_test(test_bad_action),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
