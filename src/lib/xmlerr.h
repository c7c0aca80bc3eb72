/* SPDX-License-Identifier: MIT */
/* xmlerr.h -- internal: keep libxml2 quiet and turn its first error into one line of detail. */
#ifndef PANOS_XMLERR_H
#define PANOS_XMLERR_H

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/*
 * libxml2 prints to stderr when nobody listens, and a library must never print (docs/conventions.md
 * C1). Parser errors carry their context, so XML_PARSE_NOERROR | XML_PARSE_NOWARNING and the
 * context's structured handler (sax->serror) catch them. Some do not: in libxml2 2.9.14 an
 * input that does not convert from its declared encoding is reported by encoding.c with no
 * context ("encoding error : input conversion failed ...", "I/O error : encoder error"), which
 * goes to the thread's global handlers. So every parsing call runs between begin() and end(),
 * which put quiet handlers in place for the calling thread (libxml2's handlers are per thread)
 * and put the caller's back afterwards.
 */
struct panos__xmlerr {
    char msg[200]; /* the first error, one line ("" if none) */
    int dtd;       /* a DOCTYPE was seen (see panos__xmlerr_dtd) */
    xmlStructuredErrorFunc saved_serror;
    void *saved_sctx;
    xmlGenericErrorFunc saved_generic;
    void *saved_gctx;
};

void panos__xmlerr_begin(struct panos__xmlerr *e);
void panos__xmlerr_end(struct panos__xmlerr *e);

/* Keep the first error of @p err in e->msg as "MESSAGE (line N)". */
void panos__xmlerr_note(struct panos__xmlerr *e, const xmlError *err);

/* A structured error handler whose payload is a struct panos__xmlerr. */
void panos__xmlerr_handler(void *payload, xmlErrorPtr err);

/*
 * PAN-OS never sends a DOCTYPE (pan-python 0.26.0 lib/pan/xapi.py, message search order; pango
 * errors/panos.go: every answer is a bare <response> envelope; no recorded answer has a DTD). A DTD
 * can declare entities, and internal entities expand without bound outside the parser's
 * limits (in xmlNodeGetContent), so a 74 KB answer can cost 800 MB. Parsers refuse any DTD:
 * their sax->internalSubset callback (called when <!DOCTYPE is read, before its declarations
 * are parsed) calls this, which records the DTD in e->dtd and e->msg and stops @p ctxt.
 */
void panos__xmlerr_refuse_dtd(struct panos__xmlerr *e, xmlParserCtxtPtr ctxt);

/*
 * Parse @p len bytes into a document, or NULL with the reason in @p e. No network, no entity
 * loading beyond the predefined ones, no HUGE, no DTD at all, and no printing (library code
 * never prints). Blank text nodes are kept: results may be text. The one DOM parse of
 * libpanos: answers (response.c) and panos_doc_parse() (node.c).
 */
xmlDoc *panos__xml_read_doc(const char *body, int len, struct panos__xmlerr *e);

/*
 * A quiet SAX2 push parser (logparse.c, xmlstream.c). The parser's own struct starts with a
 * struct panos__xmlpush, so the shared callbacks here reach it from libxml2's payload.
 */
struct panos__xmlpush {
    xmlParserCtxtPtr ctxt;
    struct panos__xmlerr xe; /* libxml2's first error, and a refused DTD */
};

/*
 * Make @p x->ctxt: a push parser calling @p start, @p end and @p text (characters and CDATA)
 * with @p payload (whose first member is @p x); errors go to x->xe and any DTD is refused. No
 * network, no warnings or errors printed, plus @p options. Returns -1 when out of memory.
 */
int panos__xmlpush_new(struct panos__xmlpush *x, startElementNsSAX2Func start,
                       endElementNsSAX2Func end, charactersSAXFunc text, void *payload,
                       int options);

/*
 * Parse @p len bytes (@p terminate: they end the document) in pieces libxml2's int length
 * takes, with quiet handlers; stop after a piece when xmlParseChunk failed or @p halted
 * (@p payload) says so. Returns the last xmlParseChunk code.
 */
int panos__xmlpush_chunk(struct panos__xmlpush *x, const char *data, size_t len, int terminate,
                         int (*halted)(void *payload), void *payload);

#define PANOS__XMLERR_DTD_MSG "it has a DTD (<!DOCTYPE>), which PAN-OS never sends"

#endif
