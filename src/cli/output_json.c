/* SPDX-License-Identifier: MIT */
/* output_json.c -- panctl's JSON output: answers mapped from XML to JSON (jansson), raw ones too. */
#include <stdlib.h>
#include <string.h>
#include "output.h"
#include "output_priv.h"

/* Elements that are lists in PAN-OS, so they map to arrays even when there is only one. */
int cli_json_always_array(const char *name)
{
    static const char *const names[] = {"entry", "member", "line", "job"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i]) == 0)
            return 1;
    return 0;
}

/* Set obj[key] = "@"-prefixed attribute values of @p node. Returns -1 when out of memory. */
static int add_attributes(json_t *obj, const panos_node *node)
{
    for (const panos_attr *a = panos_node_attrs(node); a != NULL; a = panos_attr_next(a)) {
        const char *name = panos_attr_name(a), *val = panos_attr_value(a);
        size_t n = strlen(name);
        char *key = malloc(n + 2);
        int rc = -1;
        if (key != NULL) {
            key[0] = '@';
            memcpy(key + 1, name, n + 1);
            rc = json_object_set_new(obj, key, json_string(val ? val : ""));
        }
        free(key);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* A new array of @p have (when not NULL, a reference added) then @p val (its reference taken
 * on every path). NULL when out of memory. */
static json_t *array_of(json_t *have, json_t *val)
{
    json_t *arr = json_array();
    if (arr == NULL || (have != NULL && json_array_append(arr, have) != 0)) {
        json_decref(arr);
        json_decref(val);
        return NULL;
    }
    if (json_array_append_new(arr, val) != 0) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

/* Add one child's value under its name: repeated names and list elements become arrays. */
int cli_json_add_child(json_t *obj, const char *name, json_t *val)
{
    json_t *have = json_object_get(obj, name);
    if (have == NULL && !cli_json_always_array(name))
        return json_object_set_new(obj, name, val);
    if (have != NULL && json_is_array(have))
        return json_array_append_new(have, val);
    /* The first element of a list, or a second element of the same name: into an array. */
    json_t *arr = array_of(have, val);
    return arr != NULL ? json_object_set_new(obj, name, arr) : -1;
}

json_t *cli_xml_to_json(const panos_node *node)
{
    if (node == NULL)
        return json_null();
    panos_buf text = PANOS_BUF_INIT;
    if (panos_node_own_text(&text, node) != PANOS_OK) {
        panos_buf_dispose(&text);
        return NULL;
    }
    if (panos_node_attrs(node) == NULL && !panos_node_has_children(node)) {
        json_t *leaf = text.size > 0 ? json_string(text.ptr) : json_null();
        panos_buf_dispose(&text);
        return leaf;
    }
    json_t *obj = json_object();
    if (obj == NULL || add_attributes(obj, node) != 0)
        goto fail;
    for (const panos_node *c = panos_node_first(node); c != NULL; c = panos_node_next(c)) {
        json_t *val = cli_xml_to_json(c);
        if (val == NULL)
            goto fail;
        const char *name = panos_node_name(c);
        if (cli_json_add_child(obj, name, val) != 0)
            goto fail;
    }
    if (text.size > 0 && json_object_set_new(obj, "#text", json_string(text.ptr)) != 0)
        goto fail;
    panos_buf_dispose(&text);
    return obj;
fail:
    panos_buf_dispose(&text);
    json_decref(obj);
    return NULL;
}

/* Write @p j (its reference is taken; NULL means out of memory) and a newline. */
static int write_json(FILE *out, json_t *j, int pretty)
{
    if (j == NULL)
        return PANOS_E_NOMEM;
    size_t flags = JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
    int rc = json_dumpf(j, out, flags);
    json_decref(j);
    if (rc != 0) /* jansson fails for a write or for memory (its key order, its loop check) */
        return ferror(out) ? PANOS_E_IO : PANOS_E_NOMEM;
    fputc('\n', out);
    return 0;
}

int cli_out_json(FILE *out, const panos_response *r, int pretty)
{
    return write_json(out, cli_xml_to_json(panos_response_result(r)), pretty);
}

int cli_out_json_raw(FILE *out, const panos_response *r, int pretty)
{
    const panos_node *root = panos_response_root(r);
    if (root == NULL)
        return PANOS_E_PARSE;
    json_t *j = json_object();
    json_t *v = cli_xml_to_json(root);
    if (j == NULL || v == NULL) {
        json_decref(j);
        json_decref(v);
        return PANOS_E_NOMEM;
    }
    if (json_object_set_new(j, panos_node_name(root), v) != 0) {
        json_decref(j); /* set_new has released v */
        return PANOS_E_NOMEM;
    }
    return write_json(out, j, pretty);
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
