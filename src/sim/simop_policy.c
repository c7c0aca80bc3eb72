/* SPDX-License-Identifier: MIT */
/* simop_policy.c -- test security-policy-match, evaluated on the running config's rules. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include "simdag.h"
#include "simop.h"
#include "simuserid.h"

/* The flow being tested; NULL / -1 / 0 fields were not given and match anything. */
struct flow {
    const char *from, *to, *app, *user;
    int have_src, have_dst;
    uint32_t src, dst;
    int proto;      /* -1: not given */
    unsigned dport; /* 0: not given */
    int show_all;
    const struct sim_userid *uid; /* the registered tags, for dynamic groups */
};

static xmlNode *child(xmlNode *n, const char *name)
{
    for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return n;
    return NULL;
}

/* The <entry name=@p name> under @p list, or NULL. */
static xmlNode *entry(xmlNode *list, const char *name)
{
    for (xmlNode *n = list != NULL ? list->children : NULL; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "entry") != 0)
            continue;
        xmlChar *v = xmlGetProp(n, (const xmlChar *)"name");
        int hit = v != NULL && strcmp((const char *)v, name) == 0;
        xmlFree(v);
        if (hit)
            return n;
    }
    return NULL;
}

/* The text of @p n, trimmed of nothing (config values carry no padding); caller frees. */
static char *text(xmlNode *n)
{
    return n != NULL ? (char *)xmlNodeGetContent(n) : NULL;
}

struct tagged {
    const struct sim_userid *uid;
    const char *ip;
};

static int ip_has_tag(void *payload, const char *tag)
{
    const struct tagged *t = payload;
    return sim_userid_ip_tagged(t->uid, "vsys1", t->ip, tag);
}

/* Whether @p ip is registered (in vsys1) with tags that satisfy the dynamic group's @p filter. */
static int dag_match(xmlNode *filter, uint32_t ip, const struct flow *fl)
{
    char addr[16];
    snprintf(addr, sizeof(addr), "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255,
             ip & 255);
    struct tagged t = {fl->uid, addr};
    char *v = text(filter);
    int hit = v != NULL && sim_dag_eval(v, ip_has_tag, &t, NULL, 0) == 1;
    xmlFree(v);
    return hit;
}

/* Whether @p ip is in the address member @p m: any, a literal, an address, a static group or a
 * dynamic group (its registered addresses). */
static int addr_match(xmlNode *vsys, const char *m, uint32_t ip, int depth, const struct flow *fl)
{
    if (strcmp(m, "any") == 0)
        return 1;
    xmlNode *a = entry(child(vsys, "address"), m);
    if (a != NULL) {
        static const char *const kinds[] = {"ip-netmask", "ip-range"};
        for (size_t k = 0; k < 2; k++) {
            char *v = text(child(a, kinds[k]));
            int hit = v != NULL && sim_world_ip_in(ip, v);
            xmlFree(v);
            if (hit)
                return 1;
        }
        return 0;
    }
    xmlNode *dyn = child(child(entry(child(vsys, "address-group"), m), "dynamic"), "filter");
    if (dyn != NULL)
        return dag_match(dyn, ip, fl);
    xmlNode *g = child(entry(child(vsys, "address-group"), m), "static");
    if (g != NULL && depth < 8) {
        for (xmlNode *n = g->children; n != NULL; n = n->next) {
            char *v = n->type == XML_ELEMENT_NODE ? text(n) : NULL;
            int hit = v != NULL && addr_match(vsys, v, ip, depth + 1, fl);
            xmlFree(v);
            if (hit)
                return 1;
        }
        return 0;
    }
    return sim_world_ip_in(ip, m);
}

/* Whether the port list "80,8080,1000-2000" holds @p port. */
static int port_in(const char *list, unsigned port)
{
    for (const char *p = list; *p != '\0';) {
        char *end;
        unsigned long lo = strtoul(p, &end, 10), hi = lo;
        if (*end == '-')
            hi = strtoul(end + 1, &end, 10);
        if (port >= lo && port <= hi)
            return 1;
        p = *end == ',' ? end + 1 : end + strlen(end);
    }
    return 0;
}

/* Whether application @p name on its default port admits the flow ("any" and applications
 * pansim does not know do). */
static int app_default_ok(const char *name, const struct flow *fl)
{
    for (size_t i = 0; i < sim_world_napps; i++) {
        const struct sim_world_app *a = &sim_world_apps[i];
        if (strcmp(a->name, name) == 0)
            return (fl->proto < 0 || a->protonum == fl->proto) &&
                   (fl->dport == 0 || a->port == fl->dport);
    }
    return 1;
}

