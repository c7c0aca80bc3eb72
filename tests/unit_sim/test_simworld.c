/* SPDX-License-Identifier: MIT */
/* test_simworld.c -- pansim is one consistent device: its config, op answers and logs agree. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include "check.h"
#include "logstore.h"
#include "simstate.h"
#include "simworld.h"

#define VSYS                                                                                       \
    "/response/result/config/devices/entry[@name='localhost.localdomain']/vsys/entry[@name='vsys1']"
#define NET "/response/result/config/devices/entry[@name='localhost.localdomain']/network"

/* A parsed XML document with an XPath context. */
struct doc {
    char *body;
    unsigned status;
    xmlDoc *doc;
    xmlXPathContext *xp;
};

static struct sim_state st;
static struct sim_config *cfg;

static void parse(struct doc *d, const char *body, size_t len)
{
    d->doc = xmlReadMemory(body, (int)len, "x.xml", NULL, XML_PARSE_NONET);
    if (d->doc == NULL)
        fail_msg("not well-formed: %.300s", body);
    d->xp = xmlXPathNewContext(d->doc);
}

/* Run op @p cmd on the device; the answer must be HTTP 200 XML. */
static void op(struct doc *d, const char *cmd)
{
    struct sim_reply r = {0};
    sim_op_handle(&st, cmd, &r);
    CHECK_EQ(200, r.status);
    d->body = r.body;
    d->status = r.status;
    parse(d, r.body, r.len);
}

/* The running configuration, as a config read without xpath returns it. */
static void config(struct doc *d)
{
    struct sim_reply r = {0};
    sim_config_handle(cfg, "show", NULL, &r);
    CHECK_EQ(200, r.status);
    d->body = r.body;
    d->status = r.status;
    parse(d, r.body, r.len);
}

static void done(struct doc *d)
{
    xmlXPathFreeContext(d->xp);
    xmlFreeDoc(d->doc);
    free(d->body);
}

static int count(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int count(struct doc *d, const char *fmt, ...)
{
    char xp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(xp, sizeof(xp), fmt, ap);
    va_end(ap);
    xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)xp, d->xp);
    int n = o != NULL && o->nodesetval != NULL ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

/* Text of the @p i-th (0-based) node at @p xpath into @p buf ("" if none). */
static const char *text_at(struct doc *d, const char *xpath, int i, char *buf, size_t n)
{
    buf[0] = '\0';
    xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)xpath, d->xp);
    if (o != NULL && o->nodesetval != NULL && o->nodesetval->nodeNr > i) {
        xmlChar *s = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
        snprintf(buf, n, "%s", (const char *)s);
        xmlFree(s);
    }
    xmlXPathFreeObject(o);
    return buf;
}

/* Whether @p ip is inside the configured subnet "a.b.c.d/n" of @p ifname. */
static int in_if_subnet(struct doc *conf, const char *ip, const char *ifname)
{
    char xp[256], cidr[64];
    snprintf(xp, sizeof(xp), NET "/interface/ethernet/entry[@name='%s']/layer3/ip/entry/@name",
             ifname);
    text_at(conf, xp, 0, cidr, sizeof(cidr));
    uint32_t a;
    return cidr[0] != '\0' && sim_world_ip_parse(ip, &a) == 0 && sim_world_ip_in(a, cidr);
}

/* Whether @p ip is inside the address object @p name of the config (ip-netmask or ip-range). */
static int in_object(struct doc *conf, const char *ip, const char *name)
{
    char xp[256], v[64];
    snprintf(xp, sizeof(xp), VSYS "/address/entry[@name='%s']/*[1]", name);
    text_at(conf, xp, 0, v, sizeof(v));
    uint32_t a;
    return v[0] != '\0' && sim_world_ip_parse(ip, &a) == 0 && sim_world_ip_in(a, v);
}

