/* SPDX-License-Identifier: MIT */
/*
 * simconfig_write.c -- pansim's type=config writes on the candidate configuration: set, edit,
 * delete, rename, clone, move, override and multi-config. The running configuration changes only
 * by a commit; `check pending-changes` (simop_config.c) sees the difference.
 *
 * Answers (PAN-OS XML API guide, "PAN-OS XML API Request Types and Actions" and "PAN-OS XML API
 * Error Codes" (PAN-OS 9.1-11.1); pan-python 0.26.0 tests; pango v0.9.0 multiconf_test.go):
 *   success            <response status="success" code="20"><msg>command succeeded</msg></response>
 *   bad xpath          code 6 "Bad Xpath", in the <msg><line> envelope of the reads
 *   absent object      code 7; a delete of an absent node answers success code 7 "Object doesn't
 *                      exist" as pango's multi-config sample does (stand-alone delete: [U] same)
 *   referenced object  code 10, "<![CDATA[ NAME]]> cannot be deleted because of references from:"
 *                      and one line per referrer (a public Keyfactor orchestrator sample)
 *   invalid element    code 12, "<![CDATA[ NAME unexpected here]]>" (pan-python 0.26.0 tests)
 *   multi-config       outer code 20 when every step succeeded, else outer error code 13 holding
 *                      the inner answers up to the failed one (pango v0.9.0 multiconf_test.go)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include "simstate.h"

static const char ok_body[] =
    "<response status=\"success\" code=\"20\"><msg>command succeeded</msg></response>";

/* One step's answer: the outer attributes and the body of <msg>. */
struct step_answer {
    const char *status; /* "success" or "error" */
    int code;
    char msg[1024]; /* the inside of <msg>, already XML */
};

static void answer(struct step_answer *a, const char *status, int code, const char *msg)
{
    a->status = status;
    a->code = code;
    snprintf(a->msg, sizeof(a->msg), "%s", msg);
}

/* code 12 with NAME in the CDATA line PAN-OS uses for schema violations. */
static void unexpected(struct step_answer *a, const char *name)
{
    a->status = "error";
    a->code = 12;
    snprintf(a->msg, sizeof(a->msg), "<line><![CDATA[ %s unexpected here]]></line>", name);
}

/* Evaluate @p xpath on @p doc: the node set (may be empty), or NULL when it is not a node set. */
static xmlXPathObjectPtr eval(xmlDocPtr doc, const char *xpath)
{
    xmlXPathContextPtr ctx = sim_config_xpath_ctx(doc);
    if (ctx == NULL)
        return NULL;
    xmlXPathObjectPtr res = xmlXPathEval(BAD_CAST xpath, ctx);
    xmlXPathFreeContext(ctx);
    if (res != NULL && res->type != XPATH_NODESET) {
        xmlXPathFreeObject(res);
        return NULL;
    }
    return res;
}

static int nodes(xmlXPathObjectPtr r)
{
    return r != NULL && r->nodesetval != NULL ? r->nodesetval->nodeNr : 0;
}

/*
 * Find or create the element at an absolute xpath made of plain steps, `name` or
 * `name[@name='value']` (the shape PAN-OS config paths have): what set and edit do with a path
 * that does not exist yet. NULL when the path has another shape.
 */
