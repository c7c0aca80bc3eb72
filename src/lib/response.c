/* SPDX-License-Identifier: MIT */
/* response.c -- parse one PAN-OS XML API answer into status, code, message and result node. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <panos/response.h>
#include <panos/buf.h>
#include "node_priv.h"
#include "response_priv.h"
#include "sbuf.h"
#include "xmlerr.h"

/* Longest message kept from a body that is not XML (a proxy's HTML page, say). */
#define TEXT_MESSAGE_MAX 200

struct panos_response {
    xmlDoc *doc;     /* NULL when the body was not XML */
    xmlNode *root;   /* <response> or <config>, NULL when doc is NULL */
    xmlNode *result; /* root's <result>, or NULL */
    char *body;      /* copy of the body, NUL-terminated */
    size_t body_len;
    long http_status;
    xmlChar *status; /* status= of the root, or NULL */
    int code;        /* code= of the root, or -1 */
    char *message;   /* built once at parse time, or NULL */
    int raw;         /* a 200 body that is not a PAN-OS document, kept as it came */
};

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Trim @p s in place; returns s. */
static char *trim_inplace(char *s)
{
    size_t start = 0, end = strlen(s);
    while (start < end && is_space((unsigned char)s[start]))
        start++;
    while (end > start && is_space((unsigned char)s[end - 1]))
        end--;
    memmove(s, s + start, end - start);
    s[end - start] = '\0';
    return s;
}

/* Case-insensitive substring test (ASCII). */
static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (hay == NULL)
        return 0;
    for (; *hay != '\0'; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

/* Trimmed text content of @p node (CDATA included), freed with xmlFree(); NULL for NULL. */
static char *node_text(const xmlNode *node)
{
    xmlChar *t;
    if (node == NULL)
        return NULL;
    /* xmlNodeGetContent concatenates text and CDATA descendants: a <line> may mix both
     * (pan-python 0.26.0 lib/pan/xapi.py, message search order; pango errors/panos.go). */
    t = xmlNodeGetContent(node);
    if (t == NULL)
        return NULL;
    return trim_inplace((char *)t);
}

/* First child element of @p parent named @p name, or NULL. */
static xmlNode *node_child(const xmlNode *parent, const char *name)
{
    xmlNode *n;
    if (parent == NULL || name == NULL)
        return NULL;
    for (n = parent->children; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name))
            return n;
    return NULL;
}

/* Append one message piece: trimmed, newlines folded into spaces (messages are one line,
 * docs/conventions.md C3), "; " between pieces. Empty pieces are skipped. */
static void add_piece(panos__sb *sb, char *text)
{
    char *p;
    if (text == NULL)
        return;
    trim_inplace(text);
    for (p = text; *p != '\0'; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (text[0] != '\0') {
        if (sb->len > 0)
            panos__sb_puts(sb, "; ");
        panos__sb_puts(sb, text);
    }
}

static int is_elem(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name);
}

static void add_lines_of(panos__sb *sb, const xmlNode *parent, int depth);

/*
 * One <line>. A line may itself hold <line> or <msg><line> (pan-python 0.26.0 lib/pan/xapi.py,
 * message search order; pango errors/panos.go): then its own text nodes form one piece and the
 * nested lines follow. Otherwise its whole text content (text and CDATA mixed) is the piece.
 */
static void add_line(panos__sb *sb, const xmlNode *line, int depth)
{
    const xmlNode *c;
    int nested = 0;
    for (c = line->children; c != NULL; c = c->next)
        if (is_elem(c, "line") || is_elem(c, "msg"))
            nested = 1;
    if (!nested || depth > 16) {
        char *t = node_text(line);
        add_piece(sb, t);
        xmlFree(t);
        return;
    }
    {
        panos__sb own = PANOS__SB_INIT;
        for (c = line->children; c != NULL; c = c->next)
            if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                c->content != NULL)
                panos__sb_puts(&own, (const char *)c->content);
        if (own.failed)
            sb->failed = 1;
        else if (own.ptr != NULL)
            add_piece(sb, own.ptr);
        panos__sb_dispose(&own, 0);
    }
    for (c = line->children; c != NULL; c = c->next) {
        if (is_elem(c, "line"))
            add_line(sb, c, depth + 1);
        else if (is_elem(c, "msg"))
            add_lines_of(sb, c, depth + 1);
    }
}