/* Whether service member @p m admits the flow's protocol and port. */
static int service_match(xmlNode *vsys, xmlNode *rule, const char *m, const struct flow *fl)
{
    if (strcmp(m, "any") == 0 || (fl->proto < 0 && fl->dport == 0))
        return 1;
    if (strcmp(m, "application-default") == 0) {
        /* The tested application (or each of the rule's) on its own default port. */
        if (fl->app != NULL)
            return app_default_ok(fl->app, fl);
        xmlNode *apps = child(rule, "application");
        for (xmlNode *n = apps != NULL ? apps->children : NULL; n != NULL; n = n->next) {
            char *v = n->type == XML_ELEMENT_NODE ? text(n) : NULL;
            int hit = v != NULL && app_default_ok(v, fl);
            xmlFree(v);
            if (hit)
                return 1;
        }
        return 0;
    }
    static const struct {
        const char *name, *proto, *ports;
    } predefined[] = {{"service-http", "tcp", "80,8080"}, {"service-https", "tcp", "443"}};
    for (size_t i = 0; i < 2; i++)
        if (strcmp(m, predefined[i].name) == 0)
            return (fl->proto < 0 || fl->proto == 6) &&
                   (fl->dport == 0 || port_in(predefined[i].ports, fl->dport));
    xmlNode *s = child(entry(child(vsys, "service"), m), "protocol");
    for (int k = 0; s != NULL && k < 2; k++) {
        xmlNode *p = child(s, k == 0 ? "tcp" : "udp");
        char *ports = text(child(p, "port"));
        int hit = p != NULL && (fl->proto < 0 || fl->proto == (k == 0 ? 6 : 17)) &&
                  (fl->dport == 0 || (ports != NULL && port_in(ports, fl->dport)));
        xmlFree(ports);
        if (hit)
            return 1;
    }
    return 0;
}

enum field { F_ZONE, F_ADDR, F_WORD, F_SERVICE };

/* Whether any member of the rule's <@p el> list admits the flow's value. */
static int members_match(xmlNode *vsys, xmlNode *rule, const char *el, enum field kind,
                         const char *word, int have_ip, uint32_t ip, const struct flow *fl)
{
    xmlNode *list = child(rule, el);
    if (list == NULL)
        return 0;
    if ((kind == F_ZONE || kind == F_WORD) && word == NULL)
        return 1;
    if (kind == F_ADDR && !have_ip)
        return 1;
    for (xmlNode *n = list->children; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        char *v = text(n);
        int hit = 0;
        if (v != NULL) {
            if (kind == F_ADDR)
                hit = addr_match(vsys, v, ip, 0, fl);
            else if (kind == F_SERVICE)
                hit = service_match(vsys, rule, v, fl);
            else
                hit = strcmp(v, "any") == 0 || strcmp(v, word) == 0;
        }
        xmlFree(v);
        if (hit)
            return 1;
    }
    return 0;
}

static int yes(xmlNode *rule, const char *el)
{
    char *v = text(child(rule, el));
    int r = v != NULL && strcmp(v, "yes") == 0;
    xmlFree(v);
    return r;
}

static int rule_matches(xmlNode *vsys, xmlNode *r, const struct flow *fl)
{
    if (yes(r, "disabled"))
        return 0;
    int src = members_match(vsys, r, "source", F_ADDR, NULL, fl->have_src, fl->src, fl);
    int dst = members_match(vsys, r, "destination", F_ADDR, NULL, fl->have_dst, fl->dst, fl);
    if (fl->have_src && yes(r, "negate-source"))
        src = !src;
    if (fl->have_dst && yes(r, "negate-destination"))
        dst = !dst;
    return src && dst && members_match(vsys, r, "from", F_ZONE, fl->from, 0, 0, fl) &&
           members_match(vsys, r, "to", F_ZONE, fl->to, 0, 0, fl) &&
           members_match(vsys, r, "application", F_WORD, fl->app, 0, 0, fl) &&
           members_match(vsys, r, "source-user", F_WORD, fl->user, 0, 0, fl) &&
           members_match(vsys, r, "service", F_SERVICE, NULL, 0, 0, fl);
}

/* A member list as the CLI prints it: "trust", or "[ a b ]" for several. */
static void put_list(FILE *f, const char *el, xmlNode *rule, const char *src_el)
{
    xmlNode *list = child(rule, src_el);
    int n = 0;
    for (xmlNode *m = list != NULL ? list->children : NULL; m != NULL; m = m->next)
        n += m->type == XML_ELEMENT_NODE;
    fprintf(f, "<%s>%s", el, n > 1 ? "[ " : "");
    int i = 0;
    for (xmlNode *m = list != NULL ? list->children : NULL; m != NULL; m = m->next) {
        if (m->type != XML_ELEMENT_NODE)
            continue;
        char *v = text(m);
        fputs(i++ ? " " : "", f);
        sim_xml_escape(f, v, 1);
        xmlFree(v);
    }
    fprintf(f, "%s</%s>", n > 1 ? " ]" : n == 0 ? "any" : "", el);
}

