/* SPDX-License-Identifier: MIT */
/* cfgout_json.c -- a streamed config answer as JSON: output_json.c's mapping, written as parsed. */
#include <string.h>
#include "cfgout.h"

/*
 * The mapping of cli_xml_to_json() (output_json.c): the <result> element is the value; a leaf
 * is its trimmed text (null when empty); an element with attributes or children is an object of
 * "@attribute"s, then its children by name, then "#text". entry, member, line and job are
 * always arrays; any other name that repeats becomes an array. Streaming writes a child when
 * it starts, so a repeat must follow its first occurrence directly and, for a name that is not
 * a list, cannot come at all: both are refused (PANOS_E_PARSE) rather than written wrong.
 * PAN-OS configurations repeat only entry and member, always side by side.
 */

static int always_array(const char *name)
{
    return strcmp(name, "entry") == 0 || strcmp(name, "member") == 0 || strcmp(name, "line") == 0 ||
           strcmp(name, "job") == 0;
}

/* A JSON string as jansson writes it: UTF-8 as is, \" \\ \b \f \n \r \t, other controls \u. */
static void json_str(FILE *f, const char *s, size_t n)
{
    static const char chars[] = "\"\\\b\f\n\r\t";
    static const char *const escs[] = {"\\\"", "\\\\", "\\b", "\\f", "\\n", "\\r", "\\t"};
    fputc('"', f);
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *at = c != 0 ? strchr(chars, c) : NULL;
        if (at == NULL && c >= 0x20)
            continue;
        fwrite(s + from, 1, i - from, f);
        if (at != NULL)
            fputs(escs[at - chars], f);
        else
            fprintf(f, "\\u%04X", c);
        from = i + 1;
    }
    fwrite(s + from, 1, n - from, f);
    fputc('"', f);
}

static void newline(struct cli_cfgw *w, int level)
{
    if (!w->pretty)
        return;
    fputc('\n', w->f);
    for (int i = 0; i < level; i++)
        fputs("  ", w->f);
}

/* The next item of @p fr's object: a comma after the first, and its key. */
static void key(struct cli_cfgw *w, struct cli_cfg_frame *fr, const char *prefix, const char *name)
{
    if (!fr->opened) {
        fputc('{', w->f);
        fr->opened = 1;
    }
    if (fr->items++ > 0)
        fputc(',', w->f);
    newline(w, fr->level + 1);
    fputc('"', w->f);
    fputs(prefix, w->f);
    fputs(name, w->f); /* element and attribute names need no escaping (XML Name) */
    fputs(w->pretty ? "\": " : "\":", w->f);
}

static void close_array(struct cli_cfgw *w, struct cli_cfg_frame *fr)
{
    if (!fr->in_array)
        return;
    newline(w, fr->level + 1);
    fputc(']', w->f);
    fr->in_array = 0;
}

/* Whether @p name is among the names of @p fr's children so far (its offset + 1, or 0). */
static size_t seen(const struct cli_cfg_frame *fr, const char *name)
{
    for (size_t at = 0; at < fr->names.len; at += strlen(fr->names.p + at) + 1)
        if (strcmp(fr->names.p + at, name) == 0)
            return at + 1;
    return 0;
}

/* A child @p name starts under @p fr: its key, or the next place in its array. */
static panos_code child(struct cli_cfgw *w, struct cli_cfg_frame *fr, const char *name)
{
    size_t at = seen(fr, name);
    if (at != 0 && at == fr->last && fr->in_array) {
        fputc(',', w->f);
        newline(w, fr->level + 2);
        return PANOS_OK;
    }
    if (at != 0) {
        snprintf(w->err, sizeof(w->err),
                 "-o json: <%.40s> repeats %s, which streamed JSON cannot group; use -o xml", name,
                 always_array(name) ? "apart from its first run" : "and is not a list");
        return PANOS_E_PARSE;
    }
    close_array(w, fr);
    key(w, fr, "", name);
    fr->last = fr->names.len + 1;
    if (cli_sb_add(&fr->names, name, strlen(name) + 1) != 0)
        return PANOS_E_NOMEM;
    if (always_array(name)) {
        fputc('[', w->f);
        fr->in_array = 1;
        newline(w, fr->level + 2);
    }
    return PANOS_OK;
}

static panos_code json_start(struct cli_cfgw *w, int depth, const char *name,
                             const panos_xml_attr *a, size_t n)
{
    if (!w->inside) {
        if (depth != 1 || strcmp(name, "result") != 0)
            return PANOS_OK;
        w->inside = 1;
    }
    struct cli_cfg_frame *fr = &w->fr[depth];
    fr->level = 0;
    if (depth >= 2) {
        struct cli_cfg_frame *parent = &w->fr[depth - 1];
        panos_code rc = child(w, parent, name);
        if (rc != PANOS_OK)
            return rc;
        parent->children++;
        fr->level = parent->level + (parent->in_array ? 2 : 1);
    }
    fr->text.len = fr->names.len = fr->items = fr->last = 0;
    fr->opened = fr->in_array = fr->children = 0;
    for (size_t i = 0; i < n; i++) {
        key(w, fr, "@", a[i].name);
        json_str(w->f, a[i].value, strlen(a[i].value));
    }
    return PANOS_OK;
}

static panos_code json_text(struct cli_cfgw *w, int depth, const char *s, size_t n)
{
    if (!w->inside || depth < 1)
        return PANOS_OK;
    return cli_sb_add_text(&w->fr[depth].text, s, n) == 0 ? PANOS_OK : cli_sb_failed(w);
}

static panos_code json_end(struct cli_cfgw *w, int depth, const char *name)
{
    if (!w->inside)
        return PANOS_OK;
    struct cli_cfg_frame *fr = &w->fr[depth];
    size_t n;
    const char *t = cli_sb_trimmed(&fr->text, &n);
    if (fr->opened) {
        close_array(w, fr);
        if (n > 0) {
            key(w, fr, "", "#text");
            json_str(w->f, t, n);
        }
        newline(w, fr->level);
        fputc('}', w->f);
    } else if (n > 0) {
        json_str(w->f, t, n);
    } else {
        fputs("null", w->f);
    }
    if (depth == 1 && strcmp(name, "result") == 0)
        w->inside = 0;
    return PANOS_OK;
}

static panos_code json_finish(struct cli_cfgw *w)
{
    if (!w->saw_result)
        fputs("null", w->f);
    fputc('\n', w->f);
    return PANOS_OK;
}

const struct cli_cfgw_ops cli_cfgw_json_ops = {json_start, json_text, json_end, json_finish};
