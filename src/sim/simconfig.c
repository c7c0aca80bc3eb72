/* SPDX-License-Identifier: MIT */
/* simconfig.c -- pansim's configuration tree (candidate and running) and its type=config reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include "simstate.h"
#include "simworld.h"

struct sim_config {
    xmlDocPtr candidate; /* action=get reads this one */
    xmlDocPtr running;   /* action=show reads this one */
    struct sim_locks locks;
};

/*
 * The initial device config: one firewall (localhost.localdomain), vsys1, written from the world
 * description (simworld.h) so that show interface, ARP, DHCP, routes, sessions and logs agree
 * with it. The hostname and the <config> attributes come from the state and are added after
 * parsing, so that libxml2 escapes them. No whitespace between elements: PAN-OS answers config
 * reads on one line. Element names follow the PAN-OS configuration schema as the XML API
 * documentation's config examples write it (10.x).
 */
static void put_members(FILE *f, const char *el, const char *list)
{
    fprintf(f, "<%s>", el);
    for (const char *p = list; *p != '\0';) {
        size_t n = strcspn(p, " ");
        fputs("<member>", f);
        fwrite(p, 1, n, f);
        fputs("</member>", f);
        p += n;
        p += strspn(p, " ");
    }
    fprintf(f, "</%s>", el);
}

static char *initial_config(long long boot)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    fputs("<config>"
          "<mgt-config><users><entry name=\"admin\"><permissions><role-based><superuser>yes"
          "</superuser></role-based></permissions></entry></users></mgt-config>"
          "<shared><application/><application-group/><service/><service-group/>",
          f);
    sim_config_put_dags(f, 1);
    sim_config_put_certs(f, boot);
    fputs("</shared><devices><entry name=\"localhost.localdomain\"><network><interface><ethernet>",
          f);
    for (size_t i = 0; i < sim_world_nifaces; i++) {
        const struct sim_world_iface *x = &sim_world_ifaces[i];
        fprintf(f, "<entry name=\"%s\">", x->name);
        if (x->addr != NULL)
            fprintf(f, "<layer3><ip><entry name=\"%s\"/></ip></layer3>", x->addr);
        else
            fputs("<layer3/>", f);
        fputs("</entry>", f);
    }
    fputs("</ethernet>", f);
    sim_config_put_tunnel_ifaces(f);
    fputs("</interface><virtual-router><entry name=\"" SIM_WORLD_VR "\"><interface>", f);
    for (size_t i = 0; i < sim_world_nifaces; i++)
        if (sim_world_ifaces[i].addr != NULL)
            fprintf(f, "<member>%s</member>", sim_world_ifaces[i].name);
    fputs("</interface><routing-table><ip><static-route><entry name=\"default-route\"><nexthop>"
          "<ip-address>" SIM_WORLD_NEXTHOP "</ip-address></nexthop><interface>" SIM_WORLD_WAN_IF
          "</interface><destination>0.0.0.0/0</destination></entry></static-route></ip>"
          "</routing-table>",
          f);
    sim_config_put_bgp(f);
    fputs("</entry></virtual-router>", f);
    /* The LAN's DHCP server: the pool is the dhcp-pool object, leases last a day. */
    for (size_t i = 0; i < sim_world_naddrs; i++)
        if (strcmp(sim_world_addrs[i].name, "dhcp-pool") == 0)
            fprintf(f,
                    "<dhcp><interface><entry name=\"" SIM_WORLD_LAN_IF "\"><server><option>"
                    "<lease><timeout>%d</timeout></lease></option><ip-pool><member>%s</member>"
                    "</ip-pool></server></entry></interface></dhcp>",
                    SIM_WORLD_DHCP_LEASE_S / 60, sim_world_addrs[i].value);
    sim_config_put_ipsec(f);
    fputs("</network><deviceconfig><system>"
          "<ip-address>" SIM_WORLD_MGMT_IP "</ip-address><netmask>" SIM_WORLD_MGMT_MASK
          "</netmask><default-gateway>" SIM_WORLD_MGMT_GW "</default-gateway>"
          "<dns-setting><servers><primary>198.51.100.53</primary></servers></dns-setting>"
          "<ntp-servers><primary-ntp-server><ntp-server-address>" SIM_WORLD_NTP1
          "</ntp-server-address></primary-ntp-server><secondary-ntp-server>"
          "<ntp-server-address>" SIM_WORLD_NTP2 "</ntp-server-address></secondary-ntp-server>"
          "</ntp-servers>"
          "<timezone>UTC</timezone>"
          "</system><setting><config><rematch-group>yes</rematch-group></config></setting>"
          "</deviceconfig><vsys><entry name=\"vsys1\"><address>",
          f);
    for (size_t i = 0; i < sim_world_naddrs; i++) {
        const struct sim_world_addr *a = &sim_world_addrs[i];
        fprintf(f, "<entry name=\"%s\"><%s>%s</%s>", a->name, a->kind, a->value, a->kind);
        if (a->description != NULL)
            fprintf(f, "<description>%s</description>", a->description);
        fputs("</entry>", f);
    }
    fputs("</address>", f);
    sim_config_put_dags(f, 0);
    fputs("<zone>", f);
    for (size_t i = 0; i < sim_world_nifaces; i++)
        if (sim_world_ifaces[i].zone != NULL)
            fprintf(f,
                    "<entry name=\"%s\"><network><layer3><member>%s</member></layer3></network>"
                    "</entry>",
                    sim_world_ifaces[i].zone, sim_world_ifaces[i].name);
    fputs("</zone><rulebase><security><rules>", f);
    for (size_t i = 0; i < sim_world_nrules; i++) {
        const struct sim_world_rule *r = &sim_world_rules[i];
        fprintf(f, "<entry name=\"%s\" uuid=\"%s\">", r->name, r->uuid);
        put_members(f, "from", r->from);
        put_members(f, "to", r->to);
        put_members(f, "source", r->source);
        put_members(f, "destination", r->destination);
        put_members(f, "source-user", "any");
        put_members(f, "category", "any");
        put_members(f, "application", r->apps);
        put_members(f, "service", r->service);
        fprintf(f, "<action>%s</action></entry>", r->action);
    }
    /* Source NAT of the LAN to ethernet1/1's address (the natsrc of every allowed session). */
    fputs("</rules></security><nat><rules><entry name=\"LAN NAT\" "
          "uuid=\"6c4b0f4e-0000-4000-8000-000000000010\"><source-translation><dynamic-ip-and-port>"
          "<interface-address><interface>" SIM_WORLD_WAN_IF "</interface></interface-address>"
          "</dynamic-ip-and-port></source-translation><to><member>untrust</member></to>"
          "<from><member>trust</member></from><source><member>lan-net</member></source>"
          "<destination><member>any</member></destination><service>any</service></entry>"
          "</rules></nat></rulebase><import><network><interface>",
          f);
    for (size_t i = 0; i < sim_world_nifaces; i++)
        fprintf(f, "<member>%s</member>", sim_world_ifaces[i].name);
    fputs("</interface></network></import></entry></vsys></entry></devices></config>", f);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* The first element child of @p parent named @p name, or NULL. */