/* Read the keyword arguments; 0, or an error already answered. */
static enum sim_opstatus parse_flow(struct sim_op *op, struct flow *fl, char **vals, size_t nvals)
{
    size_t k = 0;
    for (xmlNode *c = op->el->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        char *v = text(c);
        if (v == NULL || v[0] == '\0' || k == nvals) {
            xmlFree(v);
            return sim_op_err_invalid(op, name, 0);
        }
        vals[k++] = v;
        char *end = NULL;
        if (strcmp(name, "from") == 0) {
            fl->from = v;
        } else if (strcmp(name, "to") == 0) {
            fl->to = v;
        } else if (strcmp(name, "application") == 0) {
            fl->app = v;
        } else if (strcmp(name, "source-user") == 0) {
            fl->user = v;
        } else if (strcmp(name, "category") == 0) {
            /* URL categories are not in pansim's rules: every rule has category any. */
        } else if (strcmp(name, "source") == 0 || strcmp(name, "destination") == 0) {
            int is_src = name[0] == 's';
            if (sim_world_ip_parse(v, is_src ? &fl->src : &fl->dst) != 0)
                return sim_op_err_invalid_arg(op, name, v);
            *(is_src ? &fl->have_src : &fl->have_dst) = 1;
        } else if (strcmp(name, "protocol") == 0) {
            unsigned long p = strtoul(v, &end, 10);
            if (*end != '\0' || p > 255)
                return sim_op_err_invalid_arg(op, name, v);
            fl->proto = (int)p;
        } else if (strcmp(name, "destination-port") == 0) {
            unsigned long p = strtoul(v, &end, 10);
            if (*end != '\0' || p == 0 || p > 65535)
                return sim_op_err_invalid_arg(op, name, v);
            fl->dport = (unsigned)p;
        } else if (strcmp(name, "show-all") == 0) {
            if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
                return sim_op_err_invalid_arg(op, name, v);
            fl->show_all = strcmp(v, "yes") == 0;
        } else {
            return sim_op_err_invalid(op, name, 0);
        }
    }
    return SIM_OP_OK;
}

/*
 * test security-policy-match from Z to Z source IP destination IP protocol N destination-port P
 * application A [source-user U] [show-all yes]: the first rule of vsys1's running rulebase that
 * the flow matches (every one with show-all), as <rules><entry name="RULE"><index>N</index>
 * <from>...</from><source>...</source>... in the PAN-OS 8.0.10+ form quoted in a public
 * automation library's parser ("<result><rules><entry name=\"5\"><index>27</index><from>any
 * </from><source>any</source>"); the fields after source follow the CLI's text answer (to,
 * destination, user, category, action). An argument left out matches anything. No match
 * (traffic the interzone default denies) is an empty <rules/>.
 */
static enum sim_opstatus op_security_policy_match(struct sim_op *op)
{
    if (op->st->config == NULL)
        return sim_op_not_simulated(op); /* no tree (a unit test) */
    struct flow fl = {.proto = -1, .uid = op->st->userid};
    char *vals[16] = {NULL};
    enum sim_opstatus rc = parse_flow(op, &fl, vals, sizeof(vals) / sizeof(vals[0]));
    if (rc == SIM_OP_OK) {
        xmlDoc *doc = sim_config_doc(op->st->config, 1);
        xmlNode *vsys = entry(child(entry(child(xmlDocGetRootElement(doc), "devices"),
                                          "localhost.localdomain"),
                                    "vsys"),
                              "vsys1");
        xmlNode *rules = child(child(child(vsys, "rulebase"), "security"), "rules");
        int index = 0, shown = 0;
        for (xmlNode *r = rules != NULL ? rules->children : NULL; r != NULL; r = r->next) {
            if (r->type != XML_ELEMENT_NODE)
                continue;
            index++;
            if (!rule_matches(vsys, r, &fl) || (shown && !fl.show_all))
                continue;
            xmlChar *name = xmlGetProp(r, (const xmlChar *)"name");
            fputs(shown++ ? "<entry name=\"" : "<rules><entry name=\"", op->f);
            sim_xml_escape(op->f, (const char *)name, 1);
            xmlFree(name);
            fprintf(op->f, "\"><index>%d</index>", index);
            put_list(op->f, "from", r, "from");
            put_list(op->f, "source", r, "source");
            put_list(op->f, "to", r, "to");
            put_list(op->f, "destination", r, "destination");
            put_list(op->f, "user", r, "source-user");
            put_list(op->f, "category", r, "category");
            char *action = text(child(r, "action"));
            sim_op_put_el(op->f, "action", action != NULL ? action : "allow");
            xmlFree(action);
            fputs("</entry>", op->f);
        }
        fputs(shown ? "</rules>" : "<rules/>", op->f);
    }
    for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
        xmlFree(vals[i]);
    return rc;
}

const struct sim_opcmd sim_op_policy_cmds[] = {
    {"test security-policy-match", SIM_OPARG_KEYWORDS, op_security_policy_match},
    {NULL, SIM_OPARG_NONE, NULL},
};