/* show interface all and the config agree: zones, addresses, configured or not. */
static void test_interfaces_match_config(void **state)
{
    (void)state;
    struct doc conf, ifs;
    char name[64], zone[64], ip[64];
    config(&conf);
    op(&ifs, "<show><interface>all</interface></show>");
    int n = count(&ifs, "/response/result/ifnet/entry");
    CHECK_EQ(n, count(&conf, NET "/interface/ethernet/entry"));
    for (int i = 0; i < n; i++) {
        text_at(&ifs, "/response/result/ifnet/entry/name", i, name, sizeof(name));
        text_at(&ifs, "/response/result/ifnet/entry/zone", i, zone, sizeof(zone));
        text_at(&ifs, "/response/result/ifnet/entry/ip", i, ip, sizeof(ip));
        if (zone[0] == '\0') {
            CHECK_STR("N/A", ip);
            CHECK_EQ(0, count(&conf, VSYS "/zone/entry/network/layer3[member='%s']", name));
            continue;
        }
        CHECK_EQ(1, count(&conf, VSYS "/zone/entry[@name='%s']/network/layer3[member='%s']", zone,
                          name));
        CHECK_EQ(1, count(&conf, NET "/interface/ethernet/entry[@name='%s']/layer3/ip/entry"
                                     "[@name='%s']",
                          name, ip));
    }
    done(&ifs);
    done(&conf);
}

/* Every ARP neighbour is inside the subnet of the interface it was learnt on; every DHCP lease
 * is in the configured pool, for a host the ARP table knows with the same MAC. */
static void test_arp_dhcp_in_subnets(void **state)
{
    (void)state;
    struct doc conf, arp, dhcp;
    char ip[64], ifname[64], mac[64], xp[256], pool[64];
    config(&conf);
    op(&arp, "<show><arp><entry name='all'/></arp></show>");
    op(&dhcp, "<show><dhcp><server><lease><interface>all</interface></lease></server></dhcp>"
              "</show>");
    int n = count(&arp, "/response/result/entries/entry");
    CHECK_TRUE(n >= 5);
    for (int i = 0; i < n; i++) {
        text_at(&arp, "/response/result/entries/entry/ip", i, ip, sizeof(ip));
        text_at(&arp, "/response/result/entries/entry/interface", i, ifname, sizeof(ifname));
        if (!in_if_subnet(&conf, ip, ifname))
            fail_msg("ARP %s is not in %s's subnet", ip, ifname);
    }
    int leases = count(&dhcp, "/response/result/interface/entry");
    CHECK_EQ(n - 1, leases); /* every LAN host, not the upstream router */
    text_at(&conf, NET "/dhcp/interface/entry[@name='ethernet1/2']/server/ip-pool/member", 0,
            pool, sizeof(pool));
    for (int i = 0; i < leases; i++) {
        text_at(&dhcp, "/response/result/interface/entry/ip", i, ip, sizeof(ip));
        text_at(&dhcp, "/response/result/interface/entry/mac", i, mac, sizeof(mac));
        uint32_t a;
        CHECK_EQ(0, sim_world_ip_parse(ip, &a));
        CHECK_TRUE(sim_world_ip_in(a, pool));
        CHECK_TRUE(in_object(&conf, ip, "lan-net"));
        snprintf(xp, sizeof(xp), "/response/result/entries/entry[ip='%s'][mac='%s']"
                                 "[interface='ethernet1/2']", ip, mac);
        CHECK_EQ(1, count(&arp, "%s", xp));
    }
    CHECK_STR("ethernet1/2", text_at(&dhcp, "/response/result/interface/@name", 0, ip,
                                     sizeof(ip)));
    done(&dhcp);
    done(&arp);
    done(&conf);
}

/* The routes are the configured default route and the connected subnets. */
static void test_routes(void **state)
{
    (void)state;
    struct doc conf, rt;
    char hop[64];
    config(&conf);
    op(&rt, "<show><routing><route/></routing></show>");
    text_at(&conf, NET "/virtual-router/entry/routing-table/ip/static-route/entry/nexthop/"
                       "ip-address", 0, hop, sizeof(hop));
    CHECK_EQ(1, count(&rt, "/response/result/entry[destination='0.0.0.0/0'][nexthop='%s']"
                           "[interface='ethernet1/1'][flags='A S   ']", hop));
    CHECK_EQ(1, count(&rt, "/response/result/entry[destination='192.0.2.0/24']"
                           "[interface='ethernet1/2'][flags='A C   ']"));
    CHECK_TRUE(in_if_subnet(&conf, hop, "ethernet1/1"));
    done(&rt);
    /* Another virtual router has no routes; an unknown keyword is the CLI's code 17. */
    op(&rt, "<show><routing><route><virtual-router>vr9</virtual-router></route></routing></show>");
    CHECK_EQ(0, count(&rt, "/response/result/entry"));
    done(&rt);
    op(&rt, "<show><routing><route><bogus/></route></routing></show>");
    CHECK_EQ(1, count(&rt, "/response[@status='error'][@code='17']"));
    done(&rt);
    done(&conf);
}

