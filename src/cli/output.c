/* SPDX-License-Identifier: MIT */
/* output.c -- panctl's output layer: the answer as XML, as JSON, or as aligned text tables. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "output.h"

int cli_format_parse(const char *s, enum cli_format *out)
{
    if (s == NULL || out == NULL)
        return -1;
    if (strcmp(s, "xml") == 0)
        *out = CLI_FORMAT_XML;
    else if (strcmp(s, "json") == 0)
        *out = CLI_FORMAT_JSON;
    else if (strcmp(s, "text") == 0)
        *out = CLI_FORMAT_TEXT;
    else if (strcmp(s, "csv") == 0)
        *out = CLI_FORMAT_CSV;
    else
        return -1;
    return 0;
}

/* ---- small XML helpers (element-only navigation, whitespace ignored) ---- */

static int is_elem(const xmlNode *n, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE &&
           (name == NULL || xmlStrcmp(n->name, (const xmlChar *)name) == 0);
}

/* First child element of @p parent named @p name (any name when NULL), or NULL. */
static const xmlNode *elem_child(const xmlNode *parent, const char *name)
{
    if (parent == NULL)
        return NULL;
    for (const xmlNode *c = parent->children; c != NULL; c = c->next)
        if (is_elem(c, name))
            return c;
    return NULL;
}

static int has_elem_child(const xmlNode *n)
{
    return elem_child(n, NULL) != NULL;
}

/*
 * The node's own text and CDATA children (not its descendants') joined and trimmed, in a new
 * malloc'd string; "" when there is none. NULL only when out of memory.
 */
static char *own_text(const xmlNode *node)
{
    size_t len = 0;
    for (const xmlNode *c = node->children; c != NULL; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            len += strlen((const char *)c->content);
    char *s = malloc(len + 1);
    if (s == NULL)
        return NULL;
    size_t at = 0;
    for (const xmlNode *c = node->children; c != NULL; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t n = strlen((const char *)c->content);
            memcpy(s + at, c->content, n);
            at += n;
        }
    }
    s[at] = '\0';
    size_t start = 0;
    while (start < at && isspace((unsigned char)s[start]))
        start++;
    while (at > start && isspace((unsigned char)s[at - 1]))
        at--;
    memmove(s, s + start, at - start);
    s[at - start] = '\0';
    return s;
}

/* ---- XML to JSON ---- */

