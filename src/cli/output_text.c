/* SPDX-License-Identifier: MIT */
/* output_text.c -- panctl's text output: tables for the op answers it knows, key: value otherwise. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "output.h"
#include "output_priv.h"

static int is_named(const panos_node *n, const char *name)
{
    return n != NULL && strcmp(panos_node_name(n), name) == 0;
}

/* A malloc'd copy of the own text of @p node (see panos_node_own_text()), or NULL. */
static char *own_text(const panos_node *node)
{
    panos_buf b = PANOS_BUF_INIT;
    char *s = panos_node_own_text(&b, node) == PANOS_OK ? strdup(b.ptr) : NULL;
    panos_buf_dispose(&b);
    return s;
}

/*
 * The value shown for a field: its text, or for a nested list (plugin_versions) the name=
 * attributes (or texts) of its children joined with ", ". Caller frees; NULL = no memory.
 */
static char *field_value(const panos_node *node)
{
    if (!panos_node_has_children(node))
        return own_text(node);
    size_t len = 0, cap = 64;
    char *s = malloc(cap);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (const panos_node *c = panos_node_first(node); c != NULL; c = panos_node_next(c)) {
        const char *name = panos_node_attr(c, "name");
        char *txt = name ? NULL : own_text(c);
        const char *v = name ? name : txt;
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
        free(txt);
    }
    return s;
}

/* Two columns, field and value, one row for each child element of @p parent. */
static int print_fields(FILE *out, enum cli_rows_format fmt, const panos_node *parent)
{
    static const char *const cols[] = {"field", "value"};
    const struct cli_rows_opts opts = {.fmt = fmt, .cols = cols, .ncols = 2,
                                       .no_header = 1};
    struct cli_rows *w = NULL;
    int rc = cli_rows_new(&w, out, &opts);
    for (const panos_node *c = panos_node_first(parent); c != NULL && rc == 0;
         c = panos_node_next(c)) {
        char *v = field_value(c);
        const panos_log_field f[2] = {{"field", panos_node_name(c)}, {"value", v}};
        const cli_row row = {NULL, f, 2};
        rc = v == NULL ? PANOS_E_NOMEM : cli_rows_add(w, &row);
        free(v);
    }
    if (rc == 0)
        rc = cli_rows_end(w);
    cli_rows_free(w);
    return rc;
}

/* The row of list item @p e: column i is the text of its child element @p fields[i]. */
int cli_out_list_row(struct cli_rows *w, const panos_node *e, const char *const *fields,
                     size_t ncols)
{
    panos_log_field f[CLI_LIST_MAX_COLS];
    panos_buf owned[CLI_LIST_MAX_COLS];
    int rc = 0;
    if (ncols > CLI_LIST_MAX_COLS)
        return PANOS_E_INVALID_ARG;
    for (size_t i = 0; i < ncols; i++) {
        owned[i] = (panos_buf)PANOS_BUF_INIT;
        if (rc == 0)
            rc = panos_node_text(&owned[i], panos_node_child(e, fields[i]));
        f[i].name = fields[i];
        f[i].value = owned[i].ptr ? owned[i].ptr : "";
    }
    const cli_row row = {NULL, f, ncols};
    if (rc == 0)
        rc = cli_rows_add(w, &row);
    for (size_t i = 0; i < ncols; i++)
        panos_buf_dispose(&owned[i]);
    return rc;
}

int cli_out_list_new(struct cli_rows **w, FILE *out, enum cli_rows_format fmt,
                     const char *const *headers, const char *const *fields, size_t ncols)
{
    const struct cli_rows_opts opts = {.fmt = fmt,
                                       .cols = fields,
                                       .ncols = ncols,
                                       .headers = fmt == CLI_ROWS_TABLE ? headers : NULL};
    if (ncols > CLI_LIST_MAX_COLS)
        return PANOS_E_INVALID_ARG;
    return cli_rows_new(w, out, &opts);
}

/*
 * One row per child element of @p list named @p item; column i is the text of the item's
 * child element @p fields[i]. A table prints @p headers even when the list is empty; CSV
 * names its columns by the @p fields.
 */