/* A traffic or threat entry names a configured rule, with the rule's action, for a LAN host in
 * lan-net that the ARP table knows; zones are those of the interfaces; allowed traffic is NATed
 * to the untrust address; and test security-policy-match on the same flow names the same rule. */
static void check_log_entry(struct doc *conf, struct doc *arp, const struct sim_logentry *e,
                            int ask_policy)
{
    const char *rule = sim_logentry_get(e, "rule"), *src = sim_logentry_get(e, "src");
    char xp[512], action[32];
    if (count(conf, VSYS "/rulebase/security/rules/entry[@name='%s']", rule) != 1)
        fail_msg("log entry %llu names rule '%s', not in the config", e->seqno, rule);
    CHECK_TRUE(in_object(conf, src, "lan-net"));
    CHECK_EQ(1, count(arp, "/response/result/entries/entry[ip='%s']", src));
    CHECK_EQ(1, count(conf, VSYS "/zone/entry[@name='%s']/network/layer3[member='ethernet1/2']",
                      sim_logentry_get(e, "from")));
    CHECK_EQ(1, count(conf, VSYS "/zone/entry[@name='%s']/network/layer3[member='ethernet1/1']",
                      sim_logentry_get(e, "to")));
    const char *type = sim_logentry_get(e, "type");
    if (strcmp(type, "TRAFFIC") != 0)
        return;
    snprintf(xp, sizeof(xp), VSYS "/rulebase/security/rules/entry[@name='%s']/action", rule);
    CHECK_STR(text_at(conf, xp, 0, action, sizeof(action)), sim_logentry_get(e, "action"));
    if (strcmp(action, "allow") == 0)
        CHECK_TRUE(in_if_subnet(conf, sim_logentry_get(e, "natsrc"), "ethernet1/1"));
    if (!ask_policy)
        return;
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "<test><security-policy-match><from>%s</from><to>%s</to><source>%s</source>"
             "<destination>%s</destination><protocol>%d</protocol><destination-port>%s"
             "</destination-port><application>%s</application></security-policy-match></test>",
             sim_logentry_get(e, "from"), sim_logentry_get(e, "to"), src,
             sim_logentry_get(e, "dst"), strcmp(sim_logentry_get(e, "proto"), "udp") == 0 ? 17 : 6,
             sim_logentry_get(e, "dport"), sim_logentry_get(e, "app"));
    struct doc m;
    op(&m, cmd);
    char got[128];
    CHECK_STR(rule, text_at(&m, "/response/result/rules/entry/@name", 0, got, sizeof(got)));
    CHECK_STR(action, text_at(&m, "/response/result/rules/entry/action", 0, got, sizeof(got)));
    done(&m);
}

static struct sim_logstore *store(void)
{
    struct sim_logstore_options o = {0};
    o.seed = st.seed;
    for (int t = 0; t < SIM_LOG__COUNT; t++)
        o.initial[t] = 20000;
    o.t0_ms = 1700000000000LL;
    struct sim_logstore *s;
    CHECK_EQ(0, sim_logstore_new(&s, &o));
    return s;
}

static void test_logs_match_config(void **state)
{
    (void)state;
    struct doc conf, arp;
    config(&conf);
    op(&arp, "<show><arp><entry name='all'/></arp></show>");
    struct sim_logstore *s = store();
    struct sim_logentry e;
    int denied = 0;
    for (unsigned long long i = 0; i < 5000; i++) {
        sim_logstore_entry(s, SIM_LOG_TRAFFIC, i, &e);
        check_log_entry(&conf, &arp, &e, i < 400);
        denied += strcmp(sim_logentry_get(&e, "action"), "deny") == 0;
        sim_logstore_entry(s, SIM_LOG_THREAT, i, &e);
        check_log_entry(&conf, &arp, &e, 0);
    }
    CHECK_TRUE(denied > 100 && denied < 1000);
    sim_logstore_free(s);
    done(&arp);
    done(&conf);
}