/* Elements that are lists in PAN-OS, so they map to arrays even when there is only one. */
static int always_array(const xmlChar *name)
{
    static const char *const names[] = {"entry", "member", "line", "job"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (xmlStrcmp(name, (const xmlChar *)names[i]) == 0)
            return 1;
    return 0;
}

/* Set obj[key] = "@"-prefixed attribute values of @p node. Returns -1 when out of memory. */
static int add_attributes(json_t *obj, const xmlNode *node)
{
    for (const xmlAttr *a = node->properties; a != NULL; a = a->next) {
        size_t n = xmlStrlen(a->name);
        char *key = malloc(n + 2);
        xmlChar *val = xmlNodeListGetString(node->doc, a->children, 1);
        int rc = -1;
        if (key != NULL) {
            key[0] = '@';
            memcpy(key + 1, a->name, n + 1);
            rc = json_object_set_new(obj, key, json_string(val ? (const char *)val : ""));
        }
        free(key);
        xmlFree(val);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* Add one child's value under its name: repeated names and list elements become arrays. */
static int add_child(json_t *obj, const char *name, json_t *val, int list)
{
    json_t *have = json_object_get(obj, name);
    if (have == NULL) {
        if (!list)
            return json_object_set_new(obj, name, val);
        json_t *arr = json_array();
        if (arr == NULL || json_array_append_new(arr, val) != 0) {
            json_decref(arr);
            return -1;
        }
        return json_object_set_new(obj, name, arr);
    }
    if (json_is_array(have))
        return json_array_append_new(have, val);
    /* A second element of the same name: turn the single value into an array. */
    json_t *arr = json_array();
    if (arr == NULL || json_array_append(arr, have) != 0 || json_array_append_new(arr, val) != 0) {
        json_decref(arr);
        return -1;
    }
    return json_object_set_new(obj, name, arr);
}

json_t *cli_xml_to_json(const xmlNode *node)
{
    if (node == NULL)
        return json_null();
    char *text = own_text(node);
    if (text == NULL)
        return NULL;
    if (node->properties == NULL && !has_elem_child(node)) {
        json_t *leaf = text[0] != '\0' ? json_string(text) : json_null();
        free(text);
        return leaf;
    }
    json_t *obj = json_object();
    if (obj == NULL || add_attributes(obj, node) != 0)
        goto fail;
    for (const xmlNode *c = node->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        json_t *val = cli_xml_to_json(c);
        if (val == NULL)
            goto fail;
        if (add_child(obj, (const char *)c->name, val, always_array(c->name)) != 0)
            goto fail;
    }
    if (text[0] != '\0' && json_object_set_new(obj, "#text", json_string(text)) != 0)
        goto fail;
    free(text);
    return obj;
fail:
    free(text);
    json_decref(obj);
    return NULL;
}

/* ---- XML output ---- */

/*
 * Drop whitespace-only text between elements so libxml2 can indent: it only re-indents an
 * element whose children are all elements. Leaf text ("<zone> </zone>") is kept.
 */
static void strip_blanks(xmlNode *node)
{
    int elems = has_elem_child(node);
    xmlNode *c = node->children;
    while (c != NULL) {
        xmlNode *next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            strip_blanks(c);
        } else if (elems && c->type == XML_TEXT_NODE && xmlIsBlankNode(c)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
}

/*
 * Write @p node indented (a copy is re-indented; the response is left untouched), followed by
 * a newline. Returns 0 or PANOS_E_NOMEM.
 */
static int write_pretty_node(FILE *out, const xmlNode *node)
{
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *copy = doc ? xmlDocCopyNode((xmlNode *)node, doc, 1) : NULL;
    xmlBuffer *buf = xmlBufferCreate();
    int rc = PANOS_E_NOMEM;
    if (copy != NULL && buf != NULL) {
        xmlDocSetRootElement(doc, copy);
        strip_blanks(copy);
        if (xmlNodeDump(buf, doc, copy, 0, 1) >= 0) {
            fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out);
            fputc('\n', out);
            rc = 0;
        }
    } else if (copy != NULL) {
        xmlFreeNode(copy);
    }
    xmlBufferFree(buf);
    xmlFreeDoc(doc);
    return rc;
}

static int output_xml(FILE *out, const panos_response *r, int pretty)
{
    size_t len = 0;
    const char *body = panos_response_body(r, &len);
    xmlNode *root = panos_response_root(r);
    if (pretty && root != NULL)
        return write_pretty_node(out, root);
    if (body == NULL)
        return 0;
    fwrite(body, 1, len, out);
    /* Bodies usually lack a final newline; add one so the shell prompt starts on its line. */
    if (len > 0 && body[len - 1] != '\n')
        fputc('\n', out);
    return 0;
}

/* ---- JSON output ---- */

/* Write @p j (its reference is taken; NULL means out of memory) and a newline. */
static int write_json(FILE *out, json_t *j, int pretty)
{
    if (j == NULL)
        return PANOS_E_NOMEM;
    size_t flags = JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
    int rc = json_dumpf(j, out, flags);
    json_decref(j);
    if (rc != 0)
        return PANOS_E_IO;
    fputc('\n', out);
    return 0;
}

static int output_json(FILE *out, const panos_response *r, int pretty)
{
    return write_json(out, cli_xml_to_json(panos_response_result(r)), pretty);
}

/* ---- raw answers ---- */

/*
 * A raw answer: a body that is not a PAN-OS <response> (an export's <config>, a file, a text
 * page; see panos_client_set_raw()). It has no <result>: its body is the answer.
 */
static int is_raw(const panos_response *r)
{
    const xmlNode *root = panos_response_root(r);
    return root == NULL || !is_elem(root, "response");
}

/*
 * xml and text: the body byte for byte (no newline added, no parsing, so a file stays the
 * file). json: an XML body's root element mapped as a result is, under its own name
 * ({"config": {...}}); a body that is not XML has no JSON form: PANOS_E_PARSE.
 */
static int output_raw(FILE *out, const panos_response *r, enum cli_format fmt, int pretty)
{
    if (fmt == CLI_FORMAT_JSON) {
        const xmlNode *root = panos_response_root(r);
        if (root == NULL)
            return PANOS_E_PARSE;
        json_t *j = json_object();
        json_t *v = cli_xml_to_json(root);
        if (j == NULL || v == NULL) {
            json_decref(j);
            json_decref(v);
            return PANOS_E_NOMEM;
        }
        if (json_object_set_new(j, (const char *)root->name, v) != 0) {
            json_decref(j); /* set_new has released v */
            return PANOS_E_NOMEM;
        }
        return write_json(out, j, pretty);
    }
    size_t len = 0;
    const char *body = panos_response_body(r, &len);
    if (len > 0 && fwrite(body, 1, len, out) != len)
        return PANOS_E_IO;
    return 0;
}

/* ---- text tables ---- */

struct table {
    size_t ncols;
    const char *const *headers; /* NULL: a field/value listing without a header line */
    char **cells;               /* nrows * ncols, malloc'd */
    size_t nrows, cap;
};

/* A cell value: trimmed, line breaks and tabs turned into spaces, "-" when empty. */
static char *cell_dup(const char *s)
{
    if (s == NULL || *s == '\0')
        s = "-";
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d == NULL)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        d[i] = (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : s[i];
    return d;
}

/* Append a row; takes the cell strings as given (copied). Returns 0 or -1 (no memory). */
static int table_add(struct table *t, const char *const *vals)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **cells = realloc(t->cells, cap * t->ncols * sizeof(*cells));
        if (cells == NULL)
            return -1;
        t->cells = cells;
        t->cap = cap;
    }
    char **row = t->cells + t->nrows * t->ncols;
    for (size_t i = 0; i < t->ncols; i++) {
        row[i] = cell_dup(vals[i]);
        if (row[i] == NULL) {
            while (i-- > 0)
                free(row[i]);
            return -1;
        }
    }
    t->nrows++;
    return 0;
}

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    t->cells = NULL;
    t->nrows = t->cap = 0;
}

