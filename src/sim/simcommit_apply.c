/* SPDX-License-Identifier: MIT */
/*
 * simcommit_apply.c -- what a commit makes of the candidate: the new running tree of a full or
 * partial commit (parts excluded, vsys, admin scope), and the validation a commit runs.
 *
 * A partial commit copies only what its scope covers (PAN-OS XML API guide, "Commit" (PAN-OS
 * 10.1); pan-python 0.26.0 panxapi.py --partial). pansim works by subtrees: the new running tree
 * is the candidate with each excluded subtree put back as it runs; an admin scope copies, from
 * the candidate into running, the xpaths those admins wrote since their last commit
 * (docs/internals/pansim-commit.md says where that is coarser than PAN-OS).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include "simcommit.h"
#include "simdag.h"

#define DEV "/config/devices/entry"
#define VSYS DEV "/vsys/entry"

/* The subtrees of each part a partial commit can exclude. */
static const char *const dn_paths[] = {DEV "/network", DEV "/deviceconfig", NULL};
static const char *const po_paths[] = {
    VSYS "/rulebase",      VSYS "/address",       VSYS "/address-group",     VSYS "/service",
    VSYS "/service-group", VSYS "/application",   VSYS "/application-group", VSYS "/tag",
    VSYS "/profiles",      VSYS "/profile-group", VSYS "/external-list",     NULL};
static const char *const shared_paths[] = {"/config/shared", NULL};

int sim_commit_push(char ***v, size_t *n, const char *s)
{
    char *copy = strdup(s);
    char **grown = copy != NULL ? realloc(*v, (*n + 1) * sizeof(**v)) : NULL;
    if (grown == NULL) {
        free(copy);
        return -1;
    }
    grown[(*n)++] = copy;
    *v = grown;
    return 0;
}

static int same_el(xmlNodePtr a, xmlNodePtr b)
{
    if (a->type != XML_ELEMENT_NODE || b->type != XML_ELEMENT_NODE ||
        xmlStrcmp(a->name, b->name) != 0)
        return 0;
    xmlChar *na = xmlGetProp(a, BAD_CAST "name"), *nb = xmlGetProp(b, BAD_CAST "name");
    int same = (na == NULL && nb == NULL) || (na && nb && xmlStrcmp(na, nb) == 0);
    xmlFree(na);
    xmlFree(nb);
    return same;
}

/* The node of @p doc at the same place as @p n (same element names and name attributes from
 * the root down), or NULL. */
static xmlNodePtr peer(xmlDocPtr doc, xmlNodePtr n)
{
    if (n == NULL || n->type != XML_ELEMENT_NODE)
        return NULL;
    if (n->parent == NULL || n->parent->type == XML_DOCUMENT_NODE) {
        xmlNodePtr root = xmlDocGetRootElement(doc);
        return root != NULL && same_el(root, n) ? root : NULL;
    }
    xmlNodePtr p = peer(doc, n->parent);
    for (xmlNodePtr c = p != NULL ? p->children : NULL; c != NULL; c = c->next)
        if (same_el(c, n))
            return c;
    return NULL;
}

static xmlXPathObjectPtr eval(xmlDocPtr doc, const char *xpath)
{
    xmlXPathContextPtr ctx = sim_config_xpath_ctx(doc);
    xmlXPathObjectPtr r = ctx != NULL ? xmlXPathEvalExpression(BAD_CAST xpath, ctx) : NULL;
    xmlXPathFreeContext(ctx);
    if (r != NULL && (r->type != XPATH_NODESET || r->nodesetval == NULL)) {
        xmlXPathFreeObject(r);
        return NULL;
    }
    return r;
}

/* Put a copy of @p s (a node of another tree) into @p dst where it belongs: over its peer, or
 * under the nearest ancestor that has one (the missing levels come along). */
