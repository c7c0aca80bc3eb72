/* SPDX-License-Identifier: MIT */
/* cfgout_text.c -- a streamed config answer as text (key: value lines) or as PAN-OS set commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cfgout.h"

/* ---- text: output_text.c's key: value lines for answers without a table ---- */

static void indent(FILE *f, int n)
{
    for (int i = 0; i < n; i++)
        fputs("  ", f);
}

/* "key: value" ("-" when empty); a value of several lines under "key:", one level deeper. */
static void pair(FILE *f, int depth, const char *key, const char *v, size_t n)
{
    indent(f, depth);
    if (memchr(v, '\n', n) == NULL) {
        fprintf(f, "%s: ", key);
        if (n > 0)
            fwrite(v, 1, n, f);
        else
            fputc('-', f);
        fputc('\n', f);
        return;
    }
    fprintf(f, "%s:\n", key);
    for (const char *p = v, *end = v + n; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p), m = len;
        while (m > 0 && (p[m - 1] == ' ' || p[m - 1] == '\t' || p[m - 1] == '\r'))
            m--;
        indent(f, depth + 1);
        fwrite(p, 1, m, f);
        fputc('\n', f);
        p += len + (nl != NULL);
    }
}

/* The pending element's stored name and label (fr->names holds "name\0label\0"). */
static const char *label_of(const struct cli_cfg_frame *fr)
{
    return fr->names.p + strlen(fr->names.p) + 1;
}

/* The pending element has children or attributes: its label line, then its attributes. */
static void flush_container(struct cli_cfgw *w)
{
    int d = w->pend;
    struct cli_cfg_frame *fr = &w->fr[d];
    size_t n;
    const char *t = cli_sb_trimmed(&fr->text, &n);
    if (n > 0) {
        pair(w->f, d - 2, label_of(fr), t, n);
    } else {
        indent(w->f, d - 2);
        fprintf(w->f, "%s:\n", label_of(fr));
    }
    const char *a = w->pend_attrs.p;
    for (size_t i = 0; i < w->pend_nattrs; i++) {
        const char *v = a + strlen(a) + 1;
        pair(w->f, d - 1, a, v, strlen(v));
        a = v + strlen(v) + 1;
    }
    w->pend = -1;
}

/* A new element waits: printed as a leaf at its end, or as a container at its first child. */
static panos_code text_pend(struct cli_cfgw *w, int depth, const char *name,
                            const panos_xml_attr *a, size_t n)
{
    struct cli_cfg_frame *fr = &w->fr[depth];
    const char *label = name;
    fr->member = 0; /* here: labelled by its name= (an <entry>) */
    for (size_t i = 0; i < n && strcmp(name, "entry") == 0; i++)
        if (strcmp(a[i].name, "name") == 0) {
            label = a[i].value;
            fr->member = 1;
        }
    fr->names.len = fr->text.len = 0;
    w->pend_attrs.len = w->pend_nattrs = 0;
    int rc = cli_sb_add(&fr->names, name, strlen(name) + 1);
    rc |= cli_sb_add(&fr->names, label, strlen(label) + 1);
    for (size_t i = 0; i < n; i++) {
        if (fr->member && strcmp(a[i].name, "name") == 0)
            continue;
        rc |= cli_sb_add(&w->pend_attrs, a[i].name, strlen(a[i].name) + 1);
        rc |= cli_sb_add(&w->pend_attrs, a[i].value, strlen(a[i].value) + 1);
        w->pend_nattrs++;
    }
    w->pend = depth;
    return rc == 0 ? PANOS_OK : cli_sb_failed(w);
}

static panos_code text_start(struct cli_cfgw *w, int depth, const char *name,
                             const panos_xml_attr *a, size_t n)
{
    if (!w->inside) {
        if (depth == 1 && strcmp(name, "result") == 0) {
            w->inside = 1;
            w->fr[1].children = 0;
            w->fr[1].text.len = 0;
        }
        return PANOS_OK;
    }
    if (w->pend >= 0)
        flush_container(w);
    w->fr[depth - 1].children++;
    return text_pend(w, depth, name, a, n);
}

static panos_code text_text(struct cli_cfgw *w, int depth, const char *s, size_t n)
{
    if (!w->inside || (depth != w->pend && depth != 1))
        return PANOS_OK;
    return cli_sb_add_text(&w->fr[depth].text, s, n) == 0 ? PANOS_OK : cli_sb_failed(w);
}