/* Every <line> child of @p parent, recursively. */
static void add_lines_of(panos__sb *sb, const xmlNode *parent, int depth)
{
    const xmlNode *c;
    if (parent == NULL)
        return;
    for (c = parent->children; c != NULL; c = c->next)
        if (is_elem(c, "line"))
            add_line(sb, c, depth);
}

/* Whole text of @p node as the only piece. */
static void add_text_of(panos__sb *sb, const xmlNode *node)
{
    char *t;
    if (node == NULL)
        return;
    t = node_text(node);
    add_piece(sb, t);
    xmlFree(t);
}

/*
 * The message, in pan-python's search order (pan-python 0.26.0 lib/pan/xapi.py, message search
 * order; pango errors/panos.go): all lines of msg and result/msg; else the text of result/msg, else
 * msg; else result/job/details lines. Returns -1 on NOMEM.
 */
static int build_message(struct panos_response *r)
{
    panos__sb sb = PANOS__SB_INIT;
    xmlNode *msg = node_child(r->root, "msg");
    xmlNode *rmsg = node_child(r->result, "msg");

    add_lines_of(&sb, msg, 0);
    add_lines_of(&sb, rmsg, 0);
    if (sb.len == 0 && !sb.failed)
        add_text_of(&sb, rmsg != NULL ? rmsg : msg);
    if (sb.len == 0 && !sb.failed) {
        xmlNode *job = node_child(r->result, "job");
        add_lines_of(&sb, node_child(job, "details"), 0);
    }
    if (sb.failed) {
        panos__sb_dispose(&sb, 0);
        return -1;
    }
    r->message = sb.ptr; /* NULL when nothing was appended */
    return 0;
}

/*
 * A non-200 body that is not a PAN-OS document (a proxy's 502 page, an empty body): keep its
 * first line, trimmed and capped, as the message (PAN-OS XML API guide, "PAN-OS XML API Error
 * Codes"; pan-os-ansible 3.4.1 httpapi/panos.py).
 */
static int text_message(struct panos_response *r)
{
    const char *p = r->body, *end = r->body + r->body_len, *eol;
    size_t n;
    while (p < end && is_space((unsigned char)*p))
        p++;
    for (eol = p; eol < end && *eol != '\n' && *eol != '\r' && *eol != '\0'; eol++)
        ;
    while (eol > p && is_space((unsigned char)eol[-1]))
        eol--;
    n = (size_t)(eol - p);
    if (n == 0)
        return 0;
    if (n > TEXT_MESSAGE_MAX) {
        n = TEXT_MESSAGE_MAX;
        /* Do not cut a UTF-8 sequence in two. */
        while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
            n--;
    }
    r->message = malloc(n + 1);
    if (r->message == NULL)
        return -1;
    memcpy(r->message, p, n);
    r->message[n] = '\0';
    return 0;
}

/* code= as a number: digits only (after trimming), else -1. */
static int parse_code(const xmlChar *v)
{
    const char *s = (const char *)v;
    long n = 0;
    int digits = 0;
    if (s == NULL)
        return -1;
    while (is_space((unsigned char)*s))
        s++;
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        n = n * 10 + (*s - '0');
        if (n > INT_MAX)
            return -1;
    }
    while (is_space((unsigned char)*s))
        s++;
    return digits > 0 && *s == '\0' ? (int)n : -1;
}

