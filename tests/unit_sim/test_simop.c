/* SPDX-License-Identifier: MIT */
/* test_simop.c -- pansim's type=op answers: identity, interfaces, ARP, clock, jobs and errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include "check.h"
#include "simstate.h"
#include "simworld.h"

static struct sim_state state(void)
{
    struct sim_state st = {.hostname = "pansim-fw1",
                           .serial = "007051000123456",
                           .model = "PA-VM",
                           .sw_version = "10.2.11",
                           .seed = 42,
                           .boot_time = (long long)time(NULL) - (3 * 86400 + 3600 + 61)};
    return st;
}

/* One op answer, parsed: the reply must be HTTP 200 and well-formed XML. */
struct answer {
    struct sim_reply r;
    xmlDoc *doc;
    xmlXPathContext *xp;
};

static void ask(struct answer *a, const struct sim_state *st, const char *cmd)
{
    memset(a, 0, sizeof(*a));
    sim_op_handle(st, cmd, &a->r);
    CHECK_EQ(200, a->r.status);
    if (a->r.body == NULL)
        fail_msg("no body for %s", cmd);
    a->doc = xmlReadMemory(a->r.body, (int)a->r.len, "r.xml", NULL, XML_PARSE_NONET);
    if (a->doc == NULL)
        fail_msg("not well-formed: %s", a->r.body);
    a->xp = xmlXPathNewContext(a->doc);
}

static void done(struct answer *a)
{
    xmlXPathFreeContext(a->xp);
    xmlFreeDoc(a->doc);
    free(a->r.body);
}

/* Text of the first node at @p xpath, trimmed into @p buf ("" if none). */
static const char *text(struct answer *a, const char *xpath, char *buf, size_t n)
{
    buf[0] = '\0';
    xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)xpath, a->xp);
    if (o != NULL && o->nodesetval != NULL && o->nodesetval->nodeNr > 0) {
        xmlChar *s = xmlNodeGetContent(o->nodesetval->nodeTab[0]);
        const char *p = (const char *)s;
        while (*p == ' ' || *p == '\n')
            p++;
        snprintf(buf, n, "%s", p);
        size_t len = strlen(buf);
        while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\n'))
            buf[--len] = '\0';
        xmlFree(s);
    }
    xmlXPathFreeObject(o);
    return buf;
}

static int count(struct answer *a, const char *xpath)
{
    xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)xpath, a->xp);
    int n = o != NULL && o->nodesetval != NULL ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

#define T(xp) text(&a, (xp), buf, sizeof(buf))

static void test_system_info(void **state_)
{
    (void)state_;
    struct sim_state st = state();
    struct answer a;
    char buf[256];
    ask(&a, &st, "<show><system><info></info></system></show>");
    CHECK_STR("success", T("/response/@status"));
    CHECK_EQ(0, count(&a, "/response/@code"));
    CHECK_STR("pansim-fw1", T("/response/result/system/hostname"));
    CHECK_STR("pansim-fw1", T("/response/result/system/devicename"));
    CHECK_STR("007051000123456", T("/response/result/system/serial"));
    CHECK_STR("PA-VM", T("/response/result/system/model"));
    CHECK_STR("10.2.11", T("/response/result/system/sw-version"));
    /* boot_time was set a moment ago: a slow (sanitizer) run may cross into the next second. */
    const char *up = T("/response/result/system/uptime");
    if (strcmp(up, "3 days, 1:01:01") != 0 && strcmp(up, "3 days, 1:01:02") != 0)
        fail_msg("uptime '%s', expected 3 days, 1:01:01 (or :02)", up);
    CHECK_STR("198.51.100.10", T("/response/result/system/ip-address"));
    done(&a);

    /* State strings are escaped, and the answer stays well-formed. */
    st.hostname = "fw<&>\"'1";
    ask(&a, &st, "<show><system><info/></system></show>");
    CHECK_STR("fw<&>\"'1", T("/response/result/system/hostname"));
    done(&a);
}