static void table_line(FILE *out, const char *const *vals, const size_t *width, size_t ncols)
{
    for (size_t i = 0; i < ncols; i++) {
        if (i + 1 < ncols)
            fprintf(out, "%-*s  ", (int)width[i], vals[i]);
        else
            fprintf(out, "%s\n", vals[i]);
    }
}

static int table_print(FILE *out, const struct table *t)
{
    size_t *width = calloc(t->ncols, sizeof(*width));
    if (width == NULL)
        return PANOS_E_NOMEM;
    for (size_t i = 0; t->headers != NULL && i < t->ncols; i++)
        width[i] = strlen(t->headers[i]);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t i = 0; i < t->ncols; i++) {
            size_t n = strlen(t->cells[r * t->ncols + i]);
            if (n > width[i])
                width[i] = n < INT_MAX ? n : INT_MAX;
        }
    }
    if (t->headers != NULL)
        table_line(out, t->headers, width, t->ncols);
    for (size_t r = 0; r < t->nrows; r++)
        table_line(out, (const char *const *)t->cells + r * t->ncols, width, t->ncols);
    free(width);
    return 0;
}

/* ---- rows: one writer for streams of records (log entries, op tables) ---- */

struct cli_rows {
    FILE *out;
    struct cli_rows_opts o;
    char **cols; /* owned copies, NULL until known */
    size_t ncols;
    char **headers; /* owned copies of o.headers, or NULL */
    int header_done;
    int failed;
    struct table t; /* a table sized to its rows */
    char *jbuf;     /* one JSON line, reused */
    size_t jcap;
};

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; names != NULL && i < n; i++)
        free(names[i]);
    free(names);
}

/* Copies of @p n names (each taken with @p get from @p src), or NULL when out of memory. */
static char **dup_names(const void *src, size_t n, const char *(*get)(const void *, size_t))
{
    char **d = calloc(n + 1, sizeof(*d));
    for (size_t i = 0; d != NULL && i < n; i++) {
        if ((d[i] = strdup(get(src, i))) == NULL) {
            free_names(d, i);
            return NULL;
        }
    }
    return d;
}

static const char *str_at(const void *src, size_t i)
{
    return ((const char *const *)src)[i];
}

static const char *field_name_at(const void *src, size_t i)
{
    return ((const panos_log_field *)src)[i].name;
}

int cli_rows_new(struct cli_rows **out, FILE *f, const struct cli_rows_opts *opts)
{
    struct cli_rows *w = calloc(1, sizeof(*w));
    *out = NULL;
    if (w == NULL)
        return PANOS_E_NOMEM;
    w->out = f;
    w->o = *opts;
    if (opts->cols != NULL) {
        w->ncols = opts->ncols;
        w->cols = dup_names(opts->cols, opts->ncols, str_at);
        if (opts->headers != NULL)
            w->headers = dup_names(opts->headers, opts->ncols, str_at);
        if (w->cols == NULL || (opts->headers != NULL && w->headers == NULL)) {
            cli_rows_free(w);
            return PANOS_E_NOMEM;
        }
    }
    if (w->o.fmt == CLI_ROWS_XML && w->o.xml_open != NULL)
        fputs(w->o.xml_open, f);
    *out = w;
    return 0;
}

void cli_rows_free(struct cli_rows *w)
{
    if (w == NULL)
        return;
    free_names(w->cols, w->ncols);
    free_names(w->headers, w->ncols);
    table_free(&w->t);
    free(w->jbuf);
    free(w);
}

const char *cli_row_get(const struct cli_rows *w, const cli_row *row, const char *name)
{
    const char *v = panos_log_entry_get(row, name);
    if (v == NULL && w->o.id_name != NULL && strcmp(name, w->o.id_name) == 0)
        v = row->logid;
    return v;
}