panos_code panos_response_parse(panos_response **out, const char *body, size_t len,
                                long http_status)
{
    PANOS_ASSERT(out != NULL);
    return panos__response_parse_why(out, body, len, http_status, NULL, 0);
}

panos_code panos__response_parse_why(panos_response **out, const char *body, size_t len,
                                     long http_status, char *why, size_t whylen)
{
    struct panos__xmlerr xe;
    struct panos_response *r;
    int is_config = 0;

    *out = NULL;
    if (body == NULL)
        len = 0;
    r = calloc(1, sizeof(*r));
    if (r == NULL)
        return PANOS_E_NOMEM;
    r->http_status = http_status;
    r->code = -1;
    r->body_len = len;
    r->body = malloc(len + 1);
    if (r->body == NULL) {
        free(r);
        return PANOS_E_NOMEM;
    }
    if (len > 0)
        memcpy(r->body, body, len);
    r->body[len] = '\0';

    memset(&xe, 0, sizeof(xe));
    if (why != NULL && whylen > 0)
        why[0] = '\0';
    if (len > 0 && len <= INT_MAX)
        r->doc = panos__xml_read_doc(r->body, (int)len, &xe);
    if (xe.dtd) {
        /* Refused whatever the status: a DTD is never harmless to expand (xmlerr.h). */
        if (why != NULL && whylen > 0)
            snprintf(why, whylen, "%s", xe.msg);
        panos_response_free(r);
        return PANOS_E_PARSE;
    }
    if (r->doc != NULL) {
        r->root = xmlDocGetRootElement(r->doc);
        /* The root is <response>, or <config> for export category=configuration
         * (PAN-OS XML API guide, "Export Files (API)"; pan-python 0.26.0 tests (export
         * configuration)). */
        if (r->root != NULL && r->root->type == XML_ELEMENT_NODE &&
            xmlStrEqual(r->root->name, (const xmlChar *)"config"))
            is_config = 1;
        else if (r->root == NULL || r->root->type != XML_ELEMENT_NODE ||
                 !xmlStrEqual(r->root->name, (const xmlChar *)"response")) {
            xmlFreeDoc(r->doc);
            r->doc = NULL;
            r->root = NULL;
        }
    }

    if (r->doc == NULL) {
        /* 200 must be a PAN-OS document; 400/403/5xx bodies may be anything
         * (PAN-OS XML API guide, "PAN-OS XML API Error Codes"; pan-os-ansible 3.4.1
         * httpapi/panos.py). */
        if (http_status == 200) {
            if (why != NULL && whylen > 0)
                snprintf(why, whylen, "%s", xe.msg[0] ? xe.msg : "not a <response> document");
            panos_response_free(r);
            return PANOS_E_PARSE;
        }
        if (text_message(r) != 0) {
            panos_response_free(r);
            return PANOS_E_NOMEM;
        }
        *out = r;
        return PANOS_OK;
    }

    if (!is_config) {
        /* xmlGetProp copes with the 400/403/keygen form status = 'error' code = '403'
         * (yaklin.ca "Palo Alto PANOS API Authentication" (PAN-OS 10.2): keygen, 403 bodies): XML
         * allows spaces around = and single quotes. */
        xmlChar *code = xmlGetProp(r->root, (const xmlChar *)"code");
        r->status = xmlGetProp(r->root, (const xmlChar *)"status");
        r->code = parse_code(code);
        xmlFree(code);
        r->result = node_child(r->root, "result");
        if (build_message(r) != 0) {
            panos_response_free(r);
            return PANOS_E_NOMEM;
        }
    }
    *out = r;
    return PANOS_OK;
}

void panos_response_free(panos_response *r)
{
    if (r == NULL)
        return;
    if (r->doc != NULL)
        xmlFreeDoc(r->doc);
    xmlFree(r->status);
    free(r->message);
    free(r->body);
    free(r);
}