static void test_interfaces(void **state_)
{
    (void)state_;
    struct sim_state st = state();
    struct answer a;
    char buf[256];
    ask(&a, &st, "<show><interface>all</interface></show>");
    CHECK_EQ(4, count(&a, "/response/result/ifnet/entry"));
    CHECK_EQ(5, count(&a, "/response/result/hw/entry"));
    CHECK_STR("192.0.2.1/24", T("/response/result/ifnet/entry[name='ethernet1/2']/ip"));
    CHECK_STR("up", T("/response/result/hw/entry[name='ethernet1/1']/state"));
    CHECK_STR("up", T("/response/result/hw/entry[name='ethernet1/2']/state"));
    CHECK_STR("down", T("/response/result/hw/entry[name='ethernet1/3']/state"));
    CHECK_STR("down", T("/response/result/hw/entry[name='ethernet1/4']/state"));
    CHECK_STR("up", T("/response/result/hw/entry[name='loopback']/state"));
    done(&a);

    ask(&a, &st, "<show><interface>ethernet1/2</interface></show>");
    CHECK_STR("ethernet1/2", T("/response/result/ifnet/name"));
    CHECK_STR("192.0.2.1/24", T("/response/result/ifnet/addr/member"));
    CHECK_STR("vsys1", T("/response/result/ifnet/vsys"));
    CHECK_STR("up", T("/response/result/hw/state"));
    CHECK_STR("dp0", T("/response/result/dp"));
    done(&a);

    ask(&a, &st, "<show><interface>management</interface></show>");
    CHECK_STR("management", T("/response/result/info/name"));
    CHECK_STR("up", T("/response/result/info/state"));
    CHECK_EQ(1, count(&a, "/response/result/counters/rx-bytes"));
    done(&a);

    /* Unknown interface: PAN-OS says success and puts the error inside <result>
       (pan-os-upgrade-assurance 2.1.1 fixture). */
    ask(&a, &st, "<show><interface>ethernet1/123</interface></show>");
    CHECK_STR("success", T("/response/@status"));
    CHECK_STR("Interface 'ethernet1/123' not found", T("/response/result/error"));
    done(&a);
}

static void test_arp(void **state_)
{
    (void)state_;
    struct sim_state st = state();
    struct answer a, b;
    char buf[256], buf2[4096];
    ask(&a, &st, "<show><arp><entry name='all'/></arp></show>");
    int n = count(&a, "/response/result/entries/entry[interface='ethernet1/2']");
    CHECK_TRUE(n >= 4 && n <= 11);
    snprintf(buf2, sizeof(buf2), "%d", n + 1);
    CHECK_STR(buf2, T("/response/result/total"));
    /* LAN MACs: the documentation block, randomized ones (locally administered) and real IEEE
     * assignments (sim_world_host_mac), all aa:bb:cc:dd:ee:ff. */
    CHECK_EQ(n, count(&a, "/response/result/entries/entry[interface='ethernet1/2']"
                          "[starts-with(ip,'192.0.2.')][string-length(mac)=17]"));
    /* The upstream router of the default route, on ethernet1/1. */
    CHECK_EQ(1, count(&a, "/response/result/entries/entry[interface='ethernet1/1']"
                          "[ip='203.0.113.1'][mac='00:00:5e:00:53:06']"));
    CHECK_STR("c", T("/response/result/entries/entry[2]/status"));
    /* The MAC is the world's for the host octet, so the two agree. */
    const char *ip = T("/response/result/entries/entry[2]/ip");
    unsigned octet = (unsigned)strtoul(ip + strlen("192.0.2."), NULL, 10);
    char mac[32];
    sim_world_host_mac(octet, mac, sizeof(mac));
    CHECK_STR(mac, T("/response/result/entries/entry[2]/mac"));
    /* The IPv6 neighbours are LAN hosts of the ARP table, with the same MAC. */
    ask(&b, &st, "<show><neighbor><interface><entry name='all'/></interface></neighbor></show>");
    int n6 = count(&b, "/response/result/entries/entry[starts-with(ip,'2001:db8:0:2::')]");
    CHECK_TRUE(n6 > 0 && n6 <= n);
    snprintf(buf2, sizeof(buf2), "%d", n6);
    CHECK_STR(buf2, text(&b, "/response/result/total", buf, sizeof(buf)));
    done(&b);

    /* Deterministic from the seed. */
    ask(&b, &st, "<show><arp><entry name = \"all\"></entry></arp></show>");
    CHECK_STR(a.r.body, b.r.body);
    done(&b);
    done(&a);
}

/* show session all (a Palo Alto Networks SDK fixture's element names): 8..15 trust->untrust
   sessions from the seed. */