static int is_integer(const char *s)
{
    const char *p = s + (*s == '-');
    if (*p == '\0' || strlen(p) > 18 || (p[0] == '0' && p[1] != '\0'))
        return 0;
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

/* A JSON value for field @p name: a number for the numeric fields, else a string. */
static json_t *json_field(const struct cli_rows *w, const char *name, const char *v)
{
    if (w->o.numeric != NULL && w->o.numeric(name) && is_integer(v))
        return json_integer(strtoll(v, NULL, 10));
    return cli_json_string(v);
}

/* One row as a JSON line: the id and every field, or the columns in their order. */
static int rows_json(struct cli_rows *w, const cli_row *row)
{
    json_t *obj = json_object();
    if (obj == NULL)
        return PANOS_E_NOMEM;
    if (w->cols != NULL) {
        for (size_t i = 0; i < w->ncols; i++) {
            const char *v = cli_row_get(w, row, w->cols[i]);
            if (v != NULL)
                json_object_set_new(obj, w->cols[i], json_field(w, w->cols[i], v));
        }
    } else {
        if (row->logid != NULL && w->o.id_name != NULL)
            json_object_set_new(obj, w->o.id_name, json_string(row->logid));
        for (size_t i = 0; i < row->nfields; i++)
            json_object_set_new(obj, row->fields[i].name,
                                json_field(w, row->fields[i].name, row->fields[i].value));
    }
    size_t need = json_dumpb(obj, w->jbuf, w->jcap, JSON_PRESERVE_ORDER | JSON_COMPACT);
    if (need + 1 > w->jcap) {
        char *nb = realloc(w->jbuf, need + 1);
        if (nb == NULL) {
            json_decref(obj);
            return PANOS_E_NOMEM;
        }
        w->jbuf = nb;
        w->jcap = need + 1;
        need = json_dumpb(obj, w->jbuf, w->jcap, JSON_PRESERVE_ORDER | JSON_COMPACT);
    }
    json_decref(obj);
    if (need == 0)
        return PANOS_E_NOMEM;
    w->jbuf[need] = '\n';
    fwrite(w->jbuf, 1, need + 1, w->out);
    return 0;
}

/* The length of the valid UTF-8 sequence at @p s (1-4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n = 0;
    if (s[0] < 0x80)
        n = 1;
    else if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/*
 * @p v as XML character data (also right inside a "quoted" attribute): & < > " escaped, bytes
 * that are not UTF-8 read as Latin-1 (as cli_json_string() does), control characters XML 1.0
 * cannot carry written as '?', so the output always parses.
 */
static void xml_text(FILE *out, const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p;) {
        size_t n = utf8_len(p);
        if (n == 0) {
            fputc(0xC0 | *p >> 6, out);
            fputc(0x80 | (*p & 0x3F), out);
            p++;
            continue;
        }
        if (n > 1)
            fwrite(p, 1, n, out);
        else if (*p == '&')
            fputs("&amp;", out);
        else if (*p == '<')
            fputs("&lt;", out);
        else if (*p == '>')
            fputs("&gt;", out);
        else if (*p == '"')
            fputs("&quot;", out);
        else if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            fputc('?', out);
        else
            fputc(*p, out);
        p += n;
    }
}

static void xml_field(FILE *out, const char *name, const char *v)
{
    fprintf(out, "<%s>", name);
    xml_text(out, v);
    fprintf(out, "</%s>", name);
}

/* One row on its own line: <item id="..."><field>value</field>...</item>. */
static void rows_xml(struct cli_rows *w, const cli_row *row)
{
    const char *item = w->o.xml_item ? w->o.xml_item : "row";
    fprintf(w->out, "<%s", item);
    if (row->logid != NULL && w->o.id_name != NULL) {
        fprintf(w->out, " %s=\"", w->o.id_name);
        xml_text(w->out, row->logid);
        fputc('"', w->out);
    }
    fputc('>', w->out);
    if (w->cols != NULL) {
        for (size_t i = 0; i < w->ncols; i++) {
            const char *v = panos_log_entry_get(row, w->cols[i]); /* the id is an attribute */
            if (v != NULL)
                xml_field(w->out, w->cols[i], v);
        }
    } else {
        for (size_t i = 0; i < row->nfields; i++)
            xml_field(w->out, row->fields[i].name, row->fields[i].value);
    }
    fprintf(w->out, "</%s>\n", item);
}

static void csv_cell(FILE *out, const char *v)
{
    if (strpbrk(v, ",\"\r\n") == NULL) {
        fputs(v, out);
        return;
    }
    fputc('"', out);
    for (; *v; v++) {
        if (*v == '"')
            fputc('"', out);
        fputc(*v, out);
    }
    fputc('"', out);
}

/* A streamed table cell: at most @p max bytes of @p v (0: all), line breaks and tabs as
 * spaces, then padded to @p pad. */
static void table_cell(FILE *out, const char *v, int max, int pad)
{
    int n = 0;
    for (; *v && (max <= 0 || n < max); v++, n++)
        fputc(*v == '\n' || *v == '\r' || *v == '\t' ? ' ' : *v, out);
    for (; n < pad; n++)
        fputc(' ', out);
}

