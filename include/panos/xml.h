/* SPDX-License-Identifier: MIT */
/* xml.h -- opt-in: the libxml2 element behind a panos_node, for callers who want libxml2. */
#ifndef PANOS_XML_H
#define PANOS_XML_H

/*
 * Not included by <panos/panos.h>. A program that includes this header compiles with
 * libxml2's include path (pkg-config --cflags libxml-2.0) and links libxml2 itself; libpanos
 * links it privately. The nodes stay borrowed and read-only: do not change, unlink or free
 * them, and do not call xmlCleanupParser() while libpanos may still parse
 * (panos_global_cleanup() leaves libxml2 alone for that reason).
 */
#include <libxml/tree.h>
#include "common.h"
#include "node.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The libxml2 element behind @p node, or NULL for NULL. Borrowed as @p node is. */
PANOS_EXTERN const xmlNode *panos_node_xml(const panos_node *node);

/**
 * See an element of a libxml2 tree (one the caller parsed, say) through the walker of
 * <panos/node.h>. NULL for NULL and for a node that is not an element. Borrowed: lives as
 * long as the caller's tree. Attribute values that hold entity references of the caller's
 * own DTD have no borrowed form: panos_attr_value() gives NULL for them.
 */
PANOS_EXTERN const panos_node *panos_node_from_xml(const xmlNode *node);

#ifdef __cplusplus
}
#endif

#endif