static int print_list(FILE *out, enum cli_rows_format fmt, const panos_node *list,
                      const char *item, const char *const *headers, const char *const *fields,
                      size_t ncols)
{
    struct cli_rows *w = NULL;
    int rc = cli_out_list_new(&w, out, fmt, headers, fields, ncols);
    for (const panos_node *e = panos_node_child(list, item); e != NULL && rc == 0;
         e = panos_node_next_named(e, item))
        rc = cli_out_list_row(w, e, fields, ncols);
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
static void text_attributes(FILE *out, const panos_node *node, int depth, int skip_name)
{
    for (const panos_attr *a = panos_node_attrs(node); a != NULL; a = panos_attr_next(a)) {
        if (skip_name && strcmp(panos_attr_name(a), "name") == 0)
            continue;
        const char *v = panos_attr_value(a);
        text_pair(out, depth, panos_attr_name(a), v ? v : "");
    }
}

/*
 * One element as text. A leaf is "name: text". An <entry> is labelled by its name= attribute
 * or its <name> child (PAN-OS lists); other elements by their own name. Anything else in the
 * element (attributes, then child elements) follows one level deeper. Repeated elements simply
 * repeat their label. Returns 0 or PANOS_E_NOMEM.
 */
int cli_out_text_node(FILE *out, const panos_node *node, int depth)
{
    const char *label = panos_node_name(node);
    const char *name_attr = NULL;
    panos_buf name_text = PANOS_BUF_INIT;
    const panos_node *name_child = NULL;
    int rc = 0;
    if (is_named(node, "entry")) {
        name_attr = panos_node_attr(node, "name");
        if (name_attr == NULL) {
            name_child = panos_node_child(node, "name");
            if (name_child != NULL && panos_node_has_children(name_child))
                name_child = NULL;
            if (name_child != NULL && panos_node_own_text(&name_text, name_child) != PANOS_OK)
                rc = PANOS_E_NOMEM;
        }
        if (name_attr != NULL)
            label = name_attr;
        else if (name_text.ptr != NULL)
            label = name_text.ptr;
    }
    int named = name_attr != NULL || name_text.ptr != NULL;
    int attrs = 0, children = 0;
    for (const panos_attr *a = panos_node_attrs(node); a != NULL; a = panos_attr_next(a))
        attrs += !(name_attr != NULL && strcmp(panos_attr_name(a), "name") == 0);
    for (const panos_node *c = panos_node_first(node); c != NULL; c = panos_node_next(c))
        children += c != name_child;
    panos_buf text = PANOS_BUF_INIT;
    if (rc == 0 && panos_node_own_text(&text, node) != PANOS_OK)
        rc = PANOS_E_NOMEM;
    if (rc == 0 && attrs == 0 && children == 0) {
        if (named && text.ptr[0] == '\0')
            text_pair(out, depth, panos_node_name(node), label); /* <entry name="all"/> */
        else
            text_pair(out, depth, label, text.ptr);
    } else if (rc == 0) {
        if (text.ptr[0] != '\0') {
            text_pair(out, depth, label, text.ptr);
        } else {
            put_indent(out, depth);
            fprintf(out, "%s:\n", label);
        }
        text_attributes(out, node, depth + 1, name_attr != NULL);
        for (const panos_node *c = panos_node_first(node); c != NULL && rc == 0;
             c = panos_node_next(c))
            if (c != name_child)
                rc = cli_out_text_node(out, c, depth + 1);
    }
    panos_buf_dispose(&text);
    panos_buf_dispose(&name_text);
    return rc;
}

const char *const cli_session_headers[8] = {"ID",     "APPLICATION", "FROM",  "TO",
                                            "SOURCE", "DST",         "DPORT", "STATE"};
const char *const cli_session_fields[8] = {"idx",    "application", "from",  "to",
                                           "source", "dst",         "dport", "state"};

enum known_cmd {
    CMD_NONE,
    CMD_SYSTEM_INFO,
    CMD_INTERFACE_ALL,
    CMD_ARP,
    CMD_SESSION_INFO,
    CMD_SESSION_ALL,
    CMD_JOBS,
    CMD_DAG
};

/* Which known op command @p cmd_xml is, parsed (so <info/> and <info></info> are the same). */
static enum known_cmd classify_cmd(const char *cmd_xml)
{
    if (cmd_xml == NULL)
        return CMD_NONE;
    panos_doc *doc = NULL;
    if (panos_doc_parse(&doc, cmd_xml, strlen(cmd_xml), NULL, 0) != PANOS_OK)
        return CMD_NONE;
    const panos_node *show = panos_doc_root(doc);
    enum known_cmd k = CMD_NONE;
    const panos_node *n;
    if (!is_named(show, "show")) {
        k = CMD_NONE;
    } else if ((n = panos_node_child(show, "system")) != NULL) {
        if (panos_node_child(n, "info") != NULL)
            k = CMD_SYSTEM_INFO;
    } else if ((n = panos_node_child(show, "interface")) != NULL) {
        panos_buf t = PANOS_BUF_INIT;
        if (!panos_node_has_children(n) && panos_node_own_text(&t, n) == PANOS_OK &&
            strcmp(t.ptr, "all") == 0)
            k = CMD_INTERFACE_ALL;
        panos_buf_dispose(&t);
    } else if ((n = panos_node_child(show, "arp")) != NULL) {
        if (panos_node_child(n, "entry") != NULL)
            k = CMD_ARP;
    } else if ((n = panos_node_child(show, "jobs")) != NULL) {
        if (panos_node_child(n, "all") != NULL || panos_node_child(n, "processed") != NULL ||
            panos_node_child(n, "pending") != NULL)
            k = CMD_JOBS;
    } else if ((n = panos_node_child(show, "object")) != NULL) {
        if (panos_node_child(n, "dynamic-address-group") != NULL)
            k = CMD_DAG;
    } else if ((n = panos_node_child(show, "session")) != NULL) {
        if (panos_node_child(n, "info") != NULL)
            k = CMD_SESSION_INFO;
        else if (panos_node_child(n, "all") != NULL)
            k = CMD_SESSION_ALL;
    }
    panos_doc_free(doc);
    return k;
}

/* The table for a known command; 1 when @p result has not the expected shape. */
static int print_known(FILE *out, enum cli_rows_format fmt, enum known_cmd k,
                       const panos_node *result)
{
    static const char *const if_h[] = {"NAME", "ZONE", "IP", "VSYS", "TAG"};
    static const char *const if_f[] = {"name", "zone", "ip", "vsys", "tag"};
    static const char *const hw_h[] = {"NAME", "STATE", "SPEED", "DUPLEX", "MAC"};
    static const char *const hw_f[] = {"name", "state", "speed", "duplex", "mac"};
    static const char *const arp_h[] = {"IP", "MAC", "INTERFACE", "STATUS", "TTL", "PORT"};
    static const char *const arp_f[] = {"ip", "mac", "interface", "status", "ttl", "port"};
    static const char *const job_h[] = {"ENQUEUED", "ID", "TYPE", "STATUS", "RESULT", "PROGRESS"};
    static const char *const job_f[] = {"tenq", "id", "type", "status", "result", "progress"};
    const panos_node *n, *m;
    int rc;
    switch (k) {
    case CMD_JOBS:
        return panos_node_has_children(result) && panos_node_child(result, "job") == NULL
                   ? 1
                   : print_list(out, fmt, result, "job", job_h, job_f, 6);
    case CMD_SYSTEM_INFO:
        n = panos_node_child(result, "system");
        return n ? print_fields(out, fmt, n) : 1;
    case CMD_SESSION_INFO:
        return panos_node_has_children(result) ? print_fields(out, fmt, result) : 1;
    case CMD_INTERFACE_ALL:
        n = panos_node_child(result, "ifnet");
        m = panos_node_child(result, "hw");
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
        n = panos_node_child(result, "entries");
        if (n == NULL && panos_node_child(result, "total") == NULL)
            return 1;
        return print_list(out, fmt, n, "entry", arp_h, arp_f, 6);
    case CMD_SESSION_ALL:
        return print_list(out, fmt, result, "entry", cli_session_headers, cli_session_fields, 8);
    case CMD_DAG:
        return cli_out_dag(out, fmt, result);
    case CMD_NONE:
        break;
    }
    return 1;
}

int cli_out_text(FILE *out, const panos_response *r, const char *cmd_xml)
{
    const panos_node *result = panos_response_result(r);
    if (result == NULL)
        return 0;
    enum known_cmd k = classify_cmd(cmd_xml);
    if (k != CMD_NONE) {
        int rc = print_known(out, CLI_ROWS_TABLE, k, result);
        if (rc != 1)
            return rc;
    }
    if (!panos_node_has_children(result)) {
        panos_buf text = PANOS_BUF_INIT;
        if (panos_node_own_text(&text, result) != PANOS_OK) {
            panos_buf_dispose(&text);
            return PANOS_E_NOMEM;
        }
        if (text.ptr[0] != '\0')
            fprintf(out, "%s\n", text.ptr);
        panos_buf_dispose(&text);
        return 0;
    }
    for (const panos_node *c = panos_node_first(result); c != NULL; c = panos_node_next(c)) {
        int rc = cli_out_text_node(out, c, 0);
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

int cli_out_csv(FILE *out, const panos_response *r, const char *cmd_xml)
{
    const panos_node *result = panos_response_result(r);
    enum known_cmd k = classify_cmd(cmd_xml);
    if (result == NULL || k == CMD_NONE)
        return PANOS_E_PARSE;
    int rc = print_known(out, CLI_ROWS_CSV, k, result);
    return rc == 1 ? PANOS_E_PARSE : rc;
}

int cli_out_session_all(const char *cmd_xml)
{
    return classify_cmd(cmd_xml) == CMD_SESSION_ALL;
}