/* A CSV or streamed table line; @p row NULL: the header (never cut, only padded). */
static void rows_line(struct cli_rows *w, const cli_row *row)
{
    int used = 0;
    for (size_t i = 0; i < w->ncols; i++) {
        const char *v = row ? cli_row_get(w, row, w->cols[i])
                            : (w->headers ? w->headers[i] : w->cols[i]);
        if (w->o.fmt == CLI_ROWS_CSV) {
            fputs(i ? "," : "", w->out);
            csv_cell(w->out, v ? v : "");
            continue;
        }
        int width = w->o.width(w->cols[i]);
        v = v && v[0] ? v : (row ? "-" : "");
        if (i + 1 < w->ncols && width) {
            table_cell(w->out, v, row ? width : 0, width);
            fputs("  ", w->out);
            used += width + 2;
        } else {
            /* The last column runs free, or fits the terminal. */
            int fit = row && w->o.term_cols > used + 8 ? w->o.term_cols - used : 0;
            table_cell(w->out, v, fit, 0);
        }
    }
    fputc('\n', w->out);
}

int cli_rows_add(struct cli_rows *w, const cli_row *row)
{
    int rc = 0;
    if (w->failed)
        return PANOS_E_IO;
    if (w->o.fmt == CLI_ROWS_JSONL) {
        rc = rows_json(w, row);
    } else if (w->o.fmt == CLI_ROWS_XML) {
        rows_xml(w, row);
    } else {
        if (w->cols == NULL) {
            /* No columns given: those of the first row. */
            w->cols = dup_names(row->fields, row->nfields, field_name_at);
            if (w->cols == NULL)
                return PANOS_E_NOMEM;
            w->ncols = row->nfields;
        }
        if (w->o.fmt == CLI_ROWS_TABLE && w->o.width == NULL) {
            const char **vals = calloc(w->ncols + 1, sizeof(*vals));
            if (vals == NULL)
                return PANOS_E_NOMEM;
            for (size_t i = 0; i < w->ncols; i++)
                vals[i] = cli_row_get(w, row, w->cols[i]);
            w->t.ncols = w->ncols;
            rc = table_add(&w->t, (const char *const *)vals) == 0 ? 0 : PANOS_E_NOMEM;
            free(vals);
            return rc;
        }
        if (!w->header_done && !(w->o.fmt == CLI_ROWS_TABLE && w->o.no_header))
            rows_line(w, NULL);
        w->header_done = 1;
        rows_line(w, row);
    }
    if (ferror(w->out)) {
        w->failed = 1;
        rc = PANOS_E_IO;
    }
    return rc;
}

int cli_rows_end(struct cli_rows *w)
{
    int rc = 0;
    if (w->failed)
        return PANOS_E_IO;
    if (w->o.fmt == CLI_ROWS_TABLE && w->o.width == NULL && w->cols != NULL) {
        w->t.ncols = w->ncols;
        w->t.headers = w->o.no_header ? NULL
                       : w->headers   ? (const char *const *)w->headers
                                      : (const char *const *)w->cols;
        rc = table_print(w->out, &w->t);
    }
    if (w->o.fmt == CLI_ROWS_XML && w->o.xml_close != NULL)
        fputs(w->o.xml_close, w->out);
    if (fflush(w->out) != 0 || ferror(w->out)) {
        w->failed = 1;
        return PANOS_E_IO;
    }
    return rc;
}

/*
 * The value shown for a field: its text, or for a nested list (plugin_versions) the name=
 * attributes (or texts) of its children joined with ", ". Caller frees; NULL = no memory.
 */
static char *field_value(const xmlNode *node)
{
    if (!has_elem_child(node))
        return own_text(node);
    size_t len = 0, cap = 64;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (const xmlNode *c = node->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *name = xmlGetProp(c, (const xmlChar *)"name");
        char *txt = name ? NULL : own_text(c);
        const char *v = name ? (const char *)name : txt;
        if (v == NULL) {
            free(s);
            return NULL;
        }
        size_t n = strlen(v);
        if (n > 0) {
            if (len + n + 3 > cap) {
                while (len + n + 3 > cap)
                    cap *= 2;
                char *g = realloc(s, cap);
                if (g == NULL) {
                    xmlFree(name);
                    free(txt);
                    free(s);
                    return NULL;
                }
                s = g;
            }
            if (len > 0) {
                memcpy(s + len, ", ", 2);
                len += 2;
            }
            memcpy(s + len, v, n + 1);
            len += n;
        }
        xmlFree(name);
        free(txt);
    }
    return s;
}

