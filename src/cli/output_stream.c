/* SPDX-License-Identifier: MIT */
/* output_stream.c -- op listings written as they arrive (panos_op_stream events), one entry in
 * memory at a time, byte for byte what cli_output_response() writes from the whole answer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "output.h"
#include "output_priv.h"
#include "output_sb.h"
#include "output_stream.h"

struct cli_opw {
    FILE *f;
    enum cli_format fmt;
    int pretty, session; /* json layout; show session all's table (text, csv) */
    int in_result, saw_result;
    char last; /* xml: the last byte written */
    size_t nraw;
    /* json: '{' written, keys written, the first kind of element (streamed), its run */
    int opened;
    size_t nkeys;
    char *key0;
    size_t n0;
    json_t *held0; /* a first element not in a list yet: alone, or the head of an array */
    json_t *rest;  /* every other kind of element, in order, written at the end */
    int items;     /* elements seen in <result> */
    struct cli_sb text;    /* <result>'s own text */
    struct cli_rows *rows; /* session table */
    int code;
};

/* The op commands whose answers are listings of <result><entry> (panctl userid list, the User-ID
 * tables, the session table), as element paths under <show>. */
static const char *const listings[][4] = {
    {"session", "all", NULL},
    {"object", "registered-ip", "all", NULL},
    {"object", "registered-user", "all", NULL},
    {"user", "ip-user-mapping", "all", NULL},
};

static int is_listing(const char *cmd_xml)
{
    panos_doc *doc = NULL;
    int yes = 0;
    if (cmd_xml == NULL || panos_doc_parse(&doc, cmd_xml, strlen(cmd_xml), NULL, 0) != PANOS_OK)
        return 0;
    const panos_node *show = panos_doc_root(doc);
    for (size_t i = 0; i < sizeof(listings) / sizeof(listings[0]) && !yes; i++) {
        const panos_node *n = strcmp(panos_node_name(show), "show") == 0 ? show : NULL;
        for (size_t k = 0; k < 4 && listings[i][k] != NULL && n != NULL; k++)
            n = panos_node_child(n, listings[i][k]);
        yes = n != NULL;
    }
    panos_doc_free(doc);
    return yes;
}

int cli_opw_streams(const char *cmd_xml, enum cli_format fmt, int pretty)
{
    if (!is_listing(cmd_xml))
        return 0;
    switch (fmt) {
    case CLI_FORMAT_XML:
        return !pretty; /* re-indenting needs the whole document */
    case CLI_FORMAT_JSON:
        return 1;
    case CLI_FORMAT_TEXT: /* the generic text, or the session table */
        return 1;
    case CLI_FORMAT_CSV:
        return cli_out_session_all(cmd_xml);
    }
    return 0;
}

/* ---- JSON: jansson's layout (JSON_INDENT(2) or JSON_COMPACT), written piece by piece ---- */

static void newline_indent(struct cli_opw *w, int level)
{
    if (!w->pretty)
        return;
    fputc('\n', w->f);
    for (int i = 0; i < level; i++)
        fputs("  ", w->f);
}

/* @p v (reference taken) dumped at nesting @p level: jansson's own dump, re-indented. */
static int put_value(struct cli_opw *w, json_t *v, int level)
{
    if (v == NULL)
        return PANOS_E_NOMEM;
    size_t flags =
        JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | (w->pretty ? JSON_INDENT(2) : JSON_COMPACT);
    char *s = json_dumps(v, flags);
    json_decref(v);
    if (s == NULL)
        return PANOS_E_NOMEM;
    for (const char *p = s; *p != '\0'; p++) {
        fputc(*p, w->f);
        if (*p == '\n') /* only layout: a newline inside a string is written "\n" */
            for (int i = 0; i < level; i++)
                fputs("  ", w->f);
    }
    free(s);
    return 0;
}

/* The next key of <result>'s object, after '{' or ','. */
static int put_key(struct cli_opw *w, const char *key)
{
    if (!w->opened)
        fputc('{', w->f);
    else if (w->nkeys > 0)
        fputc(',', w->f);
    w->opened = 1;
    w->nkeys++;
    newline_indent(w, 1);
    int rc = put_value(w, json_string(key), 1);
    fputs(w->pretty ? ": " : ":", w->f);
    return rc;
}