static void test_session_all(void **state_)
{
    (void)state_;
    struct sim_state st = state();
    struct answer a, b;
    char buf[256], buf2[256];
    ask(&a, &st, "<show><session><all/></session></show>");
    CHECK_STR("success", T("/response/@status"));
    int n = count(&a, "/response/result/entry");
    CHECK_TRUE(n >= 8 && n <= 15);
    static const char *const fields[] = {
        "dst",   "xsource",    "source",   "xdst",  "xsport",         "xdport",   "sport",
        "dport", "proto",      "from",     "to",    "start-time",     "nat",      "srcnat",
        "dstnat", "proxy",     "decrypt-mirror",    "state",          "type",
        "total-byte-count",    "idx",      "vsys-idx", "vsys",        "application",
        "security-rule",       "ingress",  "egress", "flags"};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        snprintf(buf2, sizeof(buf2), "/response/result/entry/%s", fields[i]);
        CHECK_EQ(n, count(&a, buf2));
    }
    CHECK_EQ(n, count(&a, "/response/result/entry[from='trust'][to='untrust'][state='ACTIVE']"
                          "[starts-with(source,'192.0.2.')][xsource='203.0.113.2']"
                          "[ingress='ethernet1/2'][egress='ethernet1/1'][vsys='vsys1']"
                          "[application='ssl' or application='web-browsing' or "
                          "application='dns-base']"));
    /* Session ids ascend and are unique. */
    CHECK_EQ(0, count(&a, "/response/result/entry[idx <= preceding-sibling::entry[1]/idx]"));
    /* Sources are ARP neighbours. */
    struct answer arp;
    ask(&arp, &st, "<show><arp><entry name='all'/></arp></show>");
    snprintf(buf2, sizeof(buf2), "%s", T("/response/result/entry[1]/source"));
    char xp[320];
    snprintf(xp, sizeof(xp), "/response/result/entries/entry[ip='%s']", buf2);
    CHECK_EQ(1, count(&arp, xp));
    done(&arp);
    /* num-active of show session info covers the listed sessions. */
    struct answer info;
    ask(&info, &st, "<show><session><info/></session></show>");
    char nb[64];
    CHECK_TRUE(strtoul(text(&info, "/response/result/num-active", nb, sizeof(nb)), NULL, 10) >=
               (unsigned long)n);
    done(&info);

    /* <all></all> is the same command; the table is a function of the seed. */
    ask(&b, &st, "<show><session><all></all></session></show>");
    CHECK_EQ(n, count(&b, "/response/result/entry"));
    for (int i = 1; i <= n; i++) {
        static const char *const stable[] = {"idx", "source", "sport", "dst", "dport",
                                             "application", "total-byte-count"};
        for (size_t j = 0; j < sizeof(stable) / sizeof(stable[0]); j++) {
            snprintf(xp, sizeof(xp), "/response/result/entry[%d]/%s", i, stable[j]);
            CHECK_STR(T(xp), text(&b, xp, buf2, sizeof(buf2)));
        }
    }
    done(&b);
    st.seed = 43;
    ask(&b, &st, "<show><session><all/></session></show>");
    CHECK_TRUE(strcmp(a.r.body, b.r.body) != 0);
    done(&b);
    done(&a);
}

