/* SPDX-License-Identifier: MIT */
/* test_fidelity.c -- every element path of a recorded PAN-OS answer is in pansim's answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "check.h"
#include "logstore.h"
#include "logxml.h"
#include "simstate.h"

/*
 * The recorded answers live in tests/fixtures/panos/<command-or-log>/<version>-<model>.xml,
 * each with its public source in a header comment and in tests/fixtures/panos/README.md. For
 * each one, pansim is asked the same command as a device of the same release and model, and
 * every element path of the recording (element names from <response> down, plus "@attr" for
 * attributes; values ignored; repeated entries fold into one path) must be in pansim's answer.
 * Log recordings are compared entry by entry: the paths below <entry>, for each of the first
 * LOG_ENTRIES generated entries of that type. The share per fixture is printed.
 */
#ifndef PANSIM_FIXTURES
#error "PANSIM_FIXTURES (the tests/fixtures/panos directory) must be defined"
#endif

#define LOG_ENTRIES 64

enum kind { OP, LOG };

struct fixture {
    const char *file;    /* under tests/fixtures/panos/ */
    enum kind kind;
    const char *cmd;     /* OP: the cmd= XML; LOG: the log type */
    const char *version; /* the pansim release to compare with: "10.1", "10.2", "11.1" */
    const char *model;   /* PA-VM, PA-440, PA-3220, PA-5450 (closest to the recording's) */
    const char *ha;      /* NULL, "active", "passive" */
    const char *only;    /* NULL: all paths; else only the paths that contain this */
};

static const struct fixture fixtures[] = {
    {"show-system-info/10.2.11-PA-440.xml", OP, "<show><system><info/></system></show>", "10.2",
     "PA-440", NULL, NULL},
    /* 7.2.3 is older than anything pansim plays: only its vm-* identity fields are asserted. */
    {"show-system-info/7.2.3-PA-VM.xml", OP, "<show><system><info/></system></show>", "10.2",
     "PA-VM", NULL, "/vm-"},
    {"show-session-info/10.x-PA-hw.xml", OP, "<show><session><info/></session></show>", "10.2",
     "PA-3220", NULL, NULL},
    {"show-interface-all/7.x-PA-VM.xml", OP, "<show><interface>all</interface></show>", "10.2",
     "PA-VM", NULL, NULL},
    {"show-interface-ethernet1-1/unstated-PA-VM.xml", OP,
     "<show><interface>ethernet1/1</interface></show>", "10.2", "PA-VM", NULL, NULL},
    {"show-arp-all/10.x-PA-VM.xml", OP, "<show><arp><entry name='all'/></arp></show>", "10.2",
     "PA-VM", NULL, NULL},
    {"show-routing-route/10.x-PA-VM.xml", OP, "<show><routing><route/></routing></show>", "10.2",
     "PA-VM", NULL, NULL},
    {"show-jobs-all/10.x-PA-VM.xml", OP, "<show><jobs><all/></jobs></show>", "10.2", "PA-VM",
     NULL, NULL},
    {"show-jobs-id/10.x-PA-VM.xml", OP, "<show><jobs><id>1</id></jobs></show>", "10.2", "PA-VM",
     NULL, NULL},
    {"show-counter-global/10.x-PA-VM.xml", OP, "<show><counter><global/></counter></show>",
     "10.2", "PA-VM", NULL, NULL},
    {"show-system-resources/10.x-unstated.xml", OP,
     "<show><system><resources/></system></show>", "10.2", "PA-3220", NULL, NULL},
    {"show-system-environmentals/8.x-PA-5060.xml", OP,
     "<show><system><environmentals/></system></show>", "10.2", "PA-3220", NULL, NULL},
    {"show-system-environmentals/8.x-PA-VM.xml", OP,
     "<show><system><environmentals/></system></show>", "10.2", "PA-VM", NULL, NULL},
    {"show-running-resource-monitor/7.x-PA-5000.xml", OP,
     "<show><running><resource-monitor><second/></resource-monitor></running></show>", "10.2",
     "PA-3220", NULL, NULL},
    {"show-high-availability-state/10.x-PA-VM-disabled.xml", OP,
     "<show><high-availability><state/></high-availability></show>", "10.2", "PA-VM", NULL,
     NULL},
    {"show-high-availability-state/10.0.9-PA-VM-passive.xml", OP,
     "<show><high-availability><state/></high-availability></show>", "10.1", "PA-VM", "passive",
     NULL},
    {"show-user-ip-user-mapping-all/8.x-unstated.xml", OP,
     "<show><user><ip-user-mapping><all/></ip-user-mapping></user></show>", "10.2", "PA-VM",
     NULL, NULL},
    {"request-license-info/10.x-PA-VM.xml", OP, "<request><license><info/></license></request>",
     "10.2", "PA-VM", NULL, NULL},
    {"show-vpn-ipsec-sa/8.x-PA-VM.xml", OP, "<show><vpn><ipsec-sa/></vpn></show>", "10.2",
     "PA-VM", NULL, NULL},
    {"show-vpn-flow/8.x-PA-VM.xml", OP, "<show><vpn><flow/></vpn></show>", "10.2", "PA-VM", NULL,
     NULL},
    {"show-routing-protocol-bgp-peer/unstated-firewall.xml", OP,
     "<show><routing><protocol><bgp><peer/></bgp></protocol></routing></show>", "10.2", "PA-VM",
     NULL, NULL},
    {"show-ntp/8.x-unstated.xml", OP, "<show><ntp/></show>", "10.2", "PA-VM", NULL, NULL},
    {"log-traffic/10.x-firewall.xml", LOG, "traffic", "10.2", "PA-VM", NULL, NULL},
    {"log-threat/11.x-firewall.xml", LOG, "threat", "11.1", "PA-VM", NULL, NULL},
    {"log-system/10.1-docs.xml", LOG, "system", "10.1", "PA-VM", NULL, NULL},
};

