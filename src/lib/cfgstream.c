/* SPDX-License-Identifier: MIT */
/* cfgstream.c -- type=config show/get and type=op answers streamed as element events; streamed
 * files. */
#include <string.h>
#include <panos/xmlstream.h>
#include "contract.h"
#include "rc_priv.h"
#include "stream.h"

struct feed {
    panos_xmlstream *p;
    panos_code failed; /* the parser's code when it stopped the transfer */
};

static panos_code feed(void *payload, const char *data, size_t len)
{
    struct feed *f = payload;
    return f->failed = panos_xmlstream_feed(f->p, data, len);
}

/* The last error of a parse that failed or an answer that was held, in request.c's words. */
static void parse_error(panos_client *c, const panos_xmlstream *p, panos_code rc, const char *xpath)
{
    const panos_xmlstream_info *info = panos_xmlstream_info_get(p);
    const char *why = panos_xmlstream_error(p);
    if (!info->streamed && info->status != NULL && rc != PANOS_E_PARSE && rc != PANOS_E_TOO_LARGE &&
        rc != PANOS_E_NOMEM) {
        /* A held error answer: as classify_answer() in request.c and config_read() in
         * client.c say it (a get of a missing node is success with code 7, "Configuration
         * (API)", PAN-OS XML API guide, PAN-OS 10.1). */
        const char *msg = info->message && info->message[0] ? info->message : panos_strerror(rc);
        if (xpath != NULL && rc == PANOS_E_NOT_FOUND && info->code == 7 &&
            strcmp(info->status, "success") == 0)
            panos__client_set_error(c, rc, 200, 7, "success", "no node at xpath %s", xpath);
        else
            panos__client_set_error(c, rc, 200, info->code, info->status, "%s", msg);
    } else if (rc == PANOS_E_PARSE) {
        panos__client_set_error(c, rc, 200, -1, NULL, "the answer is not a PAN-OS XML document: %s",
                                why[0] ? why : "unreadable");
    } else if (rc == PANOS_E_TOO_LARGE) {
        panos__client_set_error(c, rc, 200, -1, NULL, "%s", why);
    } else if (rc == PANOS_E_NOMEM) {
        panos__client_set_error(c, rc, 200, -1, NULL, "out of memory");
    }
    /* Any other code came from the consumer, which says why itself. */
}

/* One request whose answer goes through a panos_xmlstream to @p ev; @p xpath (config reads
 * only, else NULL) words a get that found nothing. */
static panos_code stream_request(panos_client *c, const panos_param *params, size_t n,
                                 const panos_xml_events *ev, void *payload, const char *xpath)
{
    panos_xmlstream *p = NULL;
    panos_code rc = panos_xmlstream_new(&p, ev, payload);
    if (rc != PANOS_OK) {
        panos__client_set_error(c, rc, 0, -1, NULL, "out of memory");
        return rc;
    }
    struct feed f = {p, PANOS_OK};
    rc = panos__request_stream(c, params, n, feed, &f);
    /* The transfer's own failures (transport, HTTP status, TLS) already set the last error;
     * the parser's and the answer's are set here. */
    if (rc == PANOS_OK) {
        rc = panos_xmlstream_finish(p);
        if (rc != PANOS_OK)
            parse_error(c, p, rc, xpath);
    } else if (f.failed != PANOS_OK) {
        parse_error(c, p, rc, xpath);
    }
    panos_xmlstream_free(p);
    return rc;
}

panos_code panos_config_stream(panos_client *c, const char *action, const char *xpath,
                               const panos_xml_events *ev, void *payload)
{
    PANOS_ASSERT(c != NULL && ev != NULL);
    if (action == NULL || (strcmp(action, "show") != 0 && strcmp(action, "get") != 0) ||
        xpath == NULL || xpath[0] == '\0') {
        panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL, "%s",
                                "config stream: action show or get, and an xpath");
        return PANOS_E_INVALID_ARG;
    }
    panos_param params[] = {{"type", "config"}, {"action", action}, {"xpath", xpath}};
    return stream_request(c, params, 3, ev, payload, xpath);
}

panos_code panos_op_stream(panos_client *c, const char *cmd_xml, const panos_xml_events *ev,
                           void *payload)
{
    PANOS_ASSERT(c != NULL && ev != NULL);
    panos_param params[] = {{"type", "op"}, {"cmd", cmd_xml}};
    return stream_request(c, params, 2, ev, payload, NULL);
}

panos_code panos_file_write_stream(const char *path, unsigned int mode, panos_file_fill_fn fill,
                                   void *payload, char *errbuf, size_t errlen)
{
    PANOS_ASSERT(fill != NULL);
    return panos__file_write_with(path, mode, fill, payload, errbuf, errlen);
}
