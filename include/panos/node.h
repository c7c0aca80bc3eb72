/* SPDX-License-Identifier: MIT */
/* node.h -- read-only walk over the elements of a parsed answer, without libxml2 types. */
#ifndef PANOS_NODE_H
#define PANOS_NODE_H

#include <stddef.h>
#include "common.h"
#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A panos_node is one element of a parsed document (an answer's <result>, its root, or the
 * root of a panos_doc). It is opaque and always const: the walker only reads. Every node and
 * every string these functions return is borrowed from the document that holds it and lives
 * until that document is freed (panos_response_free(), panos_doc_free()); never free them.
 *
 * Only elements are visible: text, CDATA, comments and whitespace between elements are
 * skipped by the walker and read through panos_node_text() and panos_node_own_text().
 *
 * NULL policy: every walker function accepts a NULL node and then returns NULL (or "nothing"),
 * so lookups chain: panos_node_child(panos_node_child(result, "system"), "hostname").
 * The name arguments (@p name) must not be NULL; that is a programming error (PANOS_ASSERT).
 *
 * Threads: a document is never changed by these functions, so several threads may walk the
 * same document at once, as long as none of them frees it meanwhile.
 *
 * Programs that want libxml2's own xmlNode can include <panos/xml.h> (opt-in).
 */
typedef struct panos_node panos_node;

/** One attribute of an element. Opaque and borrowed, like panos_node. */
typedef struct panos_attr panos_attr;

/** A parsed XML document that is not an answer (a command, a file). */
typedef struct panos_doc panos_doc;

/** Element name of @p node ("result", "entry", ...), or NULL for NULL. Borrowed. */
PANOS_EXTERN const char *panos_node_name(const panos_node *node);

/** First child element of @p parent, or NULL. Borrowed. */
PANOS_EXTERN const panos_node *panos_node_first(const panos_node *parent);

/** Next sibling element of @p node, or NULL. Borrowed. */
PANOS_EXTERN const panos_node *panos_node_next(const panos_node *node);

/** First child element of @p parent named @p name, or NULL (also when @p parent is NULL).
 *  Borrowed. */
PANOS_EXTERN const panos_node *panos_node_child(const panos_node *parent, const char *name);

/** Next sibling element of @p node named @p name, or NULL: with panos_node_child() this walks
 *  one kind of repeated element (every <entry> of a list). Borrowed. */
PANOS_EXTERN const panos_node *panos_node_next_named(const panos_node *node, const char *name);

/** 1 when @p node has at least one child element, else 0 (also for NULL). */
PANOS_EXTERN int panos_node_has_children(const panos_node *node);

/**
 * Value of attribute @p name of @p node, entities decoded and not trimmed ("" for name=""),
 * or NULL when absent. Borrowed: lives until the document is freed.
 */
PANOS_EXTERN const char *panos_node_attr(const panos_node *node, const char *name);

/** First attribute of @p node in document order, or NULL. Borrowed. */
PANOS_EXTERN const panos_attr *panos_node_attrs(const panos_node *node);

/** Next attribute after @p a, or NULL. Borrowed. */
PANOS_EXTERN const panos_attr *panos_attr_next(const panos_attr *a);

/** Name of @p a, or NULL for NULL. Borrowed. */
PANOS_EXTERN const char *panos_attr_name(const panos_attr *a);

/** Value of @p a as panos_node_attr() gives it, or NULL for NULL. Borrowed. */
PANOS_EXTERN const char *panos_attr_value(const panos_attr *a);

/**
 * The whole text content of @p node (its text and CDATA, and its descendants'), trimmed of
 * leading and trailing whitespace, appended to @p out (which may already hold text). A NULL
 * node appends nothing. On PANOS_OK out->ptr is a NUL-terminated string, "" when there was no
 * text. Dispose with panos_buf_dispose() (or panos_buf_dispose_secret() when the text was a
 * key).
 * @return PANOS_OK or PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_node_text(panos_buf *out, const panos_node *node);

/**
 * As panos_node_text(), but only the text and CDATA that are direct children of @p node (not
 * its child elements' text): the "#text" of an element that also has children.
 * @return PANOS_OK or PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_node_own_text(panos_buf *out, const panos_node *node);

/** panos_node_dump() flags. */
#define PANOS_NODE_DUMP_PRETTY 1u /**< drop whitespace between elements, indent by two spaces */

/**
 * Serialise @p node and everything under it as XML, appended to @p out (no trailing newline).
 * With PANOS_NODE_DUMP_PRETTY a copy is re-indented; the document is not changed. Text of
 * leaf elements ("<zone> </zone>") is kept as it is.
 * @return PANOS_OK, PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_node_dump(panos_buf *out, const panos_node *node, unsigned flags);

/**
 * Parse @p len bytes of XML into a document with the guarded, silent parser the answers use:
 * no network, no DTD (refused), nothing printed.
 * @param[out] out the document, freed with panos_doc_free(); NULL on failure.
 * @param errbuf receives a one-line reason on PANOS_E_PARSE (may be NULL).
 * @return PANOS_OK, PANOS_E_PARSE (not well-formed, or a DTD), PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_doc_parse(panos_doc **out, const char *xml, size_t len,
                                        char *errbuf, size_t errlen);

/** Root element of @p doc, or NULL for NULL. Borrowed: lives until panos_doc_free(). */
PANOS_EXTERN const panos_node *panos_doc_root(const panos_doc *doc);

/** Free a document. Accepts NULL. */
PANOS_EXTERN void panos_doc_free(panos_doc *doc);

#ifdef __cplusplus
}
#endif

#endif
