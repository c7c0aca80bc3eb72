/* SPDX-License-Identifier: MIT */
/* xmlstream.c -- a PAN-OS answer through a libxml2 SAX2 push parser, as element events. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <panos/xmlstream.h>
#include <panos/response.h>
#include "contract.h"
#include "node_priv.h"
#include "response_priv.h"
#include "sbuf.h"
#include "xmlerr.h"

enum mode { UNDECIDED, STREAM, HOLD };

struct panos_xmlstream {
    struct panos__xmlpush px; /* first: the parser, libxml2's first error, a refused DTD */
    panos_xml_events ev;
    void *payload;
    int depth;
    enum mode mode;
    panos__sb held;   /* the bytes until the root is read; all of them for a held answer */
    panos__sb status; /* response status= */
    panos__sb attrtext;
    panos_xml_attr *attrs;
    size_t capattrs;
    panos_code stop; /* a callback's code, a limit, NOMEM, or a root that is not <response> */
    panos_response *resp;
    xmlNode *item, *cur; /* ev.item: the depth-2 element being built, and its open element */
    panos_xmlstream_info info;
    char errmsg[200];
};

static void halt(struct panos_xmlstream *p, panos_code code, const char *msg)
{
    if (p->stop == PANOS_OK) {
        p->stop = code;
        if (msg != NULL)
            snprintf(p->errmsg, sizeof(p->errmsg), "%s", msg);
    }
    xmlStopParser(p->px.ctxt);
}

/* code= as a number: digits only, blanks around allowed; else -1 (as response.c reads it). */
static int parse_code(const char *s, size_t n)
{
    long v = 0;
    size_t i = 0, digits = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9' && v <= INT_MAX / 10; i++, digits++)
        v = v * 10 + (s[i] - '0');
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return digits > 0 && i == n && v <= INT_MAX ? (int)v : -1;
}

/* SAX2 attributes (localname, prefix, URI, value begin, value end) as NUL-terminated pairs. */
static int copy_attrs(struct panos_xmlstream *p, const xmlChar **a, int n)
{
    if ((size_t)n > p->capattrs) {
        panos_xml_attr *g = realloc(p->attrs, (size_t)n * sizeof(*g));
        if (g == NULL)
            return -1;
        p->attrs = g;
        p->capattrs = (size_t)n;
    }
    p->attrtext.len = 0;
    size_t *offs = (size_t *)p->attrs; /* offsets first: attrtext may move while it grows */
    for (int i = 0; i < n; i++, a += 5) {
        size_t at = p->attrtext.len;
        panos__sb_puts(&p->attrtext, (const char *)a[0]);
        panos__sb_append(&p->attrtext, "", 1);
        panos__sb_append(&p->attrtext, (const char *)a[3], (size_t)(a[4] - a[3]));
        panos__sb_append(&p->attrtext, "", 1);
        offs[2 * i] = at;
    }
    if (p->attrtext.failed)
        return -1;
    for (int i = n - 1; i >= 0; i--) {
        const char *name = p->attrtext.ptr + offs[2 * i];
        p->attrs[i].name = name;
        p->attrs[i].value = name + strlen(name) + 1;
    }
    return 0;
}

/*
 * The root: a success answer is streamed. Anything else (an error, unauth, a get that found
 * nothing: success with code 7, a 400 or 403 code) is held and classified whole at the end,
 * so its class and message are those of panos_request() (response.c).
 */
static void on_root(struct panos_xmlstream *p, const xmlChar *name, const xmlChar **a, int n)
{
    if (strcmp((const char *)name, "response") != 0) {
        char msg[160];
        snprintf(msg, sizeof(msg), "the root element is <%.60s>, not <response>", name);
        halt(p, PANOS_E_PARSE, msg);
        return;
    }
    for (int i = 0; i < n; i++, a += 5) {
        size_t len = (size_t)(a[4] - a[3]);
        if (strcmp((const char *)a[0], "status") == 0) {
            p->status.len = 0;
            panos__sb_append(&p->status, (const char *)a[3], len);
        } else if (strcmp((const char *)a[0], "code") == 0) {
            p->info.code = parse_code((const char *)a[3], len);
        }
    }
    if (p->status.failed) { /* not a held answer: the status was lost, not missing */
        halt(p, PANOS_E_NOMEM, "out of memory");
        return;
    }
    p->info.status = p->status.len > 0 ? p->status.ptr : NULL;
    int success = p->info.status != NULL && strcmp(p->info.status, "success") == 0;
    int code = p->info.code;
    if (success && code != 7 && code != 400 && code != 403) {
        p->mode = STREAM;
        p->info.streamed = 1;
    } else {
        p->mode = HOLD;
        xmlStopParser(p->px.ctxt);
    }
}