/* One more value of the first kind of element: an array opens at its second (or its first, for
 * a list element). */
static int put_item0(struct cli_opw *w, json_t *v)
{
    int rc = 0;
    if (w->n0 == 0 && !cli_json_always_array(w->key0)) {
        w->held0 = v; /* alone until a second one comes */
        w->n0++;
        return 0;
    }
    if (w->n0 == 0 || w->held0 != NULL) {
        rc = put_key(w, w->key0);
        fputc('[', w->f);
        if (rc == 0 && w->held0 != NULL) {
            newline_indent(w, 2);
            rc = put_value(w, w->held0, 2);
            w->held0 = NULL;
        }
    }
    if (w->n0 > 0)
        fputc(',', w->f);
    newline_indent(w, 2);
    w->n0++;
    return rc == 0 ? put_value(w, v, 2) : (json_decref(v), rc);
}

static int json_item(struct cli_opw *w, const panos_node *item)
{
    const char *name = panos_node_name(item);
    json_t *v = cli_xml_to_json(item);
    if (v == NULL)
        return PANOS_E_NOMEM;
    if (w->key0 == NULL && (w->key0 = strdup(name)) == NULL) {
        json_decref(v);
        return PANOS_E_NOMEM;
    }
    if (strcmp(name, w->key0) == 0)
        return put_item0(w, v);
    if (w->rest == NULL && (w->rest = json_object()) == NULL) {
        json_decref(v);
        return PANOS_E_NOMEM;
    }
    return cli_json_add_child(w->rest, name, v) == 0 ? 0 : PANOS_E_NOMEM;
}

static int json_attrs(struct cli_opw *w, const panos_xml_attr *a, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len = strlen(a[i].name);
        char *key = malloc(len + 2);
        json_t *v = json_string(a[i].value);
        if (key == NULL || v == NULL) {
            free(key);
            json_decref(v);
            return PANOS_E_NOMEM;
        }
        key[0] = '@';
        memcpy(key + 1, a[i].name, len + 1);
        rc = put_key(w, key);
        free(key);
        if (rc == 0)
            rc = put_value(w, v, 1);
        else
            json_decref(v);
    }
    return rc;
}

static int json_finish(struct cli_opw *w)
{
    int rc = 0;
    size_t ntext;
    const char *text = cli_sb_trimmed(&w->text, &ntext);
    if (!w->saw_result)
        return put_value(w, json_null(), 0);
    if (!w->opened && w->key0 == NULL) /* a leaf: its text, or null */
        return put_value(w, ntext > 0 ? json_stringn(text, ntext) : json_null(), 0);
    if (w->held0 != NULL) {
        rc = put_key(w, w->key0);
        if (rc == 0)
            rc = put_value(w, w->held0, 1);
        w->held0 = NULL;
    } else if (w->n0 > 0) {
        newline_indent(w, 1);
        fputc(']', w->f);
    }
    for (void *it = json_object_iter(w->rest); it != NULL && rc == 0;
         it = json_object_iter_next(w->rest, it)) {
        rc = put_key(w, json_object_iter_key(it));
        if (rc == 0)
            rc = put_value(w, json_incref(json_object_iter_value(it)), 1);
    }
    if (rc == 0 && ntext > 0 && (rc = put_key(w, "#text")) == 0)
        rc = put_value(w, json_stringn(text, ntext), 1);
    if (rc == 0)
        newline_indent(w, 0);
    if (rc == 0)
        fputc('}', w->f);
    return rc;
}

/* ---- the events ---- */

static panos_code ev_raw(void *payload, const char *data, size_t len)
{
    struct cli_opw *w = payload;
    if (w->fmt != CLI_FORMAT_XML || len == 0)
        return PANOS_OK;
    if (fwrite(data, 1, len, w->f) != len)
        return PANOS_E_IO;
    w->last = data[len - 1];
    w->nraw += len;
    return PANOS_OK;
}