static xmlNodePtr make_path(xmlDocPtr doc, const char *xpath)
{
    if (xpath[0] != '/')
        return NULL;
    xmlNodePtr cur = (xmlNodePtr)doc;
    const char *p = xpath;
    while (*p == '/') {
        p++;
        size_t n = strcspn(p, "/[");
        if (n == 0 || n >= 128)
            return NULL;
        char name[128], value[256] = "";
        memcpy(name, p, n);
        name[n] = '\0';
        p += n;
        int has_value = 0;
        if (*p == '[') {
            char q;
            if (strncmp(p, "[@name=", 7) != 0 || (p[7] != '\'' && p[7] != '"'))
                return NULL;
            q = p[7];
            const char *v = p + 8, *end = strchr(v, q);
            if (end == NULL || end[1] != ']' || (size_t)(end - v) >= sizeof(value))
                return NULL;
            memcpy(value, v, (size_t)(end - v));
            value[end - v] = '\0';
            has_value = 1;
            p = end + 2;
        }
        if (*p != '\0' && *p != '/')
            return NULL;
        xmlNodePtr next = NULL;
        for (xmlNodePtr c = cur->children; c != NULL && next == NULL; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, BAD_CAST name) != 0)
                continue;
            xmlChar *nm = has_value ? xmlGetProp(c, BAD_CAST "name") : NULL;
            if (!has_value || (nm != NULL && xmlStrcmp(nm, BAD_CAST value) == 0))
                next = c;
            xmlFree(nm);
        }
        if (next == NULL) {
            if (cur == (xmlNodePtr)doc)
                return NULL; /* a different root element */
            next = xmlNewChild(cur, NULL, BAD_CAST name, NULL);
            if (next == NULL || (has_value && xmlNewProp(next, BAD_CAST "name",
                                                         BAD_CAST value) == NULL))
                return NULL;
        }
        cur = next;
    }
    return *p == '\0' && cur != (xmlNodePtr)doc ? cur : NULL;
}

/* Parse @p element (one or more sibling elements) under a wrapper; NULL when not XML. */
static xmlDocPtr parse_element(const char *element)
{
    size_t n = strlen(element);
    char *buf = malloc(n + 8);
    if (buf == NULL)
        return NULL;
    memcpy(buf, "<w>", 3);
    memcpy(buf + 3, element, n);
    memcpy(buf + 3 + n, "</w>", 5);
    xmlDocPtr d = xmlReadMemory(buf, (int)(n + 7), "element.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING);
    free(buf);
    return d;
}

/* The sibling of @p n in @p parent that @p n would merge into: same name, same @name. */
static xmlNodePtr twin(xmlNodePtr parent, xmlNodePtr n)
{
    xmlChar *name = xmlGetProp(n, BAD_CAST "name");
    xmlChar *text = xmlStrcmp(n->name, BAD_CAST "member") == 0 ? xmlNodeGetContent(n) : NULL;
    xmlNodePtr found = NULL;
    for (xmlNodePtr c = parent->children; c != NULL && found == NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, n->name) != 0)
            continue;
        xmlChar *cn = xmlGetProp(c, BAD_CAST "name");
        xmlChar *ct = text != NULL ? xmlNodeGetContent(c) : NULL;
        if (xmlStrEqual(cn, name) && (text == NULL || xmlStrEqual(ct, text)))
            found = c;
        xmlFree(cn);
        xmlFree(ct);
    }
    xmlFree(name);
    xmlFree(text);
    return found;
}

static int has_element_children(xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return 1;
    return 0;
}

/* set: merge the children of @p src into @p dst (additive; a leaf's value is replaced). */
static int merge(xmlNodePtr dst, xmlNodePtr src)
{
    for (xmlNodePtr s = src->children; s != NULL; s = s->next) {
        if (s->type != XML_ELEMENT_NODE)
            continue;
        xmlNodePtr t = twin(dst, s);
        if (t != NULL && has_element_children(s)) {
            if (merge(t, s) != 0)
                return -1;
            continue;
        }
        xmlNodePtr copy = xmlDocCopyNode(s, dst->doc, 1);
        if (copy == NULL)
            return -1;
        if (t != NULL) {
            xmlReplaceNode(t, copy);
            xmlFreeNode(t);
        } else if (xmlAddChild(dst, copy) == NULL) {
            xmlFreeNode(copy);
            return -1;
        }
    }
    return 0;
}

