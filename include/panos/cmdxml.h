/* SPDX-License-Identifier: MIT */
/* cmdxml.h -- turn an operational command typed as CLI text into the XML PAN-OS expects. */
#ifndef PANOS_CMDXML_H
#define PANOS_CMDXML_H

#include <stddef.h>
#include "common.h"
#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Convert CLI text to an XML command. Rules (docs/internals/cmdxml.md):
 *  - a word that is an XML name ([A-Za-z_][A-Za-z0-9_-]*) opens an element; the elements nest:
 *    "show system info" -> <show><system><info/></system></show>;
 *  - a quoted word ("..." or '...', spaces allowed, \" and \\ escapes inside double quotes) or
 *    a bare word that is not a name (12, 192.0.2.1, ethernet1/1, fe80::1) is the text of the
 *    element before it: show interface "ethernet1/1" -> <show><interface>ethernet1/1</interface>
 *    </show>; the words after a value are siblings of that element, as in pan-python:
 *    test security-policy-match from "trust" to "untrust" -> <test><security-policy-match>
 *    <from>trust</from><to>untrust</to></security-policy-match></test>;
 *  - name=value sets an attribute on the element before it: show arp entry name=all ->
 *    <show><arp><entry name="all"/></arp></show>;
 *  - text and attribute values are XML-escaped;
 *  - text that already starts with '<' is taken as XML and returned unchanged.
 *
 * @param[out] out the XML; dispose with panos_buf_dispose().
 * @param errbuf receives a one-line reason on PANOS_E_INVALID_ARG (may be NULL).
 * @return PANOS_OK, PANOS_E_INVALID_ARG (empty command, unbalanced quote, value with no
 *         element before it, attribute with no element), PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_cmd_to_xml(panos_buf *out, const char *text, char *errbuf,
                                         size_t errlen);

/**
 * Append @p s to @p buf with &, <, >, " and ' escaped for XML.
 * @return PANOS_OK or PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_xml_escape(panos_buf *buf, const char *s);

#ifdef __cplusplus
}
#endif

#endif