/* Two columns, field and value, one row for each child element of @p parent. */
static int print_fields(FILE *out, enum cli_rows_format fmt, const xmlNode *parent)
{
    static const char *const cols[] = {"field", "value"};
    const struct cli_rows_opts opts = {.fmt = fmt, .cols = cols, .ncols = 2,
                                       .no_header = 1};
    struct cli_rows *w = NULL;
    int rc = cli_rows_new(&w, out, &opts);
    for (const xmlNode *c = parent->children; c != NULL && rc == 0; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char *v = field_value(c);
        const panos_log_field f[2] = {{"field", (const char *)c->name}, {"value", v}};
        const cli_row row = {NULL, f, 2};
        rc = v == NULL ? PANOS_E_NOMEM : cli_rows_add(w, &row);
        free(v);
    }
    if (rc == 0)
        rc = cli_rows_end(w);
    cli_rows_free(w);
    return rc;
}

/*
 * One row per child element of @p list named @p item; column i is the text of the item's
 * child element @p fields[i]. A table prints @p headers even when the list is empty; CSV
 * names its columns by the @p fields.
 */
static int print_list(FILE *out, enum cli_rows_format fmt, const xmlNode *list, const char *item,
                      const char *const *headers, const char *const *fields, size_t ncols)
{
    const struct cli_rows_opts opts = {.fmt = fmt, .cols = fields, .ncols = ncols,
                                       .headers = fmt == CLI_ROWS_TABLE ? headers : NULL};
    panos_log_field f[16];
    char *owned[16];
    struct cli_rows *w = NULL;
    if (ncols > 16)
        return PANOS_E_INVALID_ARG;
    int rc = cli_rows_new(&w, out, &opts);
    for (const xmlNode *e = list ? list->children : NULL; e != NULL && rc == 0; e = e->next) {
        if (!is_elem(e, item))
            continue;
        for (size_t i = 0; i < ncols; i++) {
            owned[i] = panos_node_text(panos_node_child(e, fields[i]));
            f[i].name = fields[i];
            f[i].value = owned[i] ? owned[i] : "";
        }
        const cli_row row = {NULL, f, ncols};
        rc = cli_rows_add(w, &row);
        for (size_t i = 0; i < ncols; i++)
            xmlFree(owned[i]);
    }
    if (rc == 0)
        rc = cli_rows_end(w);
    cli_rows_free(w);
    return rc;
}

/* ---- generic text: nested key/value lines, for every answer without a table ---- */

static void put_indent(FILE *out, int depth)
{
    for (int i = 0; i < depth; i++)
        fputs("  ", out);
}

/* "key: value" ("-" when empty), or for a value of several lines "key:" and then each line
 * one level deeper. */
static void text_pair(FILE *out, int depth, const char *key, const char *value)
{
    put_indent(out, depth);
    if (strchr(value, '\n') == NULL) {
        fprintf(out, "%s: %s\n", key, value[0] != '\0' ? value : "-");
        return;
    }
    fprintf(out, "%s:\n", key);
    for (const char *p = value; *p != '\0';) {
        size_t n = strcspn(p, "\n"), m = n;
        while (m > 0 && isspace((unsigned char)p[m - 1]))
            m--;
        put_indent(out, depth + 1);
        fprintf(out, "%.*s\n", (int)(m < INT_MAX ? m : INT_MAX), p);
        p += n;
        if (*p == '\n')
            p++;
    }
}

/* Attributes of @p node as "name: value" lines, except name= when it is the node's label. */
static void text_attributes(FILE *out, const xmlNode *node, int depth, int skip_name)
{
    for (const xmlAttr *a = node->properties; a != NULL; a = a->next) {
        if (skip_name && xmlStrcmp(a->name, (const xmlChar *)"name") == 0)
            continue;
        xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
        text_pair(out, depth, (const char *)a->name, v ? (const char *)v : "");
        xmlFree(v);
    }
}

/*
 * One element as text. A leaf is "name: text". An <entry> is labelled by its name= attribute
 * or its <name> child (PAN-OS lists); other elements by their own name. Anything else in the
 * element (attributes, then child elements) follows one level deeper. Repeated elements simply
 * repeat their label. Returns 0 or PANOS_E_NOMEM.
 */