/* The single node at @p xpath, or NULL with the answer set (6 bad xpath, 7 absent). */
static xmlNodePtr one_node(xmlDocPtr doc, const char *xpath, struct step_answer *a)
{
    xmlXPathObjectPtr r = eval(doc, xpath);
    xmlNodePtr n = NULL;
    if (r == NULL)
        answer(a, "error", 6, "<line>Bad Xpath</line>");
    else if (nodes(r) == 0)
        answer(a, "error", 7, "<line>Object doesn't exist</line>");
    else if (r->nodesetval->nodeTab[0]->type != XML_ELEMENT_NODE)
        answer(a, "error", 6, "<line>Bad Xpath</line>");
    else
        n = r->nodesetval->nodeTab[0];
    xmlXPathFreeObject(r);
    return n;
}

/* Object containers whose entries rules and groups name in <member> (or as the text of a leaf). */
static int referable(xmlNodePtr entry)
{
    static const char *const kinds[] = {"address", "address-group", "service", "service-group",
                                        "application-group", "tag", "zone", NULL};
    if (entry->parent == NULL || xmlStrcmp(entry->name, BAD_CAST "entry") != 0)
        return 0;
    for (size_t i = 0; kinds[i] != NULL; i++)
        if (xmlStrcmp(entry->parent->name, BAD_CAST kinds[i]) == 0)
            return 1;
    return 0;
}

/* " vsys -> vsys1 -> rulebase -> ... -> destination": the path of @p n below the device entry. */
static void ref_path(char *buf, size_t cap, xmlNodePtr n)
{
    const char *parts[32];
    xmlChar *owned[32];
    int k = 0;
    for (xmlNodePtr p = n; p != NULL && p->type == XML_ELEMENT_NODE && k < 32; p = p->parent) {
        if (p->parent != NULL && p->parent->parent != NULL &&
            xmlStrcmp(p->parent->name, BAD_CAST "devices") == 0)
            break; /* the devices/entry level */
        if (xmlStrcmp(p->name, BAD_CAST "config") == 0)
            break;
        owned[k] = xmlGetProp(p, BAD_CAST "name");
        parts[k] = owned[k] != NULL && xmlStrcmp(p->name, BAD_CAST "entry") == 0
                       ? (const char *)owned[k]
                       : (const char *)p->name;
        k++;
    }
    size_t len = 0;
    buf[0] = '\0';
    for (int i = k - 1; i >= 0; i--) {
        int w = snprintf(buf + len, cap - len, "%s%s", i == k - 1 ? " " : " -> ", parts[i]);
        if (w < 0 || (size_t)w >= cap - len)
            break;
        len += (size_t)w;
    }
    for (int i = 0; i < k; i++)
        xmlFree(owned[i]);
}

/* Whether @p n is @p anc or inside it. */
static int inside(xmlNodePtr n, xmlNodePtr anc)
{
    for (; n != NULL; n = n->parent)
        if (n == anc)
            return 1;
    return 0;
}

/* Code 10 when something outside @p entry names it in a <member>; 0 when nothing does. */
static int referenced(xmlDocPtr doc, xmlNodePtr entry, struct step_answer *a)
{
    if (!referable(entry))
        return 0;
    xmlChar *name = xmlGetProp(entry, BAD_CAST "name");
    if (name == NULL)
        return 0;
    xmlXPathObjectPtr r = eval(doc, "//member");
    size_t len = 0;
    int found = 0;
    for (int i = 0; i < nodes(r); i++) {
        xmlNodePtr m = r->nodesetval->nodeTab[i];
        xmlChar *t = xmlNodeGetContent(m);
        int hit = t != NULL && xmlStrEqual(t, name) && !inside(m, entry) && m->parent != NULL;
        xmlFree(t);
        if (!hit)
            continue;
        if (!found) {
            answer(a, "error", 10, "");
            snprintf(a->msg, sizeof(a->msg),
                     "<line> <![CDATA[ %s]]> cannot be deleted because of references "
                     "from:</line>",
                     (const char *)name);
            len = strlen(a->msg);
            found = 1;
        }
        char path[512];
        ref_path(path, sizeof(path), m->parent);
        int w = snprintf(a->msg + len, sizeof(a->msg) - len, "<line>%s</line>", path);
        if (w > 0 && (size_t)w < sizeof(a->msg) - len)
            len += (size_t)w;
    }
    xmlXPathFreeObject(r);
    xmlFree(name);
    return found;
}