static panos_code ev_start(void *payload, int depth, const char *name, const panos_xml_attr *a,
                           size_t n)
{
    struct cli_opw *w = payload;
    int rc = 0;
    if (depth != 1)
        return PANOS_OK;
    /* The first <result> is the answer's (panos_response_result()); another is not read. */
    w->in_result = !w->saw_result && strcmp(name, "result") == 0;
    if (!w->in_result)
        return PANOS_OK;
    w->saw_result = 1;
    if (w->fmt == CLI_FORMAT_JSON)
        rc = json_attrs(w, a, n);
    else if (w->session && w->fmt != CLI_FORMAT_XML)
        rc = cli_out_list_new(&w->rows, w->f,
                              w->fmt == CLI_FORMAT_CSV ? CLI_ROWS_CSV : CLI_ROWS_TABLE,
                              cli_session_headers, cli_session_fields, 8);
    return (panos_code)rc;
}

static panos_code ev_text(void *payload, int depth, const char *s, size_t n)
{
    struct cli_opw *w = payload;
    if (depth != 1 || !w->in_result || w->fmt == CLI_FORMAT_XML)
        return PANOS_OK;
    /* Trimmed anyway: the blanks between entries never pile up. */
    if (cli_sb_put_text(&w->text, s, n, SIZE_MAX) != 0)
        return PANOS_E_NOMEM;
    return PANOS_OK;
}

static panos_code ev_end(void *payload, int depth, const char *name)
{
    struct cli_opw *w = payload;
    (void)name;
    if (depth == 1)
        w->in_result = 0;
    return PANOS_OK;
}

static panos_code ev_item(void *payload, const panos_node *item)
{
    struct cli_opw *w = payload;
    int rc = 0;
    if (!w->in_result)
        return PANOS_OK;
    w->items++;
    if (w->fmt == CLI_FORMAT_JSON)
        rc = json_item(w, item);
    else if (w->rows != NULL && strcmp(panos_node_name(item), "entry") == 0)
        rc = cli_out_list_row(w->rows, item, cli_session_fields, 8);
    else if (w->fmt == CLI_FORMAT_TEXT && !w->session)
        rc = cli_out_text_node(w->f, item, 0);
    if (rc == 0 && ferror(w->f))
        rc = PANOS_E_IO;
    return (panos_code)rc;
}

static const panos_xml_events events = {
    PANOS_XML_EVENTS_VERSION, ev_start, ev_text, ev_end, ev_raw, ev_item};

const panos_xml_events *cli_opw_events(void)
{
    return &events;
}

int cli_opw_new(struct cli_opw **out, FILE *f, enum cli_format fmt, const char *cmd_xml, int pretty)
{
    struct cli_opw *w = calloc(1, sizeof(*w));
    *out = w;
    if (w == NULL)
        return PANOS_E_NOMEM;
    w->f = f;
    w->fmt = fmt;
    w->pretty = pretty;
    w->session = cli_out_session_all(cmd_xml);
    return 0;
}

int cli_opw_finish(struct cli_opw *w)
{
    int rc = 0;
    switch (w->fmt) {
    case CLI_FORMAT_XML: /* as output_xml(): a final newline the body lacks */
        if (w->nraw > 0 && w->last != '\n')
            fputc('\n', w->f);
        break;
    case CLI_FORMAT_JSON:
        rc = json_finish(w);
        if (rc == 0)
            fputc('\n', w->f);
        break;
    case CLI_FORMAT_TEXT:
    case CLI_FORMAT_CSV:
        if (w->rows != NULL) {
            rc = cli_rows_end(w->rows);
        } else if (w->fmt == CLI_FORMAT_CSV) {
            rc = PANOS_E_PARSE; /* no <result>: no table */
        } else if (w->saw_result && w->items == 0) {
            size_t ntext;
            const char *text = cli_sb_trimmed(&w->text, &ntext);
            if (ntext > 0) {
                fwrite(text, 1, ntext, w->f);
                fputc('\n', w->f);
            }
        }
        break;
    }
    if (fflush(w->f) != 0 || ferror(w->f))
        return PANOS_E_IO;
    return rc;
}

void cli_opw_free(struct cli_opw *w)
{
    if (w == NULL)
        return;
    free(w->key0);
    json_decref(w->held0);
    json_decref(w->rest);
    cli_sb_free(&w->text);
    cli_rows_free(w->rows);
    free(w);
}