static unsigned long long num(const struct sim_logentry *e, const char *name)
{
    return strtoull(sim_logentry_get(e, name), NULL, 10);
}

/* Traffic counters add up; frames are 60 to 1514 bytes; a deny received nothing. */
static void test_traffic_counters(void **state)
{
    (void)state;
    struct sim_logstore *s = store();
    struct sim_logentry e;
    for (unsigned long long i = 0; i < 20000; i++) {
        sim_logstore_entry(s, SIM_LOG_TRAFFIC, i, &e);
        unsigned long long ps = num(&e, "pkts_sent"), pr = num(&e, "pkts_received");
        unsigned long long bs = num(&e, "bytes_sent"), br = num(&e, "bytes_received");
        if (num(&e, "packets") != ps + pr || num(&e, "bytes") != bs + br)
            fail_msg("entry %llu: counters do not add up", e.seqno);
        CHECK_TRUE(ps >= 1 && bs >= 60 * ps && bs <= 1514 * ps);
        CHECK_TRUE(br >= 60 * pr && br <= 1514 * pr);
        if (strcmp(sim_logentry_get(&e, "action"), "deny") == 0)
            CHECK_TRUE(pr == 0 && br == 0 && strcmp(sim_logentry_get(&e, "subtype"), "deny") == 0);
    }
    sim_logstore_free(s);
}

/* Sessions, User-ID and the logs' users tell the same story. */
static void test_sessions_users(void **state)
{
    (void)state;
    struct doc conf, arp, sess, uid;
    char v[128], ip[64], user[64];
    config(&conf);
    op(&arp, "<show><arp><entry name='all'/></arp></show>");
    op(&sess, "<show><session><all/></session></show>");
    op(&uid, "<show><user><ip-user-mapping><all/></ip-user-mapping></user></show>");
    int n = count(&sess, "/response/result/entry");
    for (int i = 0; i < n; i++) {
        text_at(&sess, "/response/result/entry/security-rule", i, v, sizeof(v));
        CHECK_EQ(1, count(&conf, VSYS "/rulebase/security/rules/entry[@name='%s'][action="
                                      "'allow']", v));
        text_at(&sess, "/response/result/entry/source", i, v, sizeof(v));
        CHECK_EQ(1, count(&arp, "/response/result/entries/entry[ip='%s']", v));
        text_at(&sess, "/response/result/entry/xsource", i, v, sizeof(v));
        CHECK_TRUE(in_if_subnet(&conf, v, "ethernet1/1"));
    }
    int m = count(&uid, "/response/result/entry");
    CHECK_TRUE(m > 0);
    snprintf(v, sizeof(v), "%d", m);
    CHECK_STR(v, text_at(&uid, "/response/result/count", 0, ip, sizeof(ip)));
    struct sim_logstore *s = store();
    struct sim_logentry e;
    for (unsigned long long i = 0; i < 2000; i++) {
        sim_logstore_entry(s, SIM_LOG_TRAFFIC, i, &e);
        const char *src = sim_logentry_get(&e, "src"), *su = sim_logentry_get(&e, "srcuser");
        snprintf(v, sizeof(v), "/response/result/entry[ip='%s']/user", src);
        CHECK_STR(su, text_at(&uid, v, 0, user, sizeof(user)));
    }
    sim_logstore_free(s);
    done(&uid);
    done(&sess);
    done(&arp);
    done(&conf);
}