static xmlNodePtr named_sibling(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *nm = xmlGetProp(c, BAD_CAST "name");
        int eq = nm != NULL && xmlStrcmp(nm, BAD_CAST name) == 0;
        xmlFree(nm);
        if (eq)
            return c;
    }
    return NULL;
}

/* One write on @p doc; the answer in @p a. */
static void step(xmlDocPtr doc, const struct sim_config_args *x, struct step_answer *a)
{
    const char *act = x->action;
    answer(a, "success", 20, "command succeeded");
    if (x->xpath == NULL || x->xpath[0] == '\0') {
        answer(a, "error", 6, "<line>Bad Xpath</line>");
        return;
    }
    int is_set = strcmp(act, "set") == 0 || strcmp(act, "override") == 0;
    if (is_set || strcmp(act, "edit") == 0) {
        xmlDocPtr el = x->element != NULL ? parse_element(x->element) : NULL;
        xmlNodePtr w = el != NULL ? xmlDocGetRootElement(el) : NULL;
        xmlNodePtr first = w != NULL ? w->children : NULL;
        xmlXPathObjectPtr r = eval(doc, x->xpath);
        if (w == NULL || first == NULL) {
            /* no element, or one that is not XML: "Malformed command" (code 18, PAN-OS XML API
             * Error Codes); the exact line is [U]. */
            answer(a, "error", 18, "<line>Malformed Request</line>");
        } else if (r == NULL) {
            answer(a, "error", 6, "<line>Bad Xpath</line>");
        } else {
            xmlNodePtr target = nodes(r) > 0 ? r->nodesetval->nodeTab[0] : NULL;
            if (target != NULL && target->type != XML_ELEMENT_NODE)
                target = NULL, answer(a, "error", 6, "<line>Bad Xpath</line>");
            else if (target == NULL && (target = make_path(doc, x->xpath)) == NULL)
                answer(a, "error", 6, "<line>Bad Xpath</line>");
            else if (is_set && merge(target, w) != 0)
                answer(a, "error", 11, "<line>out of memory</line>");
            else if (!is_set && (first->next != NULL || xmlStrcmp(first->name, target->name)))
                /* edit: the element's root must be the xpath's last step. */
                unexpected(a, (const char *)first->name);
            else if (!is_set) {
                xmlNodePtr copy = xmlDocCopyNode(first, doc, 1);
                if (copy == NULL)
                    answer(a, "error", 11, "<line>out of memory</line>");
                else {
                    xmlReplaceNode(target, copy);
                    xmlFreeNode(target);
                }
            }
        }
        xmlXPathFreeObject(r);
        xmlFreeDoc(el);
        return;
    }
    if (strcmp(act, "delete") == 0) {
        xmlXPathObjectPtr r = eval(doc, x->xpath);
        if (r == NULL)
            answer(a, "error", 6, "<line>Bad Xpath</line>");
        else if (nodes(r) == 0)
            answer(a, "success", 7, "Object doesn't exist");
        for (int i = 0; i < nodes(r) && a->code == 20; i++)
            if (r->nodesetval->nodeTab[i]->type != XML_ELEMENT_NODE ||
                r->nodesetval->nodeTab[i]->parent == (xmlNodePtr)doc)
                answer(a, "error", 6, "<line>Bad Xpath</line>");
            else
                referenced(doc, r->nodesetval->nodeTab[i], a);
        for (int i = 0; i < nodes(r) && a->code == 20; i++) {
            xmlUnlinkNode(r->nodesetval->nodeTab[i]);
            xmlFreeNode(r->nodesetval->nodeTab[i]);
        }
        xmlXPathFreeObject(r);
        return;
    }
    if (strcmp(act, "rename") == 0 || strcmp(act, "clone") == 0) {
        int clone = act[0] == 'c';
        if (x->newname == NULL || x->newname[0] == '\0') {
            answer(a, "error", 400, "Parameter &quot;newname&quot; is required");
            return;
        }
        xmlNodePtr src = one_node(doc, clone ? (x->from != NULL ? x->from : "") : x->xpath, a);
        xmlNodePtr dst = src == NULL ? NULL : clone ? one_node(doc, x->xpath, a) : src->parent;
        if (src == NULL || dst == NULL)
            return;
        xmlChar *old = xmlGetProp(src, BAD_CAST "name");
        if (old == NULL) {
            unexpected(a, (const char *)src->name);
        } else if (named_sibling(dst, x->newname) != NULL) {
            /* [U] the exact text; code 12 as for other validation failures. */
            snprintf(a->msg, sizeof(a->msg), "<line><![CDATA[ %s already exists]]></line>",
                     x->newname);
            a->status = "error", a->code = 12;
        } else if (!clone) {
            xmlSetProp(src, BAD_CAST "name", BAD_CAST x->newname);
        } else {
            xmlNodePtr copy = xmlDocCopyNode(src, doc, 1);
            if (copy == NULL || xmlAddChild(dst, copy) == NULL) {
                xmlFreeNode(copy);
                answer(a, "error", 11, "<line>out of memory</line>");
            } else {
                xmlSetProp(copy, BAD_CAST "name", BAD_CAST x->newname);
                xmlUnsetProp(copy, BAD_CAST "uuid"); /* a clone is a new rule */
            }
        }
        xmlFree(old);
        return;
    }
    if (strcmp(act, "move") == 0) {
        const char *where = x->where != NULL ? x->where : "";
        int top = strcmp(where, "top") == 0, bottom = strcmp(where, "bottom") == 0;
        int before = strcmp(where, "before") == 0, after = strcmp(where, "after") == 0;
        if (!top && !bottom && !before && !after) {
            answer(a, "error", 400, "");
            snprintf(a->msg, sizeof(a->msg),
                     "Illegal value for parameter &quot;where&quot; [%.64s]", where);
            return;
        }
        xmlNodePtr n = one_node(doc, x->xpath, a);
        if (n == NULL)
            return;
        xmlNodePtr parent = n->parent, other = NULL;
        if ((before || after) && (x->dst == NULL ||
                                  (other = named_sibling(parent, x->dst)) == NULL)) {
            answer(a, "error", 7, "");
            snprintf(a->msg, sizeof(a->msg), "<line><![CDATA[ %.200s]]> does not exist</line>",
                     x->dst != NULL ? x->dst : "");
            return;
        }
        if (other == n) {
            /* Operation not possible (code 14, PAN-OS XML API Error Codes); text [U]. */
            answer(a, "error", 14, "<line>cannot move an entry relative to itself</line>");
            return;
        }
        xmlUnlinkNode(n);
        if (top && parent->children != NULL)
            xmlAddPrevSibling(parent->children, n);
        else if (top || bottom)
            xmlAddChild(parent, n);
        else if (before)
            xmlAddPrevSibling(other, n);
        else
            xmlAddNextSibling(other, n);
        return;
    }
    answer(a, "error", 400, "");
    snprintf(a->msg, sizeof(a->msg), "Illegal value for parameter &quot;action&quot; [%.64s]",
             act);
}

