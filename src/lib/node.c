/* SPDX-License-Identifier: MIT */
/* node.c -- the element walker of include/panos/node.h over libxml2 trees, and panos_doc. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include <panos/buf.h>
#include <panos/node.h>
#include <panos/xml.h>
#include "node_priv.h"
#include "xmlerr.h"

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_elem(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE &&
           (name == NULL || xmlStrEqual(n->name, (const xmlChar *)name));
}

/* The first element at or after @p n (siblings only) named @p name (any when NULL). */
static const panos_node *elem_from(const xmlNode *n, const char *name)
{
    for (; n != NULL; n = n->next)
        if (is_elem(n, name))
            return panos__node(n);
    return NULL;
}

const char *panos_node_name(const panos_node *node)
{
    return node != NULL ? (const char *)panos__xml(node)->name : NULL;
}

const panos_node *panos_node_first(const panos_node *parent)
{
    return parent != NULL ? elem_from(panos__xml(parent)->children, NULL) : NULL;
}

const panos_node *panos_node_next(const panos_node *node)
{
    return node != NULL ? elem_from(panos__xml(node)->next, NULL) : NULL;
}

const panos_node *panos_node_child(const panos_node *parent, const char *name)
{
    PANOS_ASSERT(name != NULL);
    return parent != NULL ? elem_from(panos__xml(parent)->children, name) : NULL;
}

const panos_node *panos_node_next_named(const panos_node *node, const char *name)
{
    PANOS_ASSERT(name != NULL);
    return node != NULL ? elem_from(panos__xml(node)->next, name) : NULL;
}

int panos_node_has_children(const panos_node *node)
{
    return panos_node_first(node) != NULL;
}

const panos_attr *panos_node_attrs(const panos_node *node)
{
    return node != NULL ? (const panos_attr *)panos__xml(node)->properties : NULL;
}

const panos_attr *panos_attr_next(const panos_attr *a)
{
    return a != NULL ? (const panos_attr *)((const xmlAttr *)a)->next : NULL;
}

const char *panos_attr_name(const panos_attr *a)
{
    return a != NULL ? (const char *)((const xmlAttr *)a)->name : NULL;
}

/*
 * libxml2 keeps an attribute's value as a list of children. A document without a DTD (and
 * libpanos refuses DTDs) has exactly one text child, or none for name="": predefined entities
 * and character references are decoded while parsing (checked with libxml2 2.9.14). Anything
 * else (entity references of a caller's own DTD, seen through <panos/xml.h>) has no borrowed
 * form: NULL, as node.h says.
 */
const char *panos_attr_value(const panos_attr *a)
{
    if (a == NULL)
        return NULL;
    const xmlNode *c = ((const xmlAttr *)a)->children;
    if (c == NULL)
        return "";
    if (c->type == XML_TEXT_NODE && c->next == NULL)
        return c->content != NULL ? (const char *)c->content : "";
    return NULL;
}

const char *panos_node_attr(const panos_node *node, const char *name)
{
    PANOS_ASSERT(name != NULL);
    for (const panos_attr *a = panos_node_attrs(node); a != NULL; a = panos_attr_next(a))
        if (strcmp(panos_attr_name(a), name) == 0)
            return panos_attr_value(a);
    return NULL;
}

/* Append @p n bytes of @p s to @p out, trimmed of whitespace at both ends; out->ptr is a
 * NUL-terminated string afterwards even when nothing was appended. */
static panos_code append_trimmed(panos_buf *out, const char *s, size_t n)
{
    while (n > 0 && is_space((unsigned char)*s))
        s++, n--;
    while (n > 0 && is_space((unsigned char)s[n - 1]))
        n--;
    if (n == 0 && out->ptr != NULL)
        return PANOS_OK;
    char *p = realloc(out->ptr, out->size + n + 1);
    if (p == NULL)
        return PANOS_E_NOMEM;
    if (n > 0)
        memcpy(p + out->size, s, n);
    out->ptr = p;
    out->size += n;
    p[out->size] = '\0';
    return PANOS_OK;
}

panos_code panos_node_text(panos_buf *out, const panos_node *node)
{
    PANOS_ASSERT(out != NULL);
    if (node == NULL)
        return append_trimmed(out, "", 0);
    /* xmlNodeGetContent concatenates text and CDATA descendants: a <line> may mix both
     * (pan-python 0.26.0 lib/pan/xapi.py, message search order; pango errors/panos.go). */
    xmlChar *t = xmlNodeGetContent(panos__xml(node));
    if (t == NULL)
        return PANOS_E_NOMEM;
    size_t n = strlen((const char *)t);
    panos_code rc = append_trimmed(out, (const char *)t, n);
    /* The text may be a secret (a keygen answer's <key>): only the caller's copy survives. */
    panos_wipe(t, n);
    xmlFree(t);
    return rc;
}

