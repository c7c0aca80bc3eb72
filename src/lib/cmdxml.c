/* SPDX-License-Identifier: MIT */
/* cmdxml.c -- turn CLI text (show system info) into the XML command PAN-OS expects. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/cmdxml.h>
#include "sbuf.h"
#include "contract.h"

/* How much of a word an error message quotes. */
#define QUOTE_MAX 40

/* One open element: its name points into the caller's text (names are never quoted). */
struct elem {
    const char *name;
    size_t len;
    size_t tag_start; /* offset of its '<' in the output */
    int tag_open;     /* the start tag still lacks its '>' (no child or text yet) */
};

enum kind { WORD_NAME, WORD_VALUE, WORD_ATTR };

/* One word of the command, unquoted into a scratch buffer. */
struct word {
    enum kind kind;
    size_t start; /* byte offset of the word in the text */
    size_t eq;    /* offset in the unquoted text of the attribute's '=' */
};

static panos_code fail(char *errbuf, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static panos_code fail(char *errbuf, size_t errlen, const char *fmt, ...)
{
    if (errbuf != NULL && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(errbuf, errlen, fmt, ap);
        va_end(ap);
    }
    return PANOS_E_INVALID_ARG;
}

/* The 1-based column of byte offset @p off, counting UTF-8 characters, not bytes. */
static size_t column(const char *text, size_t off)
{
    size_t col = 1;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int is_name_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int is_name(const char *s, size_t n)
{
    if (n == 0 || !is_name_start(s[0]))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!is_name_start(s[i]) && !(s[i] >= '0' && s[i] <= '9') && s[i] != '-')
            return 0;
    return 1;
}

/* The entity for a character XML text or attributes cannot hold as is, or NULL. */
static const char *entity(char c)
{
    static const char chars[] = "&<>\"'";
    static const char *const names[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    const char *hit = c != '\0' ? strchr(chars, c) : NULL;
    return hit != NULL ? names[hit - chars] : NULL;
}

static void escape(panos__sb *sb, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = entity(s[i]);
        if (e == NULL)
            continue;
        panos__sb_append(sb, s + run, i - run);
        panos__sb_puts(sb, e);
        run = i + 1;
    }
    panos__sb_append(sb, s + run, n - run);
}

/*
 * Read the word at text[*pos] (not a space) into @p tok, unquoting as the shell does: "..."
 * and '...' may appear anywhere in a word, \" and \\ are escapes inside double quotes only.
 * Leaves *pos after the word.
 */
static panos_code read_word(const char *text, size_t *pos, panos__sb *tok, struct word *w,
                            char *errbuf, size_t errlen)
{
    size_t p = *pos;
    int quoted = 0;
    tok->len = 0;
    w->start = p;
    w->eq = (size_t)-1;
    while (text[p] != '\0' && !is_space(text[p])) {
        char c = text[p];
        if (c == '"' || c == '\'') {
            size_t open = p++;
            quoted = 1;
            while (text[p] != '\0' && text[p] != c) {
                if (c == '"' && text[p] == '\\' && (text[p + 1] == '"' || text[p + 1] == '\\'))
                    p++;
                if ((unsigned char)text[p] < 0x20 && !is_space(text[p]))
                    return fail(errbuf, errlen, "control character 0x%02x at column %zu",
                                (unsigned)(unsigned char)text[p], column(text, p));
                panos__sb_append(tok, text + p, 1);
                p++;
            }
            if (text[p] == '\0')
                return fail(errbuf, errlen,
                            "unbalanced %c at column %zu: no closing %c before the end", c,
                            column(text, open), c);
            p++;
            continue;
        }
        if ((unsigned char)c < 0x20)
            return fail(errbuf, errlen, "control character 0x%02x at column %zu",
                        (unsigned)(unsigned char)c, column(text, p));
        if (c == '=' && !quoted && w->eq == (size_t)-1)
            w->eq = tok->len;
        panos__sb_append(tok, &c, 1);
        p++;
    }
    panos__sb_append(tok, "", 0); /* keep tok->ptr valid for an empty "" word */
    *pos = p;
    if (w->eq != (size_t)-1 && is_name(tok->ptr, w->eq))
        w->kind = WORD_ATTR;
    else if (!quoted && is_name(tok->ptr, tok->len))
        w->kind = WORD_NAME;
    else
        w->kind = WORD_VALUE;
    return PANOS_OK;
}

/*
 * Elements whose argument PAN-OS types as a value even when it looks like a name:
 * `show interface all` is <show><interface>all</interface></show> (CPAN Device-PaloAlto-Firewall
 * t/02-interfaces.t captures (show interface all)), `show dhcp server lease interface all` likewise
 * (third-party lease scripts parsing result/interface/entry). The word right after one of these
 * (before any child) is its text.
 */
static int takes_value(const char *name, size_t len)
{
    static const char *const names[] = {"interface", "zone", "vsys", "target-vsys",
                                        "virtual-router", "filter", "filter-pretty"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
            return 1;
    return 0;
}

/*
 * Elements whose argument PAN-OS types as the name of an <entry> child: the CLI's `show arp all`
 * is <show><arp><entry name='all'/></arp></show> in the XML API (PAN-OS XML API guide, "Use the
 * API Browser", PAN-OS 10.2; the Cortex XSOAR PAN-OS integration's show_arp_all.xml). The word
 * right after one of these (before any child), unless it is `entry` itself, becomes that entry.
 */
static int names_entry(const char *name, size_t len)
{
    return len == 3 && memcmp(name, "arp", 3) == 0;
}

/* Give the top element its '>' before a child or text goes in. */
static void close_start_tag(panos__sb *sb, struct elem *e)
{
    if (e->tag_open) {
        panos__sb_puts(sb, ">");
        e->tag_open = 0;
    }
}

/* Whether the start tag that begins at @p tag_start already has attribute @p name. */
static int has_attr(const panos__sb *sb, size_t tag_start, const char *name, size_t n)
{
    /* Attribute values are escaped, so ' name="' can only be a real attribute. */
    for (size_t i = tag_start; i + n + 2 < sb->len; i++)
        if (sb->ptr[i] == ' ' && memcmp(sb->ptr + i + 1, name, n) == 0 &&
            sb->ptr[i + 1 + n] == '=' && sb->ptr[i + 2 + n] == '"')
            return 1;
    return 0;
}

static panos_code convert(panos__sb *sb, const char *text, char *errbuf, size_t errlen)
{
    size_t n = strlen(text);
    /* Every element takes at least a character and a space: this bounds the depth. */
    struct elem *stack = malloc((n / 2 + 1) * sizeof(*stack));
    panos__sb tok = PANOS__SB_INIT;
    size_t depth = 0, pos = 0, words = 0;
    const struct elem *closed = NULL; /* the element a value closed last */
    struct elem closed_copy = {NULL, 0, 0, 0};
    panos_code rc = PANOS_OK;
    if (stack == NULL)
        return PANOS_E_NOMEM;

    for (;;) {
        while (is_space(text[pos]))
            pos++;
        if (text[pos] == '\0')
            break;
        struct word w = {0};
        rc = read_word(text, &pos, &tok, &w, errbuf, errlen);
        if (rc != PANOS_OK)
            break;
        if (tok.failed) {
            rc = PANOS_E_NOMEM;
            break;
        }
        words++;
        struct elem *top = depth > 0 ? &stack[depth - 1] : NULL;
        size_t col = column(text, w.start);
        if (w.kind == WORD_NAME && top != NULL && top->tag_open && takes_value(top->name, top->len))
            w.kind = WORD_VALUE;
        if (w.kind != WORD_ATTR && top != NULL && top->tag_open &&
            names_entry(top->name, top->len) && !(tok.len == 5 && memcmp(tok.ptr, "entry", 5) == 0)) {
            close_start_tag(sb, top);
            panos__sb_puts(sb, "<entry name=\"");
            escape(sb, tok.ptr, tok.len);
            panos__sb_puts(sb, "\"/>");
            continue;
        }
        if (w.kind == WORD_NAME) {
            if (top == NULL && closed != NULL) {
                rc = fail(errbuf, errlen,
                          "'%.*s' at column %zu would be a second top-level element: the value "
                          "before it closed '%.*s'",
                          QUOTE_MAX, tok.ptr, col, (int)closed->len, closed->name);
                break;
            }
            if (top != NULL)
                close_start_tag(sb, top);
            stack[depth].name = text + w.start;
            stack[depth].len = tok.len;
            stack[depth].tag_start = sb->len;
            stack[depth].tag_open = 1;
            depth++;
            panos__sb_puts(sb, "<");
            panos__sb_append(sb, tok.ptr, tok.len);
        } else if (w.kind == WORD_VALUE) {
            if (top == NULL || !top->tag_open) {
                if (closed != NULL)
                    rc = fail(errbuf, errlen,
                              "value '%.*s' at column %zu has no element before it ('%.*s' "
                              "already has a value)",
                              QUOTE_MAX, tok.ptr, col, (int)closed->len, closed->name);
                else
                    rc = fail(errbuf, errlen, "value '%.*s' at column %zu has no element before it",
                              QUOTE_MAX, tok.ptr, col);
                break;
            }
            close_start_tag(sb, top);
            escape(sb, tok.ptr, tok.len);
            panos__sb_puts(sb, "</");
            panos__sb_append(sb, top->name, top->len);
            panos__sb_puts(sb, ">");
            closed_copy = *top;
            closed = &closed_copy;
            depth--;
        } else {
            if (top == NULL || !top->tag_open) {
                rc = fail(errbuf, errlen,
                          "attribute '%.*s' at column %zu has no element before it (it must "
                          "follow the element's name)",
                          (int)w.eq, tok.ptr, col);
                break;
            }
            if (has_attr(sb, top->tag_start, tok.ptr, w.eq)) {
                rc = fail(errbuf, errlen, "attribute '%.*s' at column %zu is given twice",
                          (int)w.eq, tok.ptr, col);
                break;
            }
            panos__sb_puts(sb, " ");
            panos__sb_append(sb, tok.ptr, w.eq);
            panos__sb_puts(sb, "=\"");
            escape(sb, tok.ptr + w.eq + 1, tok.len - w.eq - 1);
            panos__sb_puts(sb, "\"");
        }
    }
    if (rc == PANOS_OK && words == 0)
        rc = fail(errbuf, errlen, "empty command");
    while (rc == PANOS_OK && depth > 0) {
        struct elem *e = &stack[--depth];
        if (e->tag_open) {
            panos__sb_puts(sb, "/>");
        } else {
            panos__sb_puts(sb, "</");
            panos__sb_append(sb, e->name, e->len);
            panos__sb_puts(sb, ">");
        }
    }
    panos__sb_dispose(&tok, 0);
    free(stack);
    return rc;
}

panos_code panos_cmd_to_xml(panos_buf *out, const char *text, char *errbuf, size_t errlen)
{
    PANOS_ASSERT(out != NULL);
    panos__errbuf_clear(errbuf, errlen);
    if (out == NULL || text == NULL)
        return fail(errbuf, errlen, "empty command");
    panos__sb sb = PANOS__SB_INIT;
    const char *p = text;
    while (is_space(*p))
        p++;
    if (*p == '<') {
        panos__sb_puts(&sb, text);
        return panos__sb_finish(&sb, out);
    }
    panos_code rc = convert(&sb, text, errbuf, errlen);
    if (rc != PANOS_OK) {
        panos__sb_dispose(&sb, 0);
        return rc;
    }
    return panos__sb_finish(&sb, out);
}

panos_code panos_xml_escape(panos_buf *buf, const char *s)
{
    PANOS_ASSERT(buf != NULL);
    if (buf == NULL)
        return PANOS_E_INVALID_ARG;
    panos__sb sb = PANOS__SB_INIT;
    escape(&sb, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
    if (sb.failed) {
        panos__sb_dispose(&sb, 0);
        return PANOS_E_NOMEM;
    }
    size_t old = buf->ptr != NULL ? buf->size : 0;
    char *p = realloc(buf->ptr, old + sb.len + 1);
    if (p == NULL) {
        panos__sb_dispose(&sb, 0);
        return PANOS_E_NOMEM;
    }
    if (sb.len > 0)
        memcpy(p + old, sb.ptr, sb.len);
    p[old + sb.len] = '\0';
    buf->ptr = p;
    buf->size = old + sb.len;
    panos__sb_dispose(&sb, 0);
    return PANOS_OK;
}
