/* SPDX-License-Identifier: MIT */
/* cfgout.c -- a streamed config answer written as it is parsed: the common part and XML. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cfgout.h"

panos_code cli_sb_failed(struct cli_cfgw *w)
{
    if (errno == ENOMEM) {
        snprintf(w->err, sizeof(w->err), "%s", "out of memory");
        return PANOS_E_NOMEM;
    }
    snprintf(w->err, sizeof(w->err), "a text value longer than %u bytes", CLI_CFG_MAX_TEXT);
    return PANOS_E_TOO_LARGE;
}

/* ---- XML: the answer as it came, re-serialized as libxml2 writes a document ---- */

/* libxml2's escaping (xmlsave.c): text escapes < > & and CR; attributes also " LF TAB. */
static const char *xml_entity(char c, int attr)
{
    static const char chars[] = "<>&\r\"\n\t";
    static const char *const ents[] = {"&lt;", "&gt;", "&amp;", "&#13;", "&quot;", "&#10;", "&#9;"};
    const char *at = c != '\0' ? strchr(chars, c) : NULL;
    if (at == NULL)
        return NULL;
    size_t i = (size_t)(at - chars);
    return i < 4 || attr ? ents[i] : NULL;
}

static void xml_escape(FILE *f, const char *s, size_t n, int attr)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = xml_entity(s[i], attr);
        if (e != NULL) {
            fwrite(s + from, 1, i - from, f);
            fputs(e, f);
            from = i + 1;
        }
    }
    fwrite(s + from, 1, n - from, f);
}

static void xml_close_tag(struct cli_cfgw *w)
{
    if (w->xml_open)
        fputc('>', w->f);
    w->xml_open = 0;
}

static panos_code xml_start(struct cli_cfgw *w, int depth, const char *name,
                            const panos_xml_attr *a, size_t n)
{
    (void)depth;
    xml_close_tag(w);
    fprintf(w->f, "<%s", name);
    for (size_t i = 0; i < n; i++) {
        fprintf(w->f, " %s=\"", a[i].name);
        xml_escape(w->f, a[i].value, strlen(a[i].value), 1);
        fputc('"', w->f);
    }
    w->xml_open = 1;
    return PANOS_OK;
}

static panos_code xml_text(struct cli_cfgw *w, int depth, const char *s, size_t n)
{
    (void)depth;
    xml_close_tag(w);
    xml_escape(w->f, s, n, 0);
    return PANOS_OK;
}

static panos_code xml_end(struct cli_cfgw *w, int depth, const char *name)
{
    (void)depth;
    if (w->xml_open)
        fputs("/>", w->f);
    else
        fprintf(w->f, "</%s>", name);
    w->xml_open = 0;
    return PANOS_OK;
}

static panos_code xml_finish(struct cli_cfgw *w)
{
    fputc('\n', w->f); /* as -o xml ends an answer: the prompt starts on its own line */
    return PANOS_OK;
}

static const struct cli_cfgw_ops xml_ops = {xml_start, xml_text, xml_end, xml_finish};

/* ---- the events, checked once for all formats ---- */

static panos_code io_check(struct cli_cfgw *w, panos_code rc)
{
    if (rc == PANOS_OK && ferror(w->f)) {
        snprintf(w->err, sizeof(w->err), "%s", "cannot write the output");
        return PANOS_E_IO;
    }
    return rc;
}

static panos_code ev_start(void *payload, int depth, const char *name, const panos_xml_attr *a,
                           size_t n)
{
    struct cli_cfgw *w = payload;
    if (depth >= CLI_CFG_MAX_DEPTH)
        return PANOS_E_TOO_LARGE;
    if (depth == 1 && strcmp(name, "result") == 0)
        w->saw_result = 1;
    return io_check(w, w->ops->start(w, depth, name, a, n));
}

static panos_code ev_text(void *payload, int depth, const char *s, size_t n)
{
    struct cli_cfgw *w = payload;
    return io_check(w, w->ops->text(w, depth, s, n));
}

static panos_code ev_end(void *payload, int depth, const char *name)
{
    struct cli_cfgw *w = payload;
    return io_check(w, w->ops->end(w, depth, name));
}

static const panos_xml_events events = {
    PANOS_XML_EVENTS_VERSION, ev_start, ev_text, ev_end, NULL, NULL};

const panos_xml_events *cli_cfgw_events(void)
{
    return &events;
}

int cli_cfgw_new(struct cli_cfgw **out, FILE *f, enum cli_cfg_format fmt, int pretty,
                 const char *xpath)
{
    struct cli_cfgw *w = calloc(1, sizeof(*w));
    *out = w;
    if (w == NULL)
        return PANOS_E_NOMEM;
    w->f = f;
    w->fmt = fmt;
    w->pretty = pretty;
    w->pend = -1;
    static const struct cli_cfgw_ops *const ops[] = {&xml_ops, &cli_cfgw_json_ops,
                                                     &cli_cfgw_text_ops, &cli_cfgw_set_ops};
    w->ops = ops[fmt];
    if (fmt == CLI_CFG_SET && cli_cfg_set_prefix(w, xpath) != 0)
        return PANOS_E_NOMEM;
    return PANOS_OK;
}

int cli_cfgw_finish(struct cli_cfgw *w)
{
    panos_code rc = io_check(w, w->ops->finish(w));
    if (rc == PANOS_OK && fflush(w->f) != 0) {
        snprintf(w->err, sizeof(w->err), "%s", "cannot write the output");
        rc = PANOS_E_IO;
    }
    return rc;
}

const char *cli_cfgw_error(const struct cli_cfgw *w)
{
    return w->err;
}

void cli_cfgw_free(struct cli_cfgw *w)
{
    if (w == NULL)
        return;
    for (size_t i = 0; i < CLI_CFG_MAX_DEPTH; i++) {
        cli_sb_free(&w->fr[i].text);
        cli_sb_free(&w->fr[i].names);
        cli_sb_free(&w->fr[i].members);
    }
    cli_sb_free(&w->pend_attrs);
    cli_sb_free(&w->words);
    cli_sb_free(&w->scratch);
    free(w);
}