/* ---- element paths ---- */

struct paths {
    char **v;
    size_t n, cap;
};

static int has(const struct paths *p, const char *s)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i], s) == 0)
            return 1;
    return 0;
}

static void add(struct paths *p, const char *s)
{
    if (has(p, s))
        return;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->v = realloc(p->v, p->cap * sizeof(*p->v));
        CHECK_TRUE(p->v != NULL);
    }
    p->v[p->n] = strdup(s);
    CHECK_TRUE(p->v[p->n] != NULL);
    p->n++;
}

static void clear(struct paths *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
    memset(p, 0, sizeof(*p));
}

static void collect(struct paths *p, xmlNode *el, const char *prefix)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", prefix, (const char *)el->name);
    add(p, path);
    for (xmlAttr *a = el->properties; a != NULL; a = a->next) {
        char ap[1100];
        snprintf(ap, sizeof(ap), "%s/@%s", path, (const char *)a->name);
        add(p, ap);
    }
    for (xmlNode *c = el->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            collect(p, c, path);
}

static xmlDoc *parse(const char *text, size_t len, const char *what)
{
    xmlDoc *doc = xmlReadMemory(text, (int)len, what, NULL, XML_PARSE_NONET);
    if (doc == NULL)
        fail_msg("%s is not well-formed", what);
    return doc;
}

/* The first <entry> below <logs>, or NULL. */
static xmlNode *first_log_entry(xmlNode *n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)n->name, "entry") == 0 && n->parent != NULL &&
            strcmp((const char *)n->parent->name, "logs") == 0)
            return n;
        xmlNode *found = first_log_entry(n->children);
        if (found != NULL)
            return found;
    }
    return NULL;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 > cap) {
            cap = cap ? cap * 2 : 8192;
            buf = realloc(buf, cap + 1);
            CHECK_TRUE(buf != NULL);
        }
        size_t r = fread(buf + n, 1, 4096, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static const char *sw_version_of(const char *v)
{
    if (strcmp(v, "10.1") == 0)
        return "10.1.14";
    if (strcmp(v, "11.1") == 0)
        return "11.1.6";
    return "10.2.11";
}

/* Set while a comparison is expected to miss paths: compare() then does not list them. */
static int quiet;

/* Share of @p real's paths (restricted by @p only) found in @p sim; prints the missing ones. */
static void compare(const struct paths *real, const struct paths *sim, const char *only,
                    size_t *found, size_t *total, const char *label)
{
    for (size_t i = 0; i < real->n; i++) {
        if (only != NULL && strstr(real->v[i], only) == NULL)
            continue;
        (*total)++;
        if (has(sim, real->v[i]))
            (*found)++;
        else if (!quiet)
            printf("  %s: pansim lacks %s\n", label, real->v[i]);
    }
}

static void run_op(const struct fixture *fx, const char *version, const struct paths *real,
                   size_t *found, size_t *total)
{
    struct sim_state st = {.hostname = "pansim-fw1",
                           .serial = "007051000123456",
                           .model = fx->model,
                           .sw_version = sw_version_of(version),
                           .seed = 42,
                           .boot_time = (long long)time(NULL) - (2 * 86400 + 3600),
                           .ha = fx->ha};
    struct sim_reply r;
    memset(&r, 0, sizeof(r));
    sim_op_handle(&st, fx->cmd, &r);
    if (r.status != 200) { /* 501: a command pansim does not simulate has none of the paths */
        printf("  %s: HTTP %u %s", fx->file, r.status, r.body ? r.body : "");
        compare(real, &(struct paths){0}, fx->only, found, total, fx->file);
        free(r.body);
        return;
    }
    xmlDoc *doc = parse(r.body, r.len, fx->file);
    struct paths sim = {0};
    collect(&sim, xmlDocGetRootElement(doc), "");
    compare(real, &sim, fx->only, found, total, fx->file);
    clear(&sim);
    xmlFreeDoc(doc);
    free(r.body);
}

static void run_log(const struct fixture *fx, const struct paths *real, size_t *found,
                    size_t *total)
{
    struct sim_logstore_options o = {.seed = 42, .rate_per_s = 5, .t0_ms = 1795348800000LL,
                                     .span_s = 86400, .serial = "007051000123456",
                                     .device_name = "pansim-fw1"};
    int type = sim_logtype_from_name(fx->cmd);
    CHECK_TRUE(type >= 0);
    o.initial[type] = 1000;
    struct sim_logstore *s;
    CHECK_EQ(0, sim_logstore_new(&s, &o));
    static struct sim_logentry e;
    for (unsigned i = 0; i < LOG_ENTRIES; i++) {
        sim_logstore_entry(s, (enum sim_logtype)type, i, &e);
        struct sim_obuf b = {0};
        sim_logentry_xml(&e, &b);
        CHECK_EQ(0, b.failed);
        char *buf = b.p;
        size_t len = b.len;
        xmlDoc *doc = parse(buf, len, fx->file);
        struct paths sim = {0};
        collect(&sim, xmlDocGetRootElement(doc), "");
        size_t fnd = 0, tot = 0;
        compare(real, &sim, fx->only, &fnd, &tot, i == 0 ? fx->file : "(later entry)");
        if (i == 0) {
            *found = fnd;
            *total = tot;
        } else if (fnd < *found) {
            *found = fnd; /* the share is that of the poorest entry */
        }
        clear(&sim);
        xmlFreeDoc(doc);
        free(buf);
    }
    sim_logstore_free(s);
}

/* The element paths of recording @p fx: of the whole answer, or below its first log entry. */
static void recorded_paths(const struct fixture *fx, struct paths *real)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", PANSIM_FIXTURES, fx->file);
    size_t len;
    char *text = slurp(path, &len);
    xmlDoc *doc = parse(text, len, fx->file);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (fx->kind == LOG) {
        root = first_log_entry(root);
        if (root == NULL)
            fail_msg("%s has no log entry", fx->file);
    }
    collect(real, root, "");
    xmlFreeDoc(doc);
    free(text);
}