panos_code panos_node_own_text(panos_buf *out, const panos_node *node)
{
    PANOS_ASSERT(out != NULL);
    size_t len = 0;
    const xmlNode *c;
    for (c = node != NULL ? panos__xml(node)->children : NULL; c != NULL; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            len += strlen((const char *)c->content);
    char *s = malloc(len + 1);
    if (s == NULL)
        return PANOS_E_NOMEM;
    size_t at = 0;
    for (c = node != NULL ? panos__xml(node)->children : NULL; c != NULL; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t n = strlen((const char *)c->content);
            memcpy(s + at, c->content, n);
            at += n;
        }
    }
    panos_code rc = append_trimmed(out, s, at);
    panos_wipe(s, at); /* as in panos_node_text(): the text may be a secret */
    free(s);
    return rc;
}

/*
 * Drop whitespace-only text between elements so libxml2 can indent: it only re-indents an
 * element whose children are all elements. Leaf text ("<zone> </zone>") is kept.
 */
static void strip_blanks(xmlNode *node)
{
    int elems = panos_node_has_children(panos__node(node));
    xmlNode *c = node->children;
    while (c != NULL) {
        xmlNode *next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            strip_blanks(c);
        } else if (elems && c->type == XML_TEXT_NODE && xmlIsBlankNode(c)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
}

panos_code panos_node_dump(panos_buf *out, const panos_node *node, unsigned flags)
{
    PANOS_ASSERT(out != NULL && node != NULL);
    xmlNode *n = (xmlNode *)panos__xml(node); /* xmlNodeDump does not change it */
    xmlDoc *doc = n->doc, *copy_doc = NULL;
    panos_code rc = PANOS_E_NOMEM;
    if (flags & PANOS_NODE_DUMP_PRETTY) {
        /* A copy is re-indented; the caller's document is left untouched. */
        copy_doc = xmlNewDoc((const xmlChar *)"1.0");
        n = copy_doc ? xmlDocCopyNode(n, copy_doc, 1) : NULL;
        if (n == NULL) {
            xmlFreeDoc(copy_doc);
            return PANOS_E_NOMEM;
        }
        xmlDocSetRootElement(copy_doc, n);
        strip_blanks(n);
        doc = copy_doc;
    }
    xmlBuffer *buf = xmlBufferCreate();
    if (buf != NULL && xmlNodeDump(buf, doc, n, 0, (flags & PANOS_NODE_DUMP_PRETTY) ? 1 : 0) >= 0) {
        size_t len = (size_t)xmlBufferLength(buf);
        char *p = realloc(out->ptr, out->size + len + 1);
        if (p != NULL) {
            memcpy(p + out->size, xmlBufferContent(buf), len);
            out->ptr = p;
            out->size += len;
            p[out->size] = '\0';
            rc = PANOS_OK;
        }
    }
    xmlBufferFree(buf);
    xmlFreeDoc(copy_doc);
    return rc;
}

panos_code panos_doc_parse(panos_doc **out, const char *xml, size_t len, char *errbuf,
                           size_t errlen)
{
    PANOS_ASSERT(out != NULL && (xml != NULL || len == 0));
    struct panos__xmlerr xe;
    *out = NULL;
    panos__errbuf_clear(errbuf, errlen);
    memset(&xe, 0, sizeof(xe));
    xmlDoc *doc = len > 0 && len <= INT_MAX ? panos__xml_read_doc(xml, (int)len, &xe) : NULL;
    if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        xmlFreeDoc(doc);
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "%s",
                     xe.msg[0] ? xe.msg : len == 0 ? "empty document" : "not an XML document");
        return strcmp(xe.msg, "out of memory") == 0 ? PANOS_E_NOMEM : PANOS_E_PARSE;
    }
    *out = (panos_doc *)doc;
    return PANOS_OK;
}

const panos_node *panos_doc_root(const panos_doc *doc)
{
    return doc != NULL ? panos__node(xmlDocGetRootElement((const xmlDoc *)doc)) : NULL;
}

void panos_doc_free(panos_doc *doc)
{
    xmlFreeDoc((xmlDoc *)doc);
}

const xmlNode *panos_node_xml(const panos_node *node)
{
    return panos__xml(node);
}

const panos_node *panos_node_from_xml(const xmlNode *node)
{
    return node != NULL && node->type == XML_ELEMENT_NODE ? panos__node(node) : NULL;
}
