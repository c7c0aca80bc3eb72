/* SPDX-License-Identifier: MIT */
/* node_priv.h -- internal: a panos_node is a libxml2 element, a panos_attr an xmlAttr. */
#ifndef PANOS_NODE_PRIV_H
#define PANOS_NODE_PRIV_H

#include <libxml/tree.h>
#include <panos/node.h>
#include "contract.h"

/* The public opaque types are the libxml2 structs seen through a different name, so a
 * conversion is a cast and costs nothing (include/panos/xml.h exposes it to callers). */
static inline const panos_node *panos__node(const xmlNode *n)
{
    return (const panos_node *)n;
}

static inline const xmlNode *panos__xml(const panos_node *n)
{
    return (const xmlNode *)n;
}

#endif