static void test_clock_ha_license(void **state_)
{
    (void)state_;
    struct sim_state st = state();
    struct answer a;
    char buf[256];
    ask(&a, &st, "<show><clock></clock></show>");
    const char *r = strstr(a.r.body, "<result>");
    CHECK_TRUE(r != NULL);
    r += strlen("<result>");
    /* "Wed May 31 11:50:21 UTC 2023\n": date(1) layout, trailing newline in the text. */
    char wd[4], mon[4], tz[4];
    int day, hh, mm, ss, yy, used = 0;
    CHECK_EQ(8, sscanf(r, "%3s %3s %d %d:%d:%d %3s %d%n", wd, mon, &day, &hh, &mm, &ss, tz, &yy,
                       &used));
    CHECK_STR("UTC", tz);
    CHECK_TRUE(r[3] == ' ' && r[7] == ' ' && r[13] == ':' && r[16] == ':');
    CHECK_STR("\n</result></response>", r + used);
    done(&a);

    ask(&a, &st, "<show><high-availability><state></state></high-availability></show>");
    CHECK_STR("no", T("/response/result/enabled"));
    done(&a);

    ask(&a, &st, "<request><license><info></info></license></request>");
    CHECK_TRUE(count(&a, "/response/result/licenses/entry") >= 3);
    CHECK_EQ(0, count(&a, "/response/result/licenses/entry[serial!='007051000123456']"));
    CHECK_EQ(0, count(&a, "/response/result/licenses/entry[expired!='no']"));
    done(&a);

    ask(&a, &st, "<show><system><resources></resources></system></show>");
    CHECK_TRUE(strstr(a.r.body, "<result><![CDATA[top - ") != NULL);
    CHECK_TRUE(strstr(a.r.body, "up 3 days,  1:01,") != NULL);
    done(&a);

    ask(&a, &st, "<show><session><info></info></session></show>");
    long act = strtol(T("/response/result/num-active"), NULL, 10);
    long sum = strtol(T("/response/result/num-tcp"), NULL, 10) +
               strtol(T("/response/result/num-udp"), NULL, 10) +
               strtol(T("/response/result/num-icmp"), NULL, 10);
    CHECK_EQ(sum, act);
    done(&a);
}

static void test_jobs(void **state_)
{
    (void)state_;
    struct sim_state st = state();
    struct answer a;
    char buf[256], buf2[256];
    /* Three days up: the WildFire update every 15 minutes, newest first, the newest 25. */
    ask(&a, &st, "<show><jobs><all></all></jobs></show>");
    CHECK_EQ(25, count(&a, "/response/result/job"));
    CHECK_EQ(0, count(&a, "/response/result/job[id >= preceding-sibling::job[1]/id]"));
    CHECK_EQ(25, count(&a, "/response/result/job[type='WildFire'][user='Auto update agent']"));
    CHECK_STR("FIN", T("/response/result/job[2]/status"));
    CHECK_STR("OK", T("/response/result/job[2]/result"));
    /* tdeq is the time of day; a finished WildFire job's progress is its tfin
       (pan-os-upgrade-assurance 2.1.1 show jobs fixture). */
    CHECK_EQ(8, (long long)strlen(T("/response/result/job[2]/tdeq")));
    CHECK_STR(T("/response/result/job[2]/tfin"), text(&a, "/response/result/job[2]/progress",
                                                       buf2, sizeof(buf2)));
    long long newest = strtoll(T("/response/result/job[1]/id"), NULL, 10);
    CHECK_TRUE(newest >= 3 * 96);
    done(&a);

    ask(&a, &st, "<show><jobs><id>1</id></jobs></show>");
    CHECK_STR("AutoCom", T("/response/result/job/type"));
    CHECK_STR("100", T("/response/result/job/progress"));
    done(&a);
    ask(&a, &st, "<show><jobs><id>2</id></jobs></show>");
    CHECK_STR("WildFire", T("/response/result/job/type"));
    done(&a);
    snprintf(buf2, sizeof(buf2), "<show><jobs><id>%lld</id></jobs></show>", newest + 1);
    ask(&a, &st, buf2);
    CHECK_STR("7", T("/response/@code"));
    done(&a);

    /* Just booted: the auto-commit is still running, and top says "min". */
    st.boot_time = (long long)time(NULL) - 50;
    ask(&a, &st, "<show><jobs><id>1</id></jobs></show>");
    CHECK_STR("ACT", T("/response/result/job/status"));
    CHECK_STR("Still Active", T("/response/result/job/tfin"));
    done(&a);
    ask(&a, &st, "<show><system><resources/></system></show>");
    CHECK_TRUE(strstr(a.r.body, " up 0 min,  0 users") != NULL);
    done(&a);
    st.boot_time = (long long)time(NULL) - 5;
    ask(&a, &st, "<show><jobs><all/></jobs></show>");
    CHECK_STR("<response status=\"success\"><result/></response>", a.r.body);
    done(&a);

    ask(&a, &st, "<show><jobs><id>19</id></jobs></show>");
    CHECK_STR("error", T("/response/@status"));
    CHECK_STR("7", T("/response/@code"));
    CHECK_STR("job 19 not found", T("/response/msg/line"));
    done(&a);

    /* An id past 31 bits (or past 64) reads back as -1, as PAN-OS's 32-bit job id does. */
    const char *big[] = {"4294967295", "4294967296", "99999999999999999999999"};
    for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
        snprintf(buf2, sizeof(buf2), "<show><jobs><id>%s</id></jobs></show>", big[i]);
        ask(&a, &st, buf2);
        CHECK_STR("7", T("/response/@code"));
        CHECK_STR("job -1 not found", T("/response/msg/line"));
        done(&a);
    }
    ask(&a, &st, "<show><jobs><id>2147483647</id></jobs></show>");
    CHECK_STR("job 2147483647 not found", T("/response/msg/line"));
    done(&a);
}