static panos_code text_end(struct cli_cfgw *w, int depth, const char *name)
{
    if (!w->inside)
        return PANOS_OK;
    struct cli_cfg_frame *fr = &w->fr[depth];
    size_t n;
    const char *t = cli_sb_trimmed(&fr->text, &n);
    if (depth == 1 && strcmp(name, "result") == 0) {
        if (fr->children == 0 && n > 0) { /* a result of text alone */
            fwrite(t, 1, n, w->f);
            fputc('\n', w->f);
        }
        w->inside = 0;
    } else if (depth == w->pend && w->pend_nattrs > 0) {
        flush_container(w);
    } else if (depth == w->pend) {
        if (fr->member && n == 0) /* <entry name="all"/> */
            pair(w->f, depth - 2, fr->names.p, label_of(fr), strlen(label_of(fr)));
        else
            pair(w->f, depth - 2, label_of(fr), t, n);
        w->pend = -1;
    }
    return PANOS_OK;
}

static panos_code text_finish(struct cli_cfgw *w)
{
    (void)w;
    return PANOS_OK;
}

const struct cli_cfgw_ops cli_cfgw_text_ops = {text_start, text_text, text_end, text_finish};

/* ---- set: the configure-mode commands that make the subtree ---- */

/* A word of a set command, double-quoted when the CLI would split or misread it, appended to
 * @p b (no allocation per word: @p b is reused). */
static int quote_into(struct cli_sb *b, const char *s, size_t n)
{
    static const char chars[] = "\"\\\n\r\t";
    static const char *const escs[] = {"\\\"", "\\\\", "\\n", "\\r", "\\t"};
    if (n > 0 && strcspn(s, " \t\r\n\"'\\;|[]{}#") >= n)
        return cli_sb_add(b, s, n);
    int rc = cli_sb_add(b, "\"", 1);
    for (size_t i = 0, from = 0; i <= n; i++) {
        const char *at = i < n && s[i] != '\0' ? strchr(chars, s[i]) : NULL;
        if (at == NULL && i < n)
            continue;
        rc |= cli_sb_add(b, s + from, i - from);
        if (at != NULL)
            rc |= cli_sb_add(b, escs[at - chars], 2);
        from = i + 1;
    }
    return rc | cli_sb_add(b, "\"", 1);
}

static const char *next_word(const char *p, const char *end)
{
    return p < end ? p + strlen(p) + 1 : end;
}

static panos_code emit(struct cli_cfgw *w, const char *tail, size_t tlen, int bracket)
{
    if (w->words.p == NULL)
        return PANOS_OK;
    const char *p = w->words.p, *end = p + w->words.len;
    if (p < end && strcmp(p, "config") == 0)
        p = next_word(p, end);
    if (p < end && strcmp(p, "devices") == 0 && next_word(p, end) < end)
        p = next_word(next_word(p, end), end);
    if (p < end && strcmp(p, "vsys") == 0 && next_word(p, end) < end &&
        strcmp(next_word(p, end), "vsys1") == 0)
        p = next_word(next_word(p, end), end);
    if (p >= end)
        return PANOS_OK;
    fputs("set", w->f);
    for (; p < end; p += strlen(p) + 1) {
        w->scratch.len = 0;
        if (quote_into(&w->scratch, p, strlen(p)) != 0)
            return cli_sb_failed(w);
        fputc(' ', w->f);
        fwrite(w->scratch.p, 1, w->scratch.len, w->f);
    }
    if (bracket)
        fputs(" [ ", w->f);
    else if (tail != NULL)
        fputc(' ', w->f);
    if (tail != NULL)
        fwrite(tail, 1, tlen, w->f);
    fputs(bracket ? " ]\n" : "\n", w->f);
    return PANOS_OK;
}

static panos_code set_start(struct cli_cfgw *w, int depth, const char *name,
                            const panos_xml_attr *a, size_t n)
{
    if (!w->inside || depth < 2) {
        w->inside = w->inside || (depth == 1 && strcmp(name, "result") == 0);
        return PANOS_OK;
    }
    w->fr[depth - 1].children++;
    struct cli_cfg_frame *fr = &w->fr[depth];
    fr->text.len = fr->members.len = fr->nmembers = 0;
    fr->children = 0;
    fr->word = w->words.len;
    fr->member = strcmp(name, "member") == 0 && depth > 2;
    if (fr->member)
        return PANOS_OK;
    const char *wd = name;
    for (size_t i = 0; i < n && strcmp(name, "entry") == 0; i++)
        if (strcmp(a[i].name, "name") == 0)
            wd = a[i].value;
    return cli_sb_add(&w->words, wd, strlen(wd) + 1) == 0 ? PANOS_OK : cli_sb_failed(w);
}

