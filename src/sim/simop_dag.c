/* SPDX-License-Identifier: MIT */
/* simop_dag.c -- show object dynamic-address-group all | name NAME: the dynamic address groups
 * of the running configuration with their members, computed from the registered IP tags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include "simdag.h"
#include "simuserid.h"

static xmlNodePtr kid(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST name) == 0)
            return c;
    return NULL;
}

/* The next element sibling named like @p n. */
static xmlNodePtr next_same(xmlNodePtr n)
{
    for (xmlNodePtr c = n->next; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, n->name) == 0)
            return c;
    return NULL;
}

/* <el>text</el> with the quotes of a filter left as they are (PAN-OS writes them so). */
static void put_text(FILE *f, const char *el, const char *text)
{
    fprintf(f, "<%s>", el);
    sim_xml_escape(f, text, 0);
    fprintf(f, "</%s>", el);
}

/* One group being listed: its filter, and where it looks for members. */
struct dag {
    const struct sim_userid *uid;
    const char *filter;
    const char *vsys;     /* the vsys of the address being tested */
    const char *ip;       /* a registered address, or NULL for an address object */
    xmlNodePtr addr_tags; /* the <tag> of the address object being tested */
};

static int has_tag(void *payload, const char *tag)
{
    const struct dag *g = payload;
    if (g->ip != NULL)
        return sim_userid_ip_tagged(g->uid, g->vsys, g->ip, tag);
    for (xmlNodePtr m = kid(g->addr_tags, "member"); m != NULL; m = next_same(m)) {
        xmlChar *t = xmlNodeGetContent(m);
        int hit = t != NULL && strcmp((const char *)t, tag) == 0;
        xmlFree(t);
        if (hit)
            return 1;
    }
    return 0;
}

static int ip_matches(void *payload, const char *vsys, const char *ip)
{
    struct dag *g = payload;
    g->vsys = vsys;
    g->ip = ip;
    return sim_dag_eval(g->filter, has_tag, g, NULL, 0) == 1;
}

/* The address objects of @p scope whose tags satisfy the filter, as type address-object. */
static void put_objects(FILE *f, struct dag *g, xmlNodePtr scope)
{
    g->ip = NULL;
    for (xmlNodePtr a = kid(kid(scope, "address"), "entry"); a != NULL; a = next_same(a)) {
        g->addr_tags = kid(a, "tag");
        xmlChar *name = xmlGetProp(a, BAD_CAST "name");
        if (name != NULL && g->addr_tags != NULL &&
            sim_dag_eval(g->filter, has_tag, g, NULL, 0) == 1) {
            fputs("<entry name=\"", f);
            sim_xml_escape(f, (const char *)name, 1);
            fputs("\" type=\"address-object\"/>", f);
        }
        xmlFree(name);
    }
}

/*
 * One <entry> of <dyn-addr-grp>, in the shape of the firewall's answer that PowerPAN
 * (jurbanek/powerpan, Public/Object/Get-PanDynamicAddressGroup.ps1) quotes and parses: <vsys>
 * (absent for a shared group), <group-name>, <filter>, and <member-list> with one
 * <entry name="..." type="address-object|registered-ip"/> per member (<member-list/> when none).
 * A vsys group takes the vsys's and shared's tagged address objects and the addresses registered
 * in that vsys; a shared group takes shared's objects and the addresses of every vsys.
 */
static void put_group(const struct sim_op *op, xmlNodePtr shared, xmlNodePtr vsys, xmlNodePtr e)
{
    xmlChar *name = xmlGetProp(e, BAD_CAST "name");
    xmlChar *filter = xmlNodeGetContent(kid(kid(e, "dynamic"), "filter"));
    xmlChar *vname = vsys != NULL ? xmlGetProp(vsys, BAD_CAST "name") : NULL;
    FILE *f = op->f;
    fputs("<entry>", f);
    if (vname != NULL)
        put_text(f, "vsys", (const char *)vname);
    put_text(f, "group-name", name ? (const char *)name : "");
    put_text(f, "filter", filter ? (const char *)filter : "");
    /* The members go to a buffer first: none is written <member-list/>. */
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    struct dag g = {.uid = op->st->userid, .filter = filter ? (const char *)filter : ""};
    if (m != NULL && sim_dag_eval(g.filter, NULL, NULL, NULL, 0) >= 0) {
        if (vsys != NULL)
            put_objects(m, &g, vsys);
        put_objects(m, &g, shared);
        sim_userid_put_members(g.uid, (const char *)vname, ip_matches, &g, m);
    }
    if (m != NULL && fclose(m) == 0 && len > 0)
        fprintf(f, "<member-list>%s</member-list>", buf);
    else
        fputs("<member-list/>", f);
    free(buf);
    fputs("</entry>\n", f);
    xmlFree(name);
    xmlFree(filter);
    xmlFree(vname);
}

/* Whether @p e is a dynamic group named @p name (any name when NULL). */
static int wanted(xmlNodePtr e, const char *name)
{
    if (kid(kid(e, "dynamic"), "filter") == NULL)
        return 0;
    xmlChar *n = name != NULL ? xmlGetProp(e, BAD_CAST "name") : NULL;
    int hit = name == NULL || (n != NULL && strcmp((const char *)n, name) == 0);
    xmlFree(n);
    return hit;
}

/* The groups of @p scope (a vsys entry, or <shared> with @p vsys NULL), counted in @p n: the
 * first one opens <dyn-addr-grp>. */
static void put_scope(const struct sim_op *op, xmlNodePtr shared, xmlNodePtr vsys, const char *name,
                      unsigned *n)
{
    xmlNodePtr scope = vsys != NULL ? vsys : shared;
    for (xmlNodePtr e = kid(kid(scope, "address-group"), "entry"); e != NULL; e = next_same(e))
        if (wanted(e, name)) {
            if ((*n)++ == 0)
                fputs("<dyn-addr-grp>", op->f);
            put_group(op, shared, vsys, e);
        }
}

/*
 * The vsys groups in configuration order, then the shared ones. No group at all (or none of
 * that name) is an empty <result/>: the answer PAN-OS gives then is not in a public source, and
 * the clients that read this command test for an empty result (panctl says "not found").
 */
static enum sim_opstatus list(struct sim_op *op, const char *name)
{
    if (op->st->config == NULL)
        return sim_op_not_simulated(op);
    xmlDocPtr doc = sim_config_doc(op->st->config, 1);
    xmlNodePtr config = xmlDocGetRootElement(doc);
    xmlNodePtr shared = kid(config, "shared");
    unsigned n = 0;
    for (xmlNodePtr d = kid(kid(config, "devices"), "entry"); d != NULL; d = next_same(d))
        for (xmlNodePtr v = kid(kid(d, "vsys"), "entry"); v != NULL; v = next_same(v))
            put_scope(op, shared, v, name, &n);
    put_scope(op, shared, NULL, name, &n);
    if (n > 0)
        fputs("</dyn-addr-grp>", op->f);
    return SIM_OP_OK;
}

enum sim_opstatus sim_op_dag_all(struct sim_op *op)
{
    return list(op, NULL);
}

enum sim_opstatus sim_op_dag_name(struct sim_op *op)
{
    return list(op, op->arg);
}