/* Release and model: session fields, vm-* identity, environmentals, HA, counters. */
static void test_versions_models(void **state_)
{
    (void)state_;
    struct sim_state st = state();
    struct answer a;
    char buf[256];
    ask(&a, &st, "<show><system><info/></system></show>");
    CHECK_STR("VM-100", T("/response/result/system/vm-license"));
    CHECK_STR("KVM", T("/response/result/system/vm-mode"));
    CHECK_STR("10.2.1", T("/response/result/system/logdb-version"));
    done(&a);
    ask(&a, &st, "<show><session><info/></session></show>");
    CHECK_STR("False", T("/response/result/hw-offload"));
    CHECK_STR("30", T("/response/result/dis-sctp"));
    CHECK_STR("*.dp0", T("/response/result/dp"));
    CHECK_EQ(65, count(&a, "/response/result/*"));
    done(&a);
    /* A VM has no sensors. */
    ask(&a, &st, "<show><system><environmentals/></system></show>");
    CHECK_STR("<response status=\"success\"><result/></response>", a.r.body);
    done(&a);

    st.model = "PA-3220";
    ask(&a, &st, "<show><system><info/></system></show>");
    CHECK_EQ(0, count(&a, "/response/result/system/vm-uuid"));
    CHECK_STR("3200", T("/response/result/system/family"));
    done(&a);
    ask(&a, &st, "<show><session><info/></session></show>");
    CHECK_STR("True", T("/response/result/hw-offload"));
    CHECK_STR("1000000", T("/response/result/num-max"));
    done(&a);
    ask(&a, &st, "<show><system><environmentals/></system></show>");
    CHECK_EQ(4, count(&a, "/response/result/fan/Slot1/entry/RPMs"));
    CHECK_EQ(0, count(&a, "/response/result/fans"));
    CHECK_STR("False", T("/response/result/thermal/Slot1/entry/alarm"));
    done(&a);
    st.sw_version = "11.1.6";
    ask(&a, &st, "<show><system><environmentals/></system></show>");
    CHECK_EQ(4, count(&a, "/response/result/fans/Slot1/entry/RPMs")); /* 11.x: fans */
    CHECK_EQ(0, count(&a, "/response/result/fan"));
    done(&a);
    ask(&a, &st, "<show><system><environmentals><thermal/></environmentals></system></show>");
    CHECK_EQ(1, count(&a, "/response/result/*"));
    CHECK_EQ(4, count(&a, "/response/result/thermal/Slot1/entry"));
    done(&a);
    ask(&a, &st, "<show><system><environmentals><fan/></environmentals></system></show>");
    CHECK_EQ(4, count(&a, "/response/result/fans/Slot1/entry"));
    done(&a);
    ask(&a, &st, "<show><system><environmentals><bogus/></environmentals></system></show>");
    CHECK_STR("17", T("/response/@code"));
    done(&a);
    st.model = "PA-440";
    ask(&a, &st, "<show><system><environmentals/></system></show>");
    CHECK_EQ(0, count(&a, "/response/result/fans")); /* fanless */
    CHECK_EQ(2, count(&a, "/response/result/thermal/Slot1/entry"));
    done(&a);

    ask(&a, &st, "<show><counter><global/></counter></show>");
    CHECK_STR("dp0", T("/response/result/dp"));
    CHECK_STR("pkt_recv", T("/response/result/global/counters/entry[1]/name"));
    done(&a);
    ask(&a, &st, "<show><running><resource-monitor><minute><last>5</last></minute>"
                 "</resource-monitor></running></show>");
    CHECK_EQ(1, count(&a, "/response/result/resource-monitor/data-processors/dp0/minute"));
    CHECK_EQ(0, count(&a, "//second"));
    CHECK_STR("0,0,0,0,0", T("//minute/cpu-load-average/entry[coreid='0']/value"));
    done(&a);
    ask(&a, &st, "<show><running><resource-monitor/></running></show>");
    CHECK_EQ(5, count(&a, "/response/result/resource-monitor/data-processors/dp0/*"));
    done(&a);
    ask(&a, &st, "<show><running><resource-monitor><second><bogus/></second>"
                 "</resource-monitor></running></show>");
    CHECK_STR("17", T("/response/@code"));
    done(&a);

    st = state();
    ask(&a, &st, "<show><high-availability><state/></high-availability></show>");
    CHECK_STR("no", T("/response/result/enabled"));
    done(&a);
    st.ha = "passive";
    ask(&a, &st, "<show><high-availability><state/></high-availability></show>");
    CHECK_STR("yes", T("/response/result/enabled"));
    CHECK_STR("passive", T("/response/result/group/local-info/state"));
    CHECK_STR("active", T("/response/result/group/peer-info/state"));
    CHECK_STR("up", T("/response/result/group/peer-info/conn-ha1/conn-status"));
    CHECK_STR("synchronized", T("/response/result/group/running-sync"));
    CHECK_STR("10.2.11", T("/response/result/group/peer-info/build-rel"));
    done(&a);
    st.ha = "active";
    ask(&a, &st, "<show><high-availability><state/></high-availability></show>");
    CHECK_STR("active", T("/response/result/group/local-info/state"));
    CHECK_STR("100", T("/response/result/group/local-info/priority"));
    CHECK_STR("passive", T("/response/result/group/peer-info/state"));
    done(&a);
}