static panos_code set_text(struct cli_cfgw *w, int depth, const char *s, size_t n)
{
    if (!w->inside || depth < 2)
        return PANOS_OK;
    return cli_sb_add_text(&w->fr[depth].text, s, n) == 0 ? PANOS_OK : cli_sb_failed(w);
}

/* A <member> joins its parent's list: quoted like a word, space-separated. */
static panos_code add_member(struct cli_cfgw *w, struct cli_cfg_frame *parent, const char *t,
                             size_t n)
{
    int rc = parent->nmembers++ > 0 ? cli_sb_add(&parent->members, " ", 1) : 0;
    return rc | quote_into(&parent->members, t, n) ? cli_sb_failed(w) : PANOS_OK;
}

static panos_code set_end(struct cli_cfgw *w, int depth, const char *name)
{
    if (!w->inside || depth < 2) {
        if (depth == 1 && strcmp(name, "result") == 0)
            w->inside = 0;
        return PANOS_OK;
    }
    struct cli_cfg_frame *fr = &w->fr[depth];
    size_t n;
    const char *t = cli_sb_trimmed(&fr->text, &n);
    if (fr->member)
        return add_member(w, &w->fr[depth - 1], t, n);
    panos_code rc = PANOS_OK;
    if (fr->nmembers > 0) {
        rc = emit(w, fr->members.p, fr->members.len, fr->nmembers > 1);
    } else if (fr->children == 0 && n > 0) {
        fr->members.len = 0; /* no members: its buffer holds the quoted value */
        rc = quote_into(&fr->members, t, n) != 0 ? cli_sb_failed(w)
                                                 : emit(w, fr->members.p, fr->members.len, 0);
    } else if (fr->children == 0) {
        rc = emit(w, NULL, 0, 0);
    }
    w->words.len = fr->word;
    return rc;
}

static panos_code set_finish(struct cli_cfgw *w)
{
    (void)w;
    return PANOS_OK;
}

const struct cli_cfgw_ops cli_cfgw_set_ops = {set_start, set_text, set_end, set_finish};

/* The word of one xpath step: a name, or entry[@name='x'] (x); 0 when it is neither. */
static int step_word(struct cli_cfgw *w, const char *s, size_t n)
{
    static const char head[] = "entry[@name=";
    size_t h = sizeof(head) - 1;
    if (n > h + 3 && memcmp(s, head, h) == 0 && (s[h] == '\'' || s[h] == '"') && s[n - 2] == s[h] &&
        s[n - 1] == ']' && memchr(s + h + 1, s[h], n - h - 3) == NULL)
        return cli_sb_add(&w->words, s + h + 1, n - h - 3) == 0 &&
               cli_sb_add(&w->words, "", 1) == 0;
    if (n == 5 && memcmp(s, "entry", 5) == 0)
        return 0; /* every entry: which one is not known */
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_' || s[i] == '.'))
            return 0;
    return n > 0 && cli_sb_add(&w->words, s, n) == 0 && cli_sb_add(&w->words, "", 1) == 0;
}

/*
 * The shown node's place: the words of every step of @p xpath but the last (the last is the
 * node itself, the <result>'s child). An xpath of another shape (a bare entry, //, *, other
 * predicates) gives no prefix: the commands then start at the shown node.
 */
int cli_cfg_set_prefix(struct cli_cfgw *w, const char *xpath)
{
    const char *last = xpath ? strrchr(xpath, '/') : NULL;
    if (xpath == NULL || xpath[0] != '/' || strstr(xpath, "//") != NULL)
        return 0;
    /* The last step may hold a '/' inside its quotes: find it from the left instead. */
    for (const char *p = xpath + 1; p < last;) {
        size_t n = 0;
        char q = 0;
        while (p[n] != '\0' && (q != 0 || p[n] != '/')) {
            if (q == 0 && (p[n] == '\'' || p[n] == '"'))
                q = p[n];
            else if (p[n] == q)
                q = 0;
            n++;
        }
        if (p[n] == '\0')
            break; /* that was the last step */
        if (!step_word(w, p, n)) {
            w->words.len = 0;
            break;
        }
        p += n + 1;
    }
    return 0;
}