static int put_copy(xmlDocPtr dst, xmlNodePtr s)
{
    xmlNodePtr top = s, at = NULL;
    while (top->parent != NULL && top->parent->type == XML_ELEMENT_NODE &&
           (at = peer(dst, top->parent)) == NULL)
        top = top->parent;
    xmlNodePtr old = peer(dst, top);
    xmlNodePtr copy = xmlDocCopyNode(top, dst, 1);
    if (copy == NULL)
        return -1;
    if (old != NULL) {
        xmlReplaceNode(old, copy);
        xmlFreeNode(old);
    } else if (at == NULL || xmlAddChild(at, copy) == NULL) {
        xmlFreeNode(copy);
        return at == NULL ? 0 : -1; /* no common root: nothing to put it under */
    }
    return 0;
}

/* Make what @p xpath selects in @p dst what it selects in @p src: nodes only in @p dst go, the
 * others are replaced by or added as copies of @p src's. */
static int sync_xpath(xmlDocPtr dst, xmlDocPtr src, const char *xpath)
{
    xmlXPathObjectPtr d = eval(dst, xpath), s = eval(src, xpath);
    int rc = 0;
    if (d != NULL) {
        int n = d->nodesetval->nodeNr;
        xmlNodePtr *gone = calloc((size_t)n + 1, sizeof(*gone));
        int ngone = 0;
        for (int i = 0; gone != NULL && i < n; i++) {
            xmlNodePtr x = d->nodesetval->nodeTab[i];
            if (x->type == XML_ELEMENT_NODE && peer(src, x) == NULL)
                gone[ngone++] = x;
        }
        for (int i = 0; i < ngone; i++)
            xmlUnlinkNode(gone[i]);
        for (int i = 0; i < ngone; i++)
            xmlFreeNode(gone[i]);
        rc = gone == NULL ? -1 : 0;
        free(gone);
    }
    for (int i = 0; s != NULL && rc == 0 && i < s->nodesetval->nodeNr; i++)
        if (s->nodesetval->nodeTab[i]->type == XML_ELEMENT_NODE)
            rc = put_copy(dst, s->nodesetval->nodeTab[i]);
    xmlXPathFreeObject(d);
    xmlXPathFreeObject(s);
    return rc;
}

static int sync_all(xmlDocPtr dst, xmlDocPtr src, const char *const *paths)
{
    for (; *paths != NULL; paths++)
        if (sync_xpath(dst, src, *paths) != 0)
            return -1;
    return 0;
}

static int listed(char **v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

/* Put back, from @p running, every vsys the scope leaves out. */
static int keep_vsys(xmlDocPtr dst, xmlDocPtr running, const struct sim_commit_scope *sc)
{
    xmlDocPtr docs[2] = {dst, running};
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++) {
        xmlXPathObjectPtr r = eval(docs[k], VSYS);
        for (int i = 0; r != NULL && rc == 0 && i < r->nodesetval->nodeNr; i++) {
            xmlChar *name = xmlGetProp(r->nodesetval->nodeTab[i], BAD_CAST "name");
            char xp[300];
            if (name != NULL && (sc->no_vsys || !listed(sc->vsys, sc->nvsys, (char *)name)) &&
                strchr((char *)name, '\'') == NULL) {
                snprintf(xp, sizeof(xp), VSYS "[@name='%s']", (char *)name);
                rc = sync_xpath(dst, running, xp);
            }
            xmlFree(name);
        }
        xmlXPathFreeObject(r);
    }
    return rc;
}

xmlDocPtr sim_commit_result(xmlDocPtr running, xmlDocPtr candidate,
                            const struct sim_commit_scope *sc, const struct sim_change *ch,
                            size_t nch)
{
    int admin = sc->partial && sc->nadmins > 0;
    xmlDocPtr out = xmlCopyDoc(admin ? running : candidate, 1);
    int rc = out == NULL ? -1 : 0;
    for (size_t i = 0; admin && rc == 0 && i < nch; i++)
        if (listed(sc->admins, sc->nadmins, ch[i].admin))
            rc = sync_xpath(out, candidate, ch[i].xpath);
    if (rc == 0 && sc->partial && sc->no_dn)
        rc = sync_all(out, running, dn_paths);
    if (rc == 0 && sc->partial && sc->no_po)
        rc = sync_all(out, running, po_paths);
    if (rc == 0 && sc->partial && sc->no_shared)
        rc = sync_all(out, running, shared_paths);
    if (rc == 0 && sc->partial && (sc->no_vsys || sc->nvsys > 0))
        rc = keep_vsys(out, running, sc);
    if (rc != 0) {
        xmlFreeDoc(out);
        return NULL;
    }
    return out;
}