static void put_answer(FILE *f, const struct step_answer *a, const char *id)
{
    fprintf(f, "<response status=\"%s\" code=\"%d\"", a->status, a->code);
    if (id != NULL) {
        fputs(" id=\"", f);
        sim_xml_escape(f, id, 1);
        fputc('"', f);
    }
    fprintf(f, "><msg>%s</msg></response>", a->msg);
}

/* Serialise the children of @p n into a new string (the element of a multi-config step). */
static char *inner_xml(xmlNodePtr n)
{
    xmlBufferPtr b = xmlBufferCreate();
    if (b == NULL)
        return NULL;
    for (xmlNodePtr c = n->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            xmlNodeDump(b, n->doc, c, 0, 0);
    char *s = strdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return s;
}

/*
 * multi-config: each child of <multi-configure-request> is one action with its parameters as
 * attributes (pango v0.9.0 multiconf.go). strict-transactional=yes rolls everything back at the
 * first failure (pan-python 0.26.0 live test); pansim treats every batch that way, so a failed
 * batch never leaves half its changes.
 */
static void multi(xmlDocPtr *docp, const struct sim_config_args *x, struct sim_reply *out)
{
    xmlDocPtr el = x->element != NULL ? parse_element(x->element) : NULL;
    xmlNodePtr req = el != NULL ? xmlDocGetRootElement(el)->children : NULL;
    if (req == NULL || xmlStrcmp(req->name, BAD_CAST "multi-configure-request") != 0) {
        xmlFreeDoc(el);
        sim_reply_set(out, 200, "<response status=\"error\" code=\"18\"><msg><line>Malformed "
                                "Request</line></msg></response>");
        return;
    }
    xmlDocPtr saved = xmlCopyDoc(*docp, 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = saved != NULL ? open_memstream(&buf, &len) : NULL;
    if (f == NULL) {
        xmlFreeDoc(saved);
        xmlFreeDoc(el);
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    int failed = 0;
    char *body = NULL;
    size_t blen = 0;
    FILE *bf = open_memstream(&body, &blen);
    for (xmlNodePtr s = req->children; s != NULL && !failed && bf != NULL; s = s->next) {
        if (s->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *attr[6];
        const char *names[6] = {"xpath", "newname", "from", "where", "dst", "id"};
        for (int i = 0; i < 6; i++)
            attr[i] = xmlGetProp(s, BAD_CAST names[i]);
        char *element = inner_xml(s);
        struct sim_config_args sx = {
            .action = (const char *)s->name, .xpath = (const char *)attr[0],
            .element = element, .newname = (const char *)attr[1],
            .from = (const char *)attr[2], .where = (const char *)attr[3],
            .dst = (const char *)attr[4],
        };
        struct step_answer a;
        if (!sim_config_is_write(sx.action) || strcmp(sx.action, "multi-config") == 0)
            unexpected(&a, sx.action);
        else
            step(*docp, &sx, &a);
        failed = strcmp(a.status, "success") != 0;
        put_answer(bf, &a, (const char *)attr[5]);
        free(element);
        for (int i = 0; i < 6; i++)
            xmlFree(attr[i]);
    }
    if (bf != NULL)
        fclose(bf);
    if (failed) {
        xmlFreeDoc(*docp);
        *docp = saved;
        saved = NULL;
    }
    fprintf(f, "<response status=\"%s\" code=\"%d\">%s</response>",
            failed ? "error" : "success", failed ? 13 : 20, body != NULL ? body : "");
    free(body);
    xmlFreeDoc(saved);
    xmlFreeDoc(el);
    sim_reply_close(out, f, &buf);
}

int sim_config_is_write(const char *action)
{
    static const char *const acts[] = {"set",  "edit", "delete",   "rename",       "clone",
                                       "move", "override", "multi-config", NULL};
    for (size_t i = 0; action != NULL && acts[i] != NULL; i++)
        if (strcmp(action, acts[i]) == 0)
            return 1;
    return 0;
}

void sim_config_write(struct sim_config *cfg, const struct sim_config_args *x,
                      struct sim_reply *out)
{
    xmlDocPtr *docp = sim_config_candidate(cfg);
    if (strcmp(x->action, "multi-config") == 0) {
        multi(docp, x, out);
        return;
    }
    struct step_answer a;
    step(*docp, x, &a);
    if (a.code == 400) {
        char body[1200];
        snprintf(body, sizeof(body),
                 "<response status = 'error' code = '400'><result><msg>%s</msg></result>"
                 "</response>",
                 a.msg);
        sim_reply_set(out, 400, body);
        return;
    }
    if (a.code == 20) {
        sim_reply_set(out, 200, ok_body);
        return;
    }
    char *buf;
    size_t len;
    FILE *f = sim_reply_open(out, &buf, &len);
    if (f == NULL)
        return;
    put_answer(f, &a, NULL);
    sim_reply_close(out, f, &buf);
}