static int text_node(FILE *out, const xmlNode *node, int depth)
{
    const char *label = (const char *)node->name;
    xmlChar *name_attr = NULL;
    char *name_text = NULL;
    const xmlNode *name_child = NULL;
    if (is_elem(node, "entry")) {
        name_attr = xmlGetProp(node, (const xmlChar *)"name");
        if (name_attr == NULL) {
            name_child = elem_child(node, "name");
            if (name_child != NULL && has_elem_child(name_child))
                name_child = NULL;
            if (name_child != NULL && (name_text = own_text(name_child)) == NULL)
                return PANOS_E_NOMEM;
        }
        if (name_attr != NULL)
            label = (const char *)name_attr;
        else if (name_text != NULL)
            label = name_text;
    }
    int named = name_attr != NULL || name_text != NULL;
    int attrs = 0, children = 0;
    for (const xmlAttr *a = node->properties; a != NULL; a = a->next)
        attrs += !(name_attr != NULL && xmlStrcmp(a->name, (const xmlChar *)"name") == 0);
    for (const xmlNode *c = node->children; c != NULL; c = c->next)
        children += c->type == XML_ELEMENT_NODE && c != name_child;
    char *text = own_text(node);
    int rc = text == NULL ? PANOS_E_NOMEM : 0;
    if (rc == 0 && attrs == 0 && children == 0) {
        if (named && text[0] == '\0')
            text_pair(out, depth, (const char *)node->name, label); /* <entry name="all"/> */
        else
            text_pair(out, depth, label, text);
    } else if (rc == 0) {
        if (text[0] != '\0') {
            text_pair(out, depth, label, text);
        } else {
            put_indent(out, depth);
            fprintf(out, "%s:\n", label);
        }
        text_attributes(out, node, depth + 1, name_attr != NULL);
        for (const xmlNode *c = node->children; c != NULL && rc == 0; c = c->next)
            if (c->type == XML_ELEMENT_NODE && c != name_child)
                rc = text_node(out, c, depth + 1);
    }
    free(text);
    free(name_text);
    xmlFree(name_attr);
    return rc;
}

enum known_cmd {
    CMD_NONE,
    CMD_SYSTEM_INFO,
    CMD_INTERFACE_ALL,
    CMD_ARP,
    CMD_SESSION_INFO,
    CMD_SESSION_ALL,
    CMD_JOBS
};