static void wipe_nodes(xmlNode *n)
{
    for (; n != NULL; n = n->next) {
        if (n->content != NULL)
            panos_wipe(n->content, strlen((const char *)n->content));
        if (n->type == XML_ELEMENT_NODE) {
            for (xmlAttr *a = n->properties; a != NULL; a = a->next)
                wipe_nodes(a->children);
        }
        wipe_nodes(n->children);
    }
}

void panos__response_free_secret(panos_response *r)
{
    if (r == NULL)
        return;
    if (r->doc != NULL)
        wipe_nodes(r->doc->children);
    if (r->message != NULL)
        panos_wipe(r->message, strlen(r->message));
    if (r->body != NULL)
        panos_wipe(r->body, r->body_len);
    panos_response_free(r);
}

long panos_response_http_status(const panos_response *r)
{
    PANOS_ASSERT(r != NULL);
    return r->http_status;
}

const char *panos_response_status(const panos_response *r)
{
    PANOS_ASSERT(r != NULL);
    return (const char *)r->status;
}

int panos_response_code(const panos_response *r)
{
    PANOS_ASSERT(r != NULL);
    return r->code;
}

const char *panos_response_message(const panos_response *r)
{
    PANOS_ASSERT(r != NULL);
    return r->message;
}

const panos_node *panos_response_result(const panos_response *r)
{
    PANOS_ASSERT(r != NULL);
    return panos__node(r->result);
}

const panos_node *panos_response_root(const panos_response *r)
{
    PANOS_ASSERT(r != NULL);
    return panos__node(r->root);
}

const char *panos_response_body(const panos_response *r, size_t *len_out)
{
    PANOS_ASSERT(r != NULL);
    if (len_out != NULL)
        *len_out = r->body_len;
    return r->body;
}

panos_code panos_response_classify(const panos_response *r)
{
    PANOS_ASSERT(r != NULL);
    long http = r->http_status;
    const char *status = (const char *)r->status;

    /* 429 was never observed from PAN-OS, but a proxy may send it (PAN-OS XML API guide, "PAN-OS
     * XML API Error Codes"; pan-os-ansible 3.4.1; pan-python #43). */
    if (http == 429)
        return PANOS_E_RATE_LIMITED;
    /* 5xx comes from a proxy or a busy Panorama, not the API engine (pan-python issue #43;
     * pan-os-ansible 3.4.1). 500 and 502-504 may pass; 501 Not Implemented, 505 and the rest will
     * not, so they are no temporary failure. */
    if (http == 500 || (http >= 502 && http <= 504))
        return PANOS_E_UNAVAILABLE;
    if (http >= 501 && http <= 599)
        return PANOS_E_HTTP;
    /* 403: bad credentials or key ("Invalid Credential", older "Invalid credentials."), or a
     * request the admin role may not make (PAN-OS XML API guide, "PAN-OS XML API Error Codes"
     * (PAN-OS 9.1-11.1); pan-os-ansible #546; yaklin.ca blog (PAN-OS 10.2); terraform-templates
     * #29; o5edaxi/paloversion #7 (403 body)). */
    if (http == 403 || (http == 200 && r->code == 403)) {
        if (contains_ci(r->message, "not authorized") ||
            contains_ci(r->message, "not authorised") || contains_ci(r->message, "role"))
            return PANOS_E_FORBIDDEN;
        return PANOS_E_AUTH;
    }
    /* 400 "Key Expired: <key> has expired." means re-keygen (PaloAltoNetworks/Splunk-Apps #151 (400
     * Key Expired); PAN-OS "Configure API Key Lifetime"); any other 400 is a bad parameter (PAN-OS
     * XML API guide, "PAN-OS XML API Error Codes"; pan-os-ansible 3.4.1; pan-python #43). */
    if (http == 400 || (http == 200 && r->code == 400))
        return contains_ci(r->message, "key expired") ? PANOS_E_KEY_EXPIRED : PANOS_E_API;
    if (http != 200)
        return PANOS_E_API;

    /* A raw answer was accepted by the caller as it is (panos_client_set_raw). */
    if (r->raw)
        return PANOS_OK;
    /* An export's <config> root is the answer itself (PAN-OS XML API guide, "Export Files (API)";
     * pan-python 0.26.0 tests (export configuration)). */
    if (r->root != NULL && xmlStrEqual(r->root->name, (const xmlChar *)"config"))
        return PANOS_OK;
    /* Success is status == "success", never "not error": unauth exists (pango errors/panos.go;
     * Cortex XSOAR PAN-OS tests).
     * A config get that found nothing is success with code 7: not found (PAN-OS XML API
     * guide, "Configuration (API)", PAN-OS 10.1; pan-python 0.26.0 live tests). */
    if (status != NULL && strcmp(status, "success") == 0)
        return r->code == 7 ? PANOS_E_NOT_FOUND : PANOS_OK;
    /* status="unauth" code 16: the role lacks the right (PAN-OS XML API guide, "PAN-OS XML API
     * Error Codes"). */
    if ((status != NULL && strcmp(status, "unauth") == 0) || r->code == 16)
        return PANOS_E_FORBIDDEN;
    /* Code 22: "Session timed out", seen on a busy Panorama; worth a retry (PAN-OS XML API guide,
     * "PAN-OS XML API Error Codes"). */
    if (r->code == 22)
        return PANOS_E_UNAVAILABLE;
    /* 7 object not present, 13 object not found; show of a missing node has no code, only
     * "No such node" ("Configuration (API)"; "PAN-OS XML API Error Codes"). Code 6 "Bad Xpath" is a
     * malformed request, not a missing object: it stays PANOS_E_API (tests/cases/0012). */
    if (r->code == 7 || r->code == 13 || contains_ci(r->message, "No such node"))
        return PANOS_E_NOT_FOUND;
    /* Everything else, including 17/18 for a bad command (PAN-OS XML API guide, "PAN-OS XML API
     * Error Codes"). */
    return PANOS_E_API;
}