/* test security-policy-match: first match by default, all with show-all; errors as the CLI. */
static void test_policy_match(void **state)
{
    (void)state;
    struct doc m;
    char v[128];
    op(&m, "<test><security-policy-match><from>trust</from><to>untrust</to><source>192.0.2.20"
           "</source><destination>198.51.100.30</destination><protocol>17</protocol>"
           "<destination-port>53</destination-port><application>dns-base</application>"
           "</security-policy-match></test>");
    CHECK_STR("DNS out", text_at(&m, "/response/result/rules/entry/@name", 0, v, sizeof(v)));
    CHECK_STR("3", text_at(&m, "/response/result/rules/entry/index", 0, v, sizeof(v)));
    CHECK_STR("lan-net", text_at(&m, "/response/result/rules/entry/source", 0, v, sizeof(v)));
    done(&m);
    op(&m, "<test><security-policy-match><source>192.0.2.20</source><destination>198.51.100.230"
           "</destination><protocol>6</protocol><destination-port>443</destination-port>"
           "<application>ssl</application><show-all>yes</show-all></security-policy-match>"
           "</test>");
    CHECK_EQ(2, count(&m, "/response/result/rules/entry"));
    CHECK_STR("deny", text_at(&m, "/response/result/rules/entry/action", 0, v, sizeof(v)));
    done(&m);
    /* Nothing allows untrust to trust: the interzone default denies, no rule is listed. */
    op(&m, "<test><security-policy-match><from>untrust</from><to>trust</to><source>203.0.113.9"
           "</source><destination>192.0.2.20</destination></security-policy-match></test>");
    CHECK_STR("<response status=\"success\"><result><rules/></result></response>", m.body);
    done(&m);
    op(&m, "<test><security-policy-match><nosuch>1</nosuch></security-policy-match></test>");
    CHECK_STR(" test -> security-policy-match -> nosuch is invalid",
              text_at(&m, "/response/msg/line", 0, v, sizeof(v)));
    done(&m);
    op(&m, "<test><security-policy-match><source>300.1.1.1</source></security-policy-match>"
           "</test>");
    CHECK_EQ(1, count(&m, "/response[@status='error'][@code='17']"));
    done(&m);
}

/* Commands the firewall answers are never code 17: simulated, or HTTP 501. */
static void test_known_commands(void **state)
{
    (void)state;
    struct doc d;
    op(&d, "<show><config><running/></config></show>");
    CHECK_EQ(1, count(&d, "/response[@status='success']/result/config[@version='10.2.0']"
                          "/devices/entry/vsys"));
    done(&d);
    op(&d, "<show><config><candidate></candidate></config></show>");
    CHECK_EQ(1, count(&d, "/response/result/config/mgt-config"));
    done(&d);
    op(&d, "<show><config><pushed-template/></config></show>");
    CHECK_STR("<response status=\"success\"><result/></response>", d.body);
    done(&d);
    op(&d, "<check><pending-changes/></check>");
    CHECK_STR("<response status=\"success\"><result>no</result></response>", d.body);
    done(&d);
    static const char *const unsimulated[] = {
        "<show><running><tunnel><flow><all/></flow></tunnel></running></show>",
        "<show><clock><more/></clock></show>",
        "<show><system><software><status/></software></system></show>",
        "<request><system><software><check/></software></system></request>",
    };
    for (size_t i = 0; i < sizeof(unsimulated) / sizeof(unsimulated[0]); i++) {
        struct sim_reply r = {0};
        sim_op_handle(&st, unsimulated[i], &r);
        CHECK_EQ(501, r.status);
        CHECK_STR("text/plain", r.content_type);
        CHECK_TRUE(strstr(r.body, "pansim does not simulate the op command '") == r.body);
        free(r.body);
    }
    /* What PAN-OS itself rejects stays code 17. */
    op(&d, "<show><clock><bogus/></clock></show>");
    CHECK_STR(" show -> clock -> bogus is invalid", text_at(&d, "/response/msg/line", 0,
                                                             (char[128]){0}, 128));
    done(&d);
}

static int setup(void **state)
{
    (void)state;
    st = (struct sim_state){.hostname = "pansim-fw1",
                            .serial = "007051000123456",
                            .model = "PA-VM",
                            .sw_version = "10.2.11",
                            .seed = 1,
                            .boot_time = (long long)time(NULL) - 86400};
    if (sim_config_new(&cfg, &st) != 0)
        return -1;
    st.config = cfg;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sim_config_free(cfg);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_interfaces_match_config),
        cmocka_unit_test(test_arp_dhcp_in_subnets),
        cmocka_unit_test(test_routes),
        cmocka_unit_test(test_logs_match_config),
        cmocka_unit_test(test_traffic_counters),
        cmocka_unit_test(test_sessions_users),
        cmocka_unit_test(test_policy_match),
        cmocka_unit_test(test_known_commands),
    };
    int rc = 0;
    for (unsigned long seed = 1; rc == 0 && seed <= 3; seed++) {
        st.seed = seed;
        rc = cmocka_run_group_tests(tests, setup, teardown);
    }
    xmlCleanupParser();
    return rc;
}