static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr n = parent != NULL ? parent->children : NULL; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0)
            return n;
    return NULL;
}

/*
 * The <config> attributes a full-config read shows (PAN-OS XML API guide, "Configuration (API)"
 * (PAN-OS 10.1); pan-python 0.26.0 tests; pango): version is the feature release ("10.2.0" for
 * "10.2.11"), detail-version the exact one.
 */
static int set_config_attrs(xmlNodePtr config, const char *sw_version)
{
    char version[32] = "10.2.0";
    const char *dot = sw_version != NULL ? strchr(sw_version, '.') : NULL;
    const char *dot2 = dot != NULL ? strchr(dot + 1, '.') : NULL;
    if (dot2 != NULL && (size_t)(dot2 - sw_version) + 3 <= sizeof(version)) {
        memcpy(version, sw_version, (size_t)(dot2 - sw_version));
        memcpy(version + (dot2 - sw_version), ".0", 3);
    }
    if (xmlNewProp(config, BAD_CAST "version", BAD_CAST version) == NULL ||
        xmlNewProp(config, BAD_CAST "urldb", BAD_CAST "paloaltonetworks") == NULL ||
        xmlNewProp(config, BAD_CAST "detail-version",
                   BAD_CAST(sw_version != NULL ? sw_version : "10.2.11")) == NULL)
        return -1;
    return 0;
}