/* Which known op command @p cmd_xml is, parsed (so <info/> and <info></info> are the same). */
static enum known_cmd classify_cmd(const char *cmd_xml)
{
    if (cmd_xml == NULL)
        return CMD_NONE;
    size_t len = strlen(cmd_xml);
    if (len > INT_MAX)
        return CMD_NONE;
    xmlDoc *doc = xmlReadMemory(cmd_xml, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    const xmlNode *show = doc ? xmlDocGetRootElement(doc) : NULL;
    enum known_cmd k = CMD_NONE;
    const xmlNode *n;
    if (!is_elem(show, "show")) {
        k = CMD_NONE;
    } else if ((n = elem_child(show, "system")) != NULL) {
        if (elem_child(n, "info") != NULL)
            k = CMD_SYSTEM_INFO;
    } else if ((n = elem_child(show, "interface")) != NULL) {
        char *t = has_elem_child(n) ? NULL : own_text(n);
        if (t != NULL && strcmp(t, "all") == 0)
            k = CMD_INTERFACE_ALL;
        free(t);
    } else if ((n = elem_child(show, "arp")) != NULL) {
        if (elem_child(n, "entry") != NULL)
            k = CMD_ARP;
    } else if ((n = elem_child(show, "jobs")) != NULL) {
        if (elem_child(n, "all") != NULL || elem_child(n, "processed") != NULL ||
            elem_child(n, "pending") != NULL)
            k = CMD_JOBS;
    } else if ((n = elem_child(show, "session")) != NULL) {
        if (elem_child(n, "info") != NULL)
            k = CMD_SESSION_INFO;
        else if (elem_child(n, "all") != NULL)
            k = CMD_SESSION_ALL;
    }
    xmlFreeDoc(doc);
    return k;
}

/* The table for a known command, as a table or CSV (@p fmt); 1 when @p result has not the
 * expected shape. */
static int print_known(FILE *out, enum cli_rows_format fmt, enum known_cmd k,
                       const xmlNode *result)
{
    static const char *const if_h[] = {"NAME", "ZONE", "IP", "VSYS", "TAG"};
    static const char *const if_f[] = {"name", "zone", "ip", "vsys", "tag"};
    static const char *const hw_h[] = {"NAME", "STATE", "SPEED", "DUPLEX", "MAC"};
    static const char *const hw_f[] = {"name", "state", "speed", "duplex", "mac"};
    static const char *const arp_h[] = {"IP", "MAC", "INTERFACE", "STATUS", "TTL", "PORT"};
    static const char *const arp_f[] = {"ip", "mac", "interface", "status", "ttl", "port"};
    static const char *const ses_h[] = {"ID",     "APPLICATION", "FROM",  "TO",
                                        "SOURCE", "DST",         "DPORT", "STATE"};
    static const char *const ses_f[] = {"idx",    "application", "from",  "to",
                                        "source", "dst",         "dport", "state"};
    static const char *const job_h[] = {"ENQUEUED", "ID", "TYPE", "STATUS", "RESULT", "PROGRESS"};
    static const char *const job_f[] = {"tenq", "id", "type", "status", "result", "progress"};
    const xmlNode *n, *m;
    int rc;
    switch (k) {
    case CMD_JOBS:
        return has_elem_child(result) && elem_child(result, "job") == NULL
                   ? 1
                   : print_list(out, fmt, result, "job", job_h, job_f, 6);
    case CMD_SYSTEM_INFO:
        n = elem_child(result, "system");
        return n ? print_fields(out, fmt, n) : 1;
    case CMD_SESSION_INFO:
        return has_elem_child(result) ? print_fields(out, fmt, result) : 1;
    case CMD_INTERFACE_ALL:
        n = elem_child(result, "ifnet");
        m = elem_child(result, "hw");
        if (n == NULL && m == NULL)
            return 1;
        rc = 0;
        if (n != NULL)
            rc = print_list(out, fmt, n, "entry", if_h, if_f, 5);
        if (rc == 0 && n != NULL && m != NULL)
            fputc('\n', out);
        if (rc == 0 && m != NULL)
            rc = print_list(out, fmt, m, "entry", hw_h, hw_f, 5);
        return rc;
    case CMD_ARP:
        n = elem_child(result, "entries");
        if (n == NULL && elem_child(result, "total") == NULL)
            return 1;
        return print_list(out, fmt, n, "entry", arp_h, arp_f, 6);
    case CMD_SESSION_ALL:
        return print_list(out, fmt, result, "entry", ses_h, ses_f, 8);
    case CMD_NONE:
        break;
    }
    return 1;
}

static int output_text(FILE *out, const panos_response *r, const char *cmd_xml)
{
    const xmlNode *result = panos_response_result(r);
    if (result == NULL)
        return 0;
    enum known_cmd k = classify_cmd(cmd_xml);
    if (k != CMD_NONE) {
        int rc = print_known(out, CLI_ROWS_TABLE, k, result);
        if (rc != 1)
            return rc;
    }
    if (!has_elem_child(result)) {
        char *text = own_text(result);
        if (text == NULL)
            return PANOS_E_NOMEM;
        if (text[0] != '\0')
            fprintf(out, "%s\n", text);
        free(text);
        return 0;
    }
    for (const xmlNode *c = result->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int rc = text_node(out, c, 0);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* ---- CSV: the rows of the op tables above ---- */

int cli_output_has_rows(const char *cmd_xml)
{
    return classify_cmd(cmd_xml) != CMD_NONE;
}

/* The known op tables as CSV (show interface all: two tables, an empty line between them, as
 * in text); any other answer has no rows: PANOS_E_PARSE. */
static int output_csv(FILE *out, const panos_response *r, const char *cmd_xml)
{
    const xmlNode *result = panos_response_result(r);
    enum known_cmd k = classify_cmd(cmd_xml);
    if (is_raw(r) || result == NULL || k == CMD_NONE)
        return PANOS_E_PARSE;
    int rc = print_known(out, CLI_ROWS_CSV, k, result);
    return rc == 1 ? PANOS_E_PARSE : rc;
}

int cli_output_response(FILE *out, const panos_response *r, enum cli_format fmt,
                        const char *cmd_xml, int pretty)
{
    int rc = 0;
    if (fmt == CLI_FORMAT_CSV) {
        rc = output_csv(out, r, cmd_xml);
    } else if (is_raw(r)) {
        rc = output_raw(out, r, fmt, pretty);
    } else {
        switch (fmt) {
        case CLI_FORMAT_XML:
            rc = output_xml(out, r, pretty);
            break;
        case CLI_FORMAT_JSON:
            rc = output_json(out, r, pretty);
            break;
        case CLI_FORMAT_TEXT:
            rc = output_text(out, r, cmd_xml);
            break;
        case CLI_FORMAT_CSV: /* above */
            break;
        }
    }
    if (fflush(out) != 0 || ferror(out))
        return PANOS_E_IO;
    return rc;
}

int cli_output_file(const char *path, const panos_response *r, enum cli_format fmt,
                    const char *cmd_xml, char *errbuf, size_t errlen)
{
    size_t len = 0;
    const char *body = panos_response_body(r, &len);
    if (is_raw(r) && fmt != CLI_FORMAT_JSON && fmt != CLI_FORMAT_CSV) /* as it is: no copy */
        return panos_file_write_atomic(path, body, len, 0600, errbuf, errlen);
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    if (m == NULL)
        return PANOS_E_NOMEM;
    int rc = cli_output_response(m, r, fmt, cmd_xml, 0);
    if (fclose(m) != 0 && rc == 0)
        rc = PANOS_E_NOMEM;
    if (rc == 0)
        rc = panos_file_write_atomic(path, buf, n, 0600, errbuf, errlen);
    if (buf != NULL)
        panos_wipe(buf, n); /* a configuration holds password hashes and keys */
    free(buf);
    return rc;
}

json_t *cli_json_string(const char *s)
{
    json_t *j = json_string(s);
    if (j != NULL)
        return j;
    size_t n = strlen(s), o = 0;
    char *u = malloc(n * 2 + 1);
    if (u == NULL)
        return json_null();
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            u[o++] = (char)c;
        } else {
            u[o++] = (char)(0xC0 | c >> 6);
            u[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    u[o] = '\0';
    j = json_stringn(u, o);
    free(u);
    return j ? j : json_null();
}