/* ev.item: one more element of the depth-2 element being built (the attributes are p->attrs). */
static int item_open(struct panos_xmlstream *p, const xmlChar *name, size_t nattrs)
{
    xmlNode *n = xmlNewNode(NULL, name);
    if (n == NULL)
        return -1;
    if (p->cur != NULL)
        xmlAddChild(p->cur, n);
    else
        p->item = n;
    p->cur = n;
    for (size_t i = 0; i < nattrs; i++)
        if (xmlNewProp(n, (const xmlChar *)p->attrs[i].name, (const xmlChar *)p->attrs[i].value) ==
            NULL)
            return -1;
    return 0;
}

/* ev.item: the open element ends; at depth 2 the whole element goes to the consumer. */
static panos_code item_close(struct panos_xmlstream *p)
{
    if (p->cur != p->item) {
        p->cur = p->cur->parent;
        return PANOS_OK;
    }
    panos_code rc = p->ev.item(p->payload, panos__node(p->item));
    xmlFreeNode(p->item);
    p->item = p->cur = NULL;
    return rc;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
    struct panos_xmlstream *p = ctx;
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
    if (p->stop != PANOS_OK)
        return;
    if (p->mode == UNDECIDED) {
        on_root(p, localname, attrs, nattrs);
        if (p->mode != STREAM)
            return;
    }
    if (p->depth >= PANOS_XMLSTREAM_MAX_DEPTH) {
        halt(p, PANOS_E_TOO_LARGE, "elements nested deeper than 256 levels");
        return;
    }
    if (copy_attrs(p, attrs, nattrs) != 0) {
        halt(p, PANOS_E_NOMEM, "out of memory");
        return;
    }
    if (p->ev.item != NULL && p->depth >= 2 && item_open(p, localname, (size_t)nattrs) != 0) {
        halt(p, PANOS_E_NOMEM, "out of memory");
        return;
    }
    panos_code rc = p->ev.start ? p->ev.start(p->payload, p->depth, (const char *)localname,
                                              p->attrs, (size_t)nattrs)
                                : PANOS_OK;
    p->depth++;
    if (rc != PANOS_OK)
        halt(p, rc, NULL);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    struct panos_xmlstream *p = ctx;
    (void)prefix, (void)uri;
    if (p->stop != PANOS_OK || p->mode != STREAM || p->depth == 0)
        return;
    p->depth--;
    panos_code rc = p->cur != NULL ? item_close(p) : PANOS_OK;
    if (rc == PANOS_OK && p->ev.end)
        rc = p->ev.end(p->payload, p->depth, (const char *)localname);
    if (rc != PANOS_OK)
        halt(p, rc, NULL);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    struct panos_xmlstream *p = ctx;
    if (p->stop != PANOS_OK || p->mode != STREAM || p->depth == 0 || len <= 0)
        return;
    if (p->cur != NULL) { /* text beside the last piece is merged into it, as a DOM has it */
        xmlNode *t = xmlNewTextLen(ch, len);
        if (t == NULL) {
            halt(p, PANOS_E_NOMEM, "out of memory");
            return;
        }
        xmlAddChild(p->cur, t);
    }
    panos_code rc =
        p->ev.text ? p->ev.text(p->payload, p->depth - 1, (const char *)ch, (size_t)len) : 0;
    if (rc != PANOS_OK)
        halt(p, rc, NULL);
}

panos_code panos_xmlstream_new(panos_xmlstream **out, const panos_xml_events *ev, void *payload)
{
    PANOS_ASSERT(out != NULL && ev != NULL);
    *out = NULL;
    struct panos_xmlstream *p = calloc(1, sizeof(*p));
    if (p == NULL)
        return PANOS_E_NOMEM;
    /* NOENT only resolves the predefined and character entities here (a DTD, which could
     * declare others, is refused before it is read), so attribute values come decoded. */
    if (panos__xmlpush_new(&p->px, on_start, on_end, on_text, p,
                           XML_PARSE_NOENT | XML_PARSE_NOCDATA) != 0) {
        free(p);
        return PANOS_E_NOMEM;
    }
    /* Field by field: a version 1 caller's struct ends before raw and item. */
    p->ev.version = ev->version;
    p->ev.start = ev->start;
    p->ev.text = ev->text;
    p->ev.end = ev->end;
    if (ev->version >= 2) {
        p->ev.raw = ev->raw;
        p->ev.item = ev->item;
    }
    p->payload = payload;
    p->info.code = -1;
    *out = p;
    return PANOS_OK;
}