static int dump(xmlDocPtr doc, xmlChar **buf, int *len)
{
    xmlDocDumpMemory(doc, buf, len);
    return *buf != NULL ? 0 : -1;
}

size_t sim_commit_bytes(xmlDocPtr doc)
{
    xmlChar *x = NULL;
    int n = 0;
    size_t bytes = dump(doc, &x, &n) == 0 && n > 0 ? (size_t)n : 0;
    xmlFree(x);
    return bytes;
}

int sim_commit_same(xmlDocPtr a, xmlDocPtr b, size_t *bytes_out)
{
    xmlChar *x = NULL, *y = NULL;
    int nx = 0, ny = 0;
    int same =
        dump(a, &x, &nx) == 0 && dump(b, &y, &ny) == 0 && nx == ny && memcmp(x, y, (size_t)nx) == 0;
    *bytes_out = (size_t)(nx > 0 ? nx : 0);
    xmlFree(x);
    xmlFree(y);
    return same;
}

/* Whether @p v is an address literal: IP, IP/len or IP-IP (IPv4 or IPv6). */
static int literal(const char *v)
{
    char buf[100], bin[16];
    if (strlen(v) >= sizeof(buf))
        return 0;
    snprintf(buf, sizeof(buf), "%s", v);
    char *cut = strpbrk(buf, "/-");
    char *rest = cut != NULL ? cut + 1 : NULL;
    if (cut != NULL)
        *cut = '\0';
    int af = strchr(buf, ':') != NULL ? AF_INET6 : AF_INET;
    if (inet_pton(af, buf, bin) != 1)
        return 0;
    if (rest == NULL)
        return 1;
    if (v[cut - buf] == '-')
        return inet_pton(af, rest, bin) == 1;
    char *end;
    long bits = strtol(rest, &end, 10);
    return *rest != '\0' && *end == '\0' && bits >= 0 && bits <= (af == AF_INET ? 32 : 128);
}

xmlNodePtr sim_commit_kid(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST name) == 0)
            return c;
    return NULL;
}

/* Whether @p scope (a vsys entry or <shared>) has an address or address group @p name. */
static int has_address(xmlNodePtr scope, const char *name)
{
    static const char *const kinds[] = {"address", "address-group"};
    for (int k = 0; k < 2; k++)
        for (xmlNodePtr e = sim_commit_kid(sim_commit_kid(scope, kinds[k]), "entry"); e != NULL;
             e = e->next) {
            xmlChar *n = xmlGetProp(e, BAD_CAST "name");
            int hit = n != NULL && xmlStrcmp(n, BAD_CAST name) == 0;
            xmlFree(n);
            if (hit)
                return 1;
        }
    return 0;
}

/* The details lines of one bad member, in the words PAN-OS uses for a reference that does not
 * resolve (pan-os-python issue #110, pan-os-ansible issue #491: "'X' is not a valid reference",
 * then "... is invalid"). */
static int bad_member(char ***lines, size_t *n, const char *vsys, const char *rule,
                      const char *field, const char *value)
{
    char line[800];
    snprintf(line, sizeof(line),
             " %s -> rulebase -> security -> rules -> %s -> %s '%s' is not a "
             "valid reference",
             vsys, rule, field, value);
    if (sim_commit_push(lines, n, line) != 0)
        return -1;
    snprintf(line, sizeof(line), " %s -> rulebase -> security -> rules -> %s -> %s is invalid",
             vsys, rule, field);
    return sim_commit_push(lines, n, line);
}