int sim_config_new(struct sim_config **out, const struct sim_state *st)
{
    *out = NULL;
    struct sim_config *cfg = calloc(1, sizeof(*cfg));
    if (cfg == NULL)
        return -1;
    char *text = initial_config(st != NULL ? st->boot_time : (long long)time(NULL));
    if (text == NULL)
        goto fail;
    cfg->candidate = xmlReadMemory(text, (int)strlen(text), "config.xml", NULL,
                                   XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    free(text);
    if (cfg->candidate == NULL)
        goto fail;
    xmlNodePtr config = xmlDocGetRootElement(cfg->candidate);
    xmlNodePtr dev = child(child(config, "devices"), "entry");
    xmlNodePtr sys = child(child(dev, "deviceconfig"), "system");
    /* The hostname goes first under <system>, where PAN-OS keeps it; xmlNewTextChild escapes. */
    const char *host = st != NULL && st->hostname != NULL ? st->hostname : "pansim-fw1";
    xmlNodePtr hn = xmlNewDocNode(cfg->candidate, NULL, BAD_CAST "hostname", NULL);
    if (sys == NULL || hn == NULL) {
        xmlFreeNode(hn);
        goto fail;
    }
    xmlNodeAddContent(hn, BAD_CAST host);
    if (sys->children != NULL ? xmlAddPrevSibling(sys->children, hn) == NULL
                              : xmlAddChild(sys, hn) == NULL) {
        xmlFreeNode(hn);
        goto fail;
    }
    if (set_config_attrs(config, st != NULL ? st->sw_version : NULL) != 0)
        goto fail;
    /* Running equals candidate until a commit path changes one of them. */
    cfg->running = xmlCopyDoc(cfg->candidate, 1);
    if (cfg->running == NULL)
        goto fail;
    *out = cfg;
    return 0;
fail:
    sim_config_free(cfg);
    return -1;
}

void sim_config_free(struct sim_config *cfg)
{
    if (cfg == NULL)
        return;
    xmlFreeDoc(cfg->candidate);
    xmlFreeDoc(cfg->running);
    free(cfg);
}

/* Set the reply, falling back to a bare 500 when even that copy cannot be made. */
static void reply(struct sim_reply *out, unsigned int status, const char *body)
{
    if (sim_reply_set(out, status, body) != 0)
        sim_reply_set(out, 500, "out of memory");
}

/*
 * Append @p s to @p buf escaped for XML text and attribute values (&, <, >, ", '). Returns 0 or
 * -1 (out of memory).
 */
static int add_escaped(xmlBufferPtr buf, const char *s)
{
    for (; *s != '\0'; s++) {
        const char *ent = NULL;
        switch (*s) {
        case '&': ent = "&amp;"; break;
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&apos;"; break;
        default: break;
        }
        int rc = ent != NULL ? xmlBufferCCat(buf, ent) : xmlBufferAdd(buf, BAD_CAST s, 1);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/*
 * A web-layer refusal of the action parameter: HTTP 400 in the single-quoted envelope (PAN-OS
 * XML API guide, "PAN-OS XML API Error Codes"; pango v0.9.0 errors/panos_test.go). The text
 * follows the observed `Illegal value for parameter "type" [X]` (quoted in a pan-os-python 1.13.1
 * comment), with the quotes entity-encoded as in the pango sample; the exact text for action= is
 * not captured [U].
 */
static void bad_action(struct sim_reply *out, const char *action)
{
    xmlBufferPtr b = xmlBufferCreate();
    int rc = b == NULL ? -1 : 0;
    if (rc == 0)
        rc = xmlBufferCCat(b, "<response status = 'error' code = '400'><result><msg>");
    if (rc == 0)
        rc = xmlBufferCCat(b, action == NULL ? "Parameter &quot;action&quot; is required"
                                             : "Illegal value for parameter &quot;action&quot; [");
    if (rc == 0 && action != NULL)
        rc = add_escaped(b, action) == 0 ? xmlBufferCCat(b, "]") : -1;
    if (rc == 0)
        rc = xmlBufferCCat(b, "</msg></result></response>");
    if (rc == 0)
        reply(out, 400, (const char *)xmlBufferContent(b));
    else
        reply(out, 500, "out of memory");
    if (b != NULL)
        xmlBufferFree(b);
}

/* libxml2 reports XPath syntax errors here; PAN-OS answers code 6 instead of logging them. */
#if LIBXML_VERSION >= 21200
static void quiet(void *user, const xmlError *err)
#else
static void quiet(void *user, xmlErrorPtr err)
#endif
{
    (void)user;
    (void)err;
}

struct _xmlXPathContext *sim_config_xpath_ctx(struct _xmlDoc *doc)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    if (ctx == NULL)
        return NULL;
    ctx->error = quiet;
    /* show's xpath "may be relative" (PAN-OS XML API guide, "PAN-OS XML API Request Types and
     * Actions"): relative paths start at the document node. */
    ctx->node = (xmlNodePtr)doc;
    return ctx;
}

/*
 * Serialise one selected node: elements as XML, the document node ("/") as its root element,
 * anything else (text, attribute) as its escaped text.
 */
static int dump_node(xmlBufferPtr b, xmlDocPtr doc, xmlNodePtr n)
{
    if (n->type == XML_DOCUMENT_NODE)
        n = xmlDocGetRootElement(doc);
    if (n->type == XML_ELEMENT_NODE)
        return xmlNodeDump(b, doc, n, 0, 0) < 0 ? -1 : 0;
    xmlChar *text = xmlNodeGetContent(n);
    int rc = text == NULL ? 0 : add_escaped(b, (const char *)text);
    xmlFree(text);
    return rc;
}

void sim_config_handle(struct sim_config *cfg, const char *action, const char *xpath,
                       struct sim_reply *out)
{
    int is_get = action != NULL && strcmp(action, "get") == 0;
    if (!is_get && (action == NULL || strcmp(action, "show") != 0)) {
        bad_action(out, action);
        return;
    }
    /*
     * show or get without an xpath returns the whole config (cdot65/saute sample: <result>
     * <config version=… urldb="paloaltonetworks" detail-version=…>), so a missing xpath reads
     * /config.
     */
    if (xpath == NULL || *xpath == '\0')
        xpath = "/config";
    xmlDocPtr doc = is_get ? cfg->candidate : cfg->running;
    xmlXPathContextPtr ctx = sim_config_xpath_ctx(doc);
    if (ctx == NULL) {
        reply(out, 500, "out of memory");
        return;
    }
    xmlXPathObjectPtr res = xmlXPathEval(BAD_CAST xpath, ctx);
    xmlBufferPtr b = NULL;
    if (res == NULL || res->type != XPATH_NODESET) {
        /*
         * An xpath libxml2 rejects, or an expression that selects no nodes at all (count(),
         * string()): code 6 "Bad Xpath" (PAN-OS XML API guide, "PAN-OS XML API Error Codes"),
         * in the <msg><line> envelope of the other config errors (pan-python 0.26.0 tests).
         */
        reply(out, 200, "<response status=\"error\" code=\"6\"><msg><line>Bad Xpath</line></msg>"
                        "</response>");
        goto done;
    }
    int count = res->nodesetval != NULL ? res->nodesetval->nodeNr : 0;
    if (count == 0) {
        /* get, no match: success, code 7, empty result; show, missing: an error with no code
         * (pan-python 0.26.0 live tests; pango tests). */
        reply(out, 200,
              is_get ? "<response status=\"success\" code=\"7\"><result/></response>"
                     : "<response status=\"error\"><msg><line>No such node</line></msg></response>");
        goto done;
    }
    b = xmlBufferCreate();
    int rc = b == NULL ? -1 : 0;
    if (rc == 0 && is_get) {
        /*
         * get, found (PAN-OS XML API guide, "Configuration (API)", PAN-OS 10.1 example): code
         * 19, total-count and count on <result>, and the selected nodes (the last xpath step)
         * inside it.
         */
        char head[128];
        snprintf(head, sizeof(head),
                 "<response status=\"success\" code=\"19\"><result total-count=\"%d\" "
                 "count=\"%d\">",
                 count, count);
        rc = xmlBufferCCat(b, head);
    } else if (rc == 0) {
        /*
         * show, found (pan-python 0.26.0 doc/panxapi.rst): success with no code and a bare
         * <result>. show should select one node; what PAN-OS answers for several is in no
         * public source, so all are returned.
         */
        rc = xmlBufferCCat(b, "<response status=\"success\"><result>");
    }
    for (int i = 0; rc == 0 && i < count; i++)
        rc = dump_node(b, doc, res->nodesetval->nodeTab[i]);
    if (rc == 0)
        rc = xmlBufferCCat(b, "</result></response>");
    if (rc == 0)
        reply(out, 200, (const char *)xmlBufferContent(b));
    else
        reply(out, 500, "out of memory");
done:
    if (b != NULL)
        xmlBufferFree(b);
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
}

struct _xmlDoc *sim_config_doc(const struct sim_config *cfg, int running)
{
    return running ? cfg->running : cfg->candidate;
}

struct _xmlDoc **sim_config_candidate(struct sim_config *cfg)
{
    return &cfg->candidate;
}

struct _xmlDoc **sim_config_running(struct sim_config *cfg)
{
    return &cfg->running;
}

struct sim_locks *sim_config_locks(struct sim_config *cfg)
{
    return &cfg->locks;
}