static panos_code hold(struct panos_xmlstream *p, const char *data, size_t len)
{
    if (p->held.len + len > PANOS_XMLSTREAM_MAX_HELD) {
        snprintf(p->errmsg, sizeof(p->errmsg), "%s longer than %d bytes",
                 p->mode == HOLD ? "an error answer" : "the answer's head",
                 PANOS_XMLSTREAM_MAX_HELD);
        return PANOS_E_TOO_LARGE;
    }
    panos__sb_append(&p->held, data, len);
    return p->held.failed ? PANOS_E_NOMEM : PANOS_OK;
}

static int halted(void *payload)
{
    const struct panos_xmlstream *p = payload;
    return p->stop != PANOS_OK || p->px.xe.dtd || p->mode == HOLD;
}

static panos_code chunk(struct panos_xmlstream *p, const char *data, size_t len, int terminate)
{
    int rc = panos__xmlpush_chunk(&p->px, data, len, terminate, halted, p);
    if (p->stop != PANOS_OK)
        return p->stop;
    if (p->px.xe.dtd)
        return PANOS_E_PARSE;
    if (p->mode == HOLD)
        return PANOS_OK;
    return rc != 0 ? PANOS_E_PARSE : PANOS_OK;
}

panos_code panos_xmlstream_feed(panos_xmlstream *p, const char *data, size_t len)
{
    PANOS_ASSERT(p != NULL && (data != NULL || len == 0));
    if (p->stop != PANOS_OK)
        return p->stop;
    if (len == 0)
        return PANOS_OK;
    int was_streaming = p->mode == STREAM;
    if (!was_streaming) {
        panos_code rc = hold(p, data, len);
        if (rc != PANOS_OK || p->mode == HOLD)
            return p->stop = rc;
    }
    panos_code rc = chunk(p, data, len, 0);
    if (rc == PANOS_OK && p->mode == STREAM && p->ev.raw != NULL) {
        /* The head kept until the envelope was read holds this piece too. */
        rc = was_streaming ? p->ev.raw(p->payload, data, len)
                           : p->ev.raw(p->payload, p->held.ptr, p->held.len);
        if (rc != PANOS_OK)
            p->stop = rc;
    }
    if (p->mode == STREAM && p->held.ptr != NULL)
        panos__sb_dispose(&p->held, 1);
    return rc;
}

/* A held answer: parsed and classified whole, as panos_request() does. */
static panos_code classify_held(struct panos_xmlstream *p)
{
    char why[200] = "";
    panos_code rc = panos__response_parse_why(&p->resp, p->held.ptr ? p->held.ptr : "", p->held.len,
                                              200, why, sizeof(why));
    if (rc != PANOS_OK) {
        snprintf(p->errmsg, sizeof(p->errmsg), "%s", why[0] ? why : "not a <response> document");
        return rc;
    }
    p->info.message = panos_response_message(p->resp);
    p->info.status = panos_response_status(p->resp);
    p->info.code = panos_response_code(p->resp);
    rc = panos_response_classify(p->resp);
    if (rc == PANOS_OK) { /* cannot happen: only non-success envelopes are held */
        snprintf(p->errmsg, sizeof(p->errmsg), "%s", "the answer was not streamed");
        rc = PANOS_E_PARSE;
    }
    return rc;
}

panos_code panos_xmlstream_finish(panos_xmlstream *p)
{
    PANOS_ASSERT(p != NULL);
    if (p->stop != PANOS_OK)
        return p->stop;
    if (p->mode == HOLD)
        return classify_held(p);
    panos_code rc = chunk(p, "", 0, 1);
    if (rc == PANOS_OK && p->mode == HOLD)
        return classify_held(p);
    if (rc == PANOS_OK && (!p->px.ctxt->wellFormed || p->mode == UNDECIDED))
        rc = PANOS_E_PARSE;
    if (rc == PANOS_E_PARSE && p->px.xe.msg[0] == '\0' && p->errmsg[0] == '\0')
        snprintf(p->errmsg, sizeof(p->errmsg), "%s",
                 p->mode == UNDECIDED ? "no <response> element" : "incomplete document");
    return p->stop = rc;
}

const panos_xmlstream_info *panos_xmlstream_info_get(const panos_xmlstream *p)
{
    PANOS_ASSERT(p != NULL);
    return &p->info;
}

const char *panos_xmlstream_error(const panos_xmlstream *p)
{
    PANOS_ASSERT(p != NULL);
    return p->errmsg[0] != '\0' ? p->errmsg : p->px.xe.msg;
}

void panos_xmlstream_free(panos_xmlstream *p)
{
    if (p == NULL)
        return;
    xmlFreeParserCtxt(p->px.ctxt);
    xmlFreeNode(p->item);                 /* a parse stopped inside an item */
    panos__response_free_secret(p->resp); /* a held message may quote the key */
    panos__sb_dispose(&p->held, 1);
    panos__sb_dispose(&p->status, 0);
    panos__sb_dispose(&p->attrtext, 1);
    free(p->attrs);
    free(p);
}
