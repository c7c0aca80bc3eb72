/* SPDX-License-Identifier: MIT */
/* xmlstream.h -- PAN-OS answers streamed as element events (config show/get), never held whole. */
#ifndef PANOS_XMLSTREAM_H
#define PANOS_XMLSTREAM_H

#include <stddef.h>
#include "common.h"
#include "error.h"
#include "client.h"
#include "node.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One attribute of an element: both strings decoded, NUL-terminated, borrowed for the call. */
typedef struct panos_xml_attr {
    const char *name;
    const char *value;
} panos_xml_attr;

/**
 * What a consumer of a streamed answer receives, in document order. @p depth is 0 for the root
 * <response>, 1 for <result>, 2 for what the result holds, and so on. Text is decoded
 * character data (entities and CDATA resolved) in as many pieces as it arrived; whitespace
 * between elements is passed on too. Everything is borrowed for the call. A callback returns
 * PANOS_OK to go on, or a code that stops the parse and is returned by the feed (for example
 * PANOS_E_IO when the output refuses bytes). A NULL callback ignores its events.
 *
 * Version 2 adds two optional callbacks. @p raw receives the answer's bytes as they came, from
 * its first byte, once the envelope says it is streamed (so an error answer never reaches it),
 * each piece after the parser has accepted it. @p item receives each element at depth 2 (a
 * child of <result>, such as one <entry> of a listing) whole, as a node of <panos/node.h>
 * borrowed for the call, just before its end event: only that one element is ever held, so a
 * consumer can format a listing entry by entry with the element walker.
 */
#define PANOS_XML_EVENTS_VERSION 2
typedef struct panos_xml_events {
    unsigned int version; /**< PANOS_XML_EVENTS_VERSION (1: no raw, no item) */
    panos_code (*start)(void *payload, int depth, const char *name, const panos_xml_attr *attrs,
                        size_t nattrs);
    panos_code (*text)(void *payload, int depth, const char *text, size_t len);
    panos_code (*end)(void *payload, int depth, const char *name);
    panos_code (*raw)(void *payload, const char *data, size_t len); /**< version 2 */
    panos_code (*item)(void *payload, const panos_node *item);      /**< version 2 */
} panos_xml_events;

/** Deepest element nesting accepted (deeper is PANOS_E_TOO_LARGE). */
#define PANOS_XMLSTREAM_MAX_DEPTH 256
/** Bytes of an answer that is not streamed (an error envelope) kept to classify it. */
#define PANOS_XMLSTREAM_MAX_HELD (1024 * 1024)

typedef struct panos_xmlstream panos_xmlstream;

/**
 * A push parser over one PAN-OS answer. The root must be <response>. When it says
 * status="success" (with no code 7, 400 or 403) its events go to @p ev as they are parsed;
 * otherwise nothing is passed on, the answer is held (up to PANOS_XMLSTREAM_MAX_HELD) and
 * classified at the end exactly as panos_request() classifies it (panos_response_classify).
 * No DTD (PAN-OS never sends one), no network, libxml2 prints nothing. Memory stays bounded by
 * libxml2's buffers and the longest text piece or start tag, whatever the answer's size.
 * @p ev is copied. Not thread-safe; one parser per answer.
 * @return PANOS_OK or PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_xmlstream_new(panos_xmlstream **out, const panos_xml_events *ev,
                                            void *payload);

/** Feed the next @p len bytes. PANOS_E_PARSE on malformed XML, a DTD or a root other than
 *  <response>; PANOS_E_TOO_LARGE past a limit; a callback's own code when it stopped. */
PANOS_EXTERN panos_code panos_xmlstream_feed(panos_xmlstream *p, const char *data, size_t len);

/**
 * End of input. PANOS_OK when a success answer was streamed whole; PANOS_E_PARSE when the
 * document is incomplete or malformed; for a held answer, its class (PANOS_E_NOT_FOUND for
 * code 7, PANOS_E_API, PANOS_E_AUTH, PANOS_E_FORBIDDEN, ...).
 */
PANOS_EXTERN panos_code panos_xmlstream_finish(panos_xmlstream *p);

/** The envelope, known once the root element was read (after finish for a held answer). */
typedef struct panos_xmlstream_info {
    const char *status;  /**< response status=, or NULL */
    int code;            /**< response code=, -1 if absent */
    const char *message; /**< a held answer's message as panos_response_message(), or NULL */
    int streamed;        /**< 1 when the events were passed on */
} panos_xmlstream_info;
PANOS_EXTERN const panos_xmlstream_info *panos_xmlstream_info_get(const panos_xmlstream *p);

/** Why the last feed or finish failed, one line ("" if nothing failed); borrowed. */
PANOS_EXTERN const char *panos_xmlstream_error(const panos_xmlstream *p);

/** Free a parser. Accepts NULL. */
PANOS_EXTERN void panos_xmlstream_free(panos_xmlstream *p);

/**
 * type=config&action=show (running) or action=get (candidate) of @p xpath, with the answer
 * streamed through a panos_xmlstream to @p ev as it arrives, never held whole: memory stays
 * flat whatever the size of the configuration. Errors map as panos_config_show() and
 * panos_config_get() map them (a get of a missing node is PANOS_E_NOT_FOUND, "no node at
 * xpath ..."). A body cut short is PANOS_E_TRANSPORT, a malformed one PANOS_E_PARSE; events
 * already delivered stay delivered, so a consumer that must not leave partial output writes
 * to a temporary file (panos_file_write_stream). Not retried (part of the answer may have been
 * consumed). Detail in panos_client_last_error(). Not thread-safe on one client.
 * @param action "show" or "get" (anything else is PANOS_E_INVALID_ARG).
 */
PANOS_EXTERN panos_code panos_config_stream(panos_client *c, const char *action, const char *xpath,
                                            const panos_xml_events *ev, void *payload);

/**
 * type=op with cmd=@p cmd_xml, the answer streamed through a panos_xmlstream to @p ev as it
 * arrives, never held whole: a listing of any length costs one entry of memory when the
 * consumer works from @p ev's item callback. Retried as panos_op_run() is while nothing of the
 * answer has been received; an error answer (status="error", unauth) is held and classified as
 * panos_op_run() classifies it, with the same last error, but neither retried nor answered by
 * a key renewal. A body cut short is PANOS_E_TRANSPORT, a malformed one PANOS_E_PARSE ("the
 * answer is not a PAN-OS XML document: ..."); events already delivered stay delivered. Detail
 * in panos_client_last_error(). Not thread-safe on one client.
 */
PANOS_EXTERN panos_code panos_op_stream(panos_client *c, const char *cmd_xml,
                                        const panos_xml_events *ev, void *payload);

/** Fills the new file @p fd; returns PANOS_OK or the code to fail with. */
typedef panos_code (*panos_file_fill_fn)(void *payload, int fd);

/**
 * Make @p path atomically with mode @p mode: a temporary ".<name>.XXXXXX" in the same
 * directory, filled by @p fill, synced and renamed over @p path. When @p fill fails the
 * temporary file is removed, @p path is left as it was and @p fill's code is returned with
 * @p errbuf empty; a local failure is PANOS_E_IO or PANOS_E_NOMEM with one line in @p errbuf.
 */
PANOS_EXTERN panos_code panos_file_write_stream(const char *path, unsigned int mode,
                                                panos_file_fill_fn fill, void *payload,
                                                char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
