/* SPDX-License-Identifier: MIT */
/* xmlerr.c -- keep libxml2 from printing; its first error and any DTD become one-line detail. */
#include <stdio.h>
#include <string.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include "xmlerr.h"

/* libxml2's last resort for errors without a context: ignored (the structured one comes first). */
static void quiet_generic(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

void panos__xmlerr_begin(struct panos__xmlerr *e)
{
    e->saved_serror = xmlStructuredError;
    e->saved_sctx = xmlStructuredErrorContext;
    e->saved_generic = xmlGenericError;
    e->saved_gctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(e, panos__xmlerr_handler);
    xmlSetGenericErrorFunc(NULL, quiet_generic);
}

void panos__xmlerr_end(struct panos__xmlerr *e)
{
    xmlSetStructuredErrorFunc(e->saved_sctx, e->saved_serror);
    xmlSetGenericErrorFunc(e->saved_gctx, e->saved_generic);
}

void panos__xmlerr_note(struct panos__xmlerr *e, const xmlError *err)
{
    if (e->msg[0] != '\0' || err == NULL || err->message == NULL || err->level < XML_ERR_ERROR)
        return;
    /* One line, printable: libxml2's messages end in "\n" and may quote the input. */
    size_t n = strcspn(err->message, "\r\n");
    char text[160];
    if (n >= sizeof(text))
        n = sizeof(text) - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)err->message[i];
        text[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    text[n] = '\0';
    if (err->line > 0)
        snprintf(e->msg, sizeof(e->msg), "%s (line %d)", text, err->line);
    else
        snprintf(e->msg, sizeof(e->msg), "%s", text);
}

void panos__xmlerr_handler(void *payload, xmlErrorPtr err)
{
    panos__xmlerr_note(payload, err);
}

void panos__xmlerr_refuse_dtd(struct panos__xmlerr *e, xmlParserCtxtPtr ctxt)
{
    if (!e->dtd) {
        e->dtd = 1;
        snprintf(e->msg, sizeof(e->msg), "%s", PANOS__XMLERR_DTD_MSG);
    }
    xmlStopParser(ctxt);
}

static void push_error(void *ctx, xmlErrorPtr err)
{
    struct panos__xmlpush *x = ctx;
    panos__xmlerr_note(&x->xe, err);
}

static void push_refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext_id,
                            const xmlChar *sys_id)
{
    struct panos__xmlpush *x = ctx;
    (void)name, (void)ext_id, (void)sys_id;
    panos__xmlerr_refuse_dtd(&x->xe, x->ctxt);
}

int panos__xmlpush_new(struct panos__xmlpush *x, startElementNsSAX2Func start,
                       endElementNsSAX2Func end, charactersSAXFunc text, void *payload, int options)
{
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    sax.endElementNs = end;
    sax.characters = text;
    /* Whitespace goes to @p text as well. Left NULL, libxml2 would test every text that starts
     * with a blank for "ignorable" whitespace (areBlanks()), which without a tree always ends in
     * characters() anyway: half the texts of a log page are the blanks between fields. */
    sax.ignorableWhitespace = text;
    sax.cdataBlock = text;
    sax.serror = push_error;
    sax.internalSubset = push_refuse_dtd;
    sax.externalSubset = push_refuse_dtd;
    panos__xmlerr_begin(&x->xe);
    x->ctxt = xmlCreatePushParserCtxt(&sax, payload, NULL, 0, NULL);
    panos__xmlerr_end(&x->xe);
    if (x->ctxt == NULL)
        return -1;
    xmlCtxtUseOptions(x->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | options);
    return 0;
}

int panos__xmlpush_chunk(struct panos__xmlpush *x, const char *data, size_t len, int terminate,
                         int (*halted)(void *payload), void *payload)
{
    int rc = 0;
    do {
        int n = len > (1u << 30) ? 1 << 30 : (int)len;
        panos__xmlerr_begin(&x->xe);
        rc = xmlParseChunk(x->ctxt, data, n, terminate && (size_t)n == len);
        panos__xmlerr_end(&x->xe);
        data += n;
        len -= (size_t)n;
    } while (len > 0 && rc == 0 && !halted(payload));
    return rc;
}

/* The DOM parser's callbacks get the context as their payload; its _private is the sink. */
static void dom_error(void *ctx, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = ctx;
    panos__xmlerr_note(ctxt->_private, err);
}

static void dom_refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext_id,
                           const xmlChar *sys_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    (void)name, (void)ext_id, (void)sys_id;
    panos__xmlerr_refuse_dtd(ctxt->_private, ctxt);
}

/* See xmlerr.h. */
xmlDoc *panos__xml_read_doc(const char *body, int len, struct panos__xmlerr *e)
{
    xmlDoc *doc = NULL;
    panos__xmlerr_begin(e);
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(body, len);
    if (ctxt == NULL) {
        panos__xmlerr_end(e);
        snprintf(e->msg, sizeof(e->msg), "out of memory");
        return NULL;
    }
    ctxt->_private = e;
    ctxt->sax->serror = dom_error;
    ctxt->sax->internalSubset = dom_refuse_dtd;
    ctxt->sax->externalSubset = dom_refuse_dtd;
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlParseDocument(ctxt);
    if (ctxt->wellFormed && !e->dtd)
        doc = ctxt->myDoc;
    else
        xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = NULL;
    xmlFreeParserCtxt(ctxt);
    panos__xmlerr_end(e);
    return doc;
}