static void test_errors(void **state_)
{
    (void)state_;
    struct sim_state st = state();
    struct answer a;
    char buf[256];
    /* Unknown command: code 17, the CLI parser names the path (pan-python issue #24,
       pan-os-python issue #515). */
    ask(&a, &st, "<show><nosuch></nosuch></show>");
    CHECK_STR("error", T("/response/@status"));
    CHECK_STR("17", T("/response/@code"));
    CHECK_TRUE(strstr(a.r.body, "<line><![CDATA[ show -> nosuch is invalid]]></line>") != NULL);
    done(&a);

    ask(&a, &st, "<show><system><info><extra/></info></system></show>");
    CHECK_STR("17", T("/response/@code"));
    CHECK_STR("show -> system -> info -> extra is invalid", T("/response/msg/line"));
    done(&a);

    /* Malformed XML, or no XML at all: code 17 "  is unexpected" (pan-python #24). */
    const char *bad[] = {"<show><system><info></system></show>", "show system info", ""};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ask(&a, &st, bad[i]);
        CHECK_STR("error", T("/response/@status"));
        CHECK_STR("17", T("/response/@code"));
        CHECK_TRUE(strstr(a.r.body, "<line><![CDATA[  is unexpected]]></line>") != NULL);
        CHECK_EQ(1, count(&a, "/response/msg/line"));
        done(&a);
    }

    /* Missing argument: each level reports its empty token, innermost first. */
    ask(&a, &st, "<show><jobs><id></id></jobs></show>");
    CHECK_STR("17", T("/response/@code"));
    CHECK_EQ(3, count(&a, "/response/msg/line"));
    CHECK_TRUE(strstr(a.r.body, "<![CDATA[ show -> jobs -> id  is unexpected]]>") != NULL);
    done(&a);

    /* A non-numeric job id is rejected by the grammar; odd text stays well-formed. */
    ask(&a, &st, "<show><jobs><id>x]]&gt;&lt;</id></jobs></show>");
    CHECK_STR("17", T("/response/@code"));
    CHECK_STR("show -> jobs -> id x]]>< is invalid", T("/response/msg/line"));
    done(&a);

    ask(&a, &st, "<show><arp><entry/></arp></show>");
    CHECK_STR("17", T("/response/@code"));
    done(&a);

    /* A missing cmd= is the web layer's 400. */
    struct sim_reply r = {0};
    sim_op_handle(&st, NULL, &r);
    CHECK_EQ(400, r.status);
    free(r.body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_system_info),   cmocka_unit_test(test_interfaces),
        cmocka_unit_test(test_arp),           cmocka_unit_test(test_session_all),
        cmocka_unit_test(test_clock_ha_license),
        cmocka_unit_test(test_jobs),          cmocka_unit_test(test_errors),
        cmocka_unit_test(test_versions_models),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