static void test_fidelity(void **state)
{
    (void)state;
    size_t all_found = 0, all_total = 0;
    int short_of = 0;
    printf("%-52s %-5s %-8s %s\n", "fixture", "ver", "model", "paths pansim has");
    for (size_t k = 0; k < sizeof(fixtures) / sizeof(fixtures[0]); k++) {
        const struct fixture *fx = &fixtures[k];
        struct paths real = {0};
        size_t found = 0, total = 0;
        recorded_paths(fx, &real);
        if (fx->kind == LOG)
            run_log(fx, &real, &found, &total);
        else
            run_op(fx, fx->version, &real, &found, &total);
        printf("%-52s %-5s %-8s %zu/%zu = %.1f%%\n", fx->file, fx->version, fx->model, found,
               total, total ? 100.0 * (double)found / (double)total : 100.0);
        all_found += found;
        all_total += total;
        if (found != total)
            short_of++;
        clear(&real);
    }
    printf("all fixtures: %zu/%zu element paths = %.1f%%\n", all_found, all_total,
           all_total ? 100.0 * (double)all_found / (double)all_total : 100.0);
    CHECK_EQ(0, short_of);
}

/*
 * Where a recording's paths stop holding in a later release: 11.x names the environmentals'
 * fan list <fans> (senses0/palo-alto-grafana-monitoring PR #2), so the PA-5060's <fan> is not in
 * an 11.1 answer. Every other op recording must hold in every release pansim plays.
 */
static const struct {
    const char *file, *release;
} not_in[] = {
    {"show-system-environmentals/8.x-PA-5060.xml", "11.1"},
};

static int expected_in(const char *file, const char *release)
{
    for (size_t i = 0; i < sizeof(not_in) / sizeof(not_in[0]); i++)
        if (strcmp(not_in[i].file, file) == 0 && strcmp(not_in[i].release, release) == 0)
            return 0;
    return 1;
}

/* Each op recording against each release pansim plays (--version 10.1, 10.2, 11.1): the
 * releases differ only where the table above says so. */
static void test_every_release(void **state)
{
    (void)state;
    static const char *const releases[] = {"10.1", "10.2", "11.1"};
    int wrong = 0;
    for (size_t k = 0; k < sizeof(fixtures) / sizeof(fixtures[0]); k++) {
        const struct fixture *fx = &fixtures[k];
        if (fx->kind != OP)
            continue;
        struct paths real = {0};
        recorded_paths(fx, &real);
        printf("%-52s", fx->file);
        for (size_t v = 0; v < sizeof(releases) / sizeof(releases[0]); v++) {
            size_t found = 0, total = 0;
            int expected = expected_in(fx->file, releases[v]);
            if (expected) {
                run_op(fx, releases[v], &real, &found, &total);
            } else { /* quietly: the missing paths are the point */
                quiet = 1;
                run_op(fx, releases[v], &real, &found, &total);
                quiet = 0;
            }
            printf(" %s %zu/%zu%s", releases[v], found, total, expected ? "" : " (differs)");
            if ((found == total) != expected)
                wrong++;
        }
        printf("\n");
        clear(&real);
    }
    CHECK_EQ(0, wrong);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fidelity),
        cmocka_unit_test(test_every_release),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