/* Whether @p body starts (after blanks, an XML declaration and comments) with <response. */
static int looks_like_envelope(const char *body, size_t len)
{
    const char *p = body, *end = body + len;
    for (;;) {
        while (p < end && is_space((unsigned char)*p))
            p++;
        if (end - p >= 2 && p[0] == '<' && (p[1] == '?' || p[1] == '!')) {
            const char *gt = memchr(p, '>', (size_t)(end - p));
            if (gt == NULL)
                return 0;
            p = gt + 1;
            continue;
        }
        break;
    }
    return end - p >= 9 && memcmp(p, "<response", 9) == 0 &&
           (end - p == 9 || is_space((unsigned char)p[9]) || p[9] == '>' || p[9] == '/');
}

panos_code panos__response_raw(panos_response **out, const char *body, size_t len,
                               long http_status)
{
    *out = NULL;
    if (body == NULL || len == 0 || looks_like_envelope(body, len))
        return PANOS_E_PARSE; /* nothing, or a broken PAN-OS answer: not a raw one */
    /* Parsed as a non-200 body is (a text answer, never PARSE), then given the document of
     * any root when the body is well-formed XML. */
    panos_code rc = panos_response_parse(out, body, len, 0);
    if (rc != PANOS_OK)
        return rc;
    struct panos_response *r = *out;
    r->http_status = http_status;
    r->raw = 1;
    free(r->message);
    r->message = NULL;
    if (r->doc == NULL && len > 0 && len <= INT_MAX) {
        struct panos__xmlerr xe; /* the same guarded, silent parse as any answer */
        memset(&xe, 0, sizeof(xe));
        r->doc = panos__xml_read_doc(r->body, (int)len, &xe);
        r->root = r->doc ? xmlDocGetRootElement(r->doc) : NULL;
    }
    return PANOS_OK;
}