/* Check one rule's source and destination members; the number of bad ones, or -1. */
static int check_rule(xmlNodePtr shared, xmlNodePtr vsys, const char *vname, xmlNodePtr rule,
                      char ***lines, size_t *n)
{
    static const char *const fields[] = {"source", "destination"};
    xmlChar *rname = xmlGetProp(rule, BAD_CAST "name");
    int bad = 0;
    for (int f = 0; f < 2 && bad >= 0; f++)
        for (xmlNodePtr m = sim_commit_kid(sim_commit_kid(rule, fields[f]), "member");
             m != NULL && bad >= 0; m = m->next) {
            xmlChar *v = xmlNodeGetContent(m);
            const char *val = v != NULL ? (const char *)v : "";
            if (m->type == XML_ELEMENT_NODE && strcmp(val, "any") != 0 && !literal(val) &&
                !has_address(vsys, val) && !has_address(shared, val)) {
                bad = bad_member(lines, n, vname, rname ? (char *)rname : "", fields[f], val)
                          ? -1
                          : bad + 1;
            }
            xmlFree(v);
        }
    xmlFree(rname);
    return bad;
}

/*
 * One details line per dynamic address group of @p scope whose tag filter does not parse. The
 * words follow PAN-OS's "X -> Y ... is invalid" schema errors; PAN-OS's own line for a bad filter
 * is not in a public source. Returns how many, or -1 when out of memory.
 */
static int check_dags(xmlNodePtr scope, const char *scope_name, char ***lines, size_t *n)
{
    int bad = 0;
    for (xmlNodePtr e = sim_commit_kid(sim_commit_kid(scope, "address-group"), "entry");
         e != NULL && bad >= 0; e = e->next) {
        xmlNodePtr fl = sim_commit_kid(sim_commit_kid(e, "dynamic"), "filter");
        xmlChar *v = fl != NULL ? xmlNodeGetContent(fl) : NULL;
        xmlChar *name = xmlGetProp(e, BAD_CAST "name");
        char why[160], line[1024];
        if (v != NULL && sim_dag_eval((const char *)v, NULL, NULL, why, sizeof(why)) < 0) {
            snprintf(line, sizeof(line),
                     " %s -> address-group -> %s -> dynamic -> filter '%.400s' is invalid (%s)",
                     scope_name, name ? (char *)name : "", (char *)v, why);
            bad = sim_commit_push(lines, n, line) != 0 ? -1 : bad + 1;
        }
        xmlFree(name);
        xmlFree(v);
    }
    return bad;
}

int sim_commit_validate(xmlDocPtr doc, char ***lines, size_t *nlines)
{
    xmlNodePtr config = xmlDocGetRootElement(doc);
    xmlNodePtr shared = sim_commit_kid(config, "shared");
    int bad = 0;
    for (xmlNodePtr dev = sim_commit_kid(sim_commit_kid(config, "devices"), "entry"); dev != NULL;
         dev = dev->next)
        for (xmlNodePtr v = sim_commit_kid(sim_commit_kid(dev, "vsys"), "entry"); v != NULL;
             v = v->next) {
            xmlChar *vname = xmlGetProp(v, BAD_CAST "name");
            xmlNodePtr rules =
                sim_commit_kid(sim_commit_kid(sim_commit_kid(v, "rulebase"), "security"), "rules");
            for (xmlNodePtr r = sim_commit_kid(rules, "entry"); r != NULL && bad >= 0;
                 r = r->next) {
                int b = r->type == XML_ELEMENT_NODE
                            ? check_rule(shared, v, vname ? (char *)vname : "", r, lines, nlines)
                            : 0;
                bad = b < 0 ? -1 : bad + b;
            }
            int b = bad >= 0 ? check_dags(v, vname ? (char *)vname : "", lines, nlines) : 0;
            bad = b < 0 ? -1 : bad + b;
            xmlFree(vname);
            if (bad < 0)
                return -1;
        }
    int b = check_dags(shared, "shared", lines, nlines);
    return b < 0 ? -1 : bad + b;
}
