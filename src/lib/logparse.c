/* SPDX-License-Identifier: MIT */
/* logparse.c -- stream a type=log answer through a libxml2 SAX2 push parser, one entry at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <panos/log.h>
#include "logparse_priv.h"
#include "sbuf.h"
#include "xmlerr.h"
#include "contract.h"

/* Elements whose position matters; everything else is OTHER. */
enum tag { T_OTHER, T_RESPONSE, T_RESULT, T_LOG, T_LOGS, T_ENTRY, T_JOB, T_MSG, T_LINE,
           T_STATUS, T_ID, T_DETAILS };

#define MAX_DEPTH 64

struct panos_logparser {
    struct panos__xmlpush px; /* first: the parser, libxml2's first error, a refused DTD */
    panos_log_entry_fn fn;
    void *payload;
    panos_logparser_info info;
    int depth;
    enum tag stack[MAX_DEPTH];
    /* The entry being read: names point into libxml2's dictionary (alive as long as the
     * parser), values are offsets into @text (each value trimmed and NUL-terminated when its
     * element ends) until the entry is handed on. */
    panos__sb text;
    panos_log_field *fields;
    size_t *offsets;
    size_t nfields, capfields;
    int in_entry; /* the element at depth 5 is an entry of response/result/log/logs */
    int in_field; /* depth of the field element being read, 0 if none */
    panos__sb logid; /* the entry's logid, reused from entry to entry */
    int has_logid;
    /* Small texts outside entries. */
    panos__sb status, job_status, job_id, jobtext, message, scratch;
    panos__sb *capture; /* where character data goes outside entries, or NULL */
    int nomem;
    int too_large;          /* a limit was passed: errmsg says which and the option */
    panos_log_limits limits; /* with the defaults filled in */
    char errmsg[200];
};

/* Stop at a limit: TOO_LARGE with a message that names the panctl option raising it. */
static void over_limit(struct panos_logparser *p, const char *fmt, const char *what, size_t limit,
                       const char *option)
{
    if (!p->too_large) {
        char head[120];
        snprintf(head, sizeof(head), fmt, what);
        snprintf(p->errmsg, sizeof(p->errmsg), "%s longer than %zu bytes (raise it with %s)",
                 head, limit, option);
    }
    p->too_large = 1;
    xmlStopParser(p->px.ctxt);
}

/* Bytes an entry holds: its text plus what each field costs (so 4 MiB of <a/> counts too). */
static size_t entry_bytes(const struct panos_logparser *p)
{
    return p->text.len + p->nfields * (sizeof(panos_log_field) + sizeof(size_t));
}

/* The tag of an element: picked by its first letter, then one comparison, since this runs
 * for every element of a page (about 500,000 in 5,000 traffic entries). */
static enum tag tag_of(const xmlChar *name)
{
    const char *n = (const char *)name;
    switch (n[0]) {
    case 'd':
        return strcmp(n, "details") == 0 ? T_DETAILS : T_OTHER;
    case 'e':
        return strcmp(n, "entry") == 0 ? T_ENTRY : T_OTHER;
    case 'i':
        return strcmp(n, "id") == 0 ? T_ID : T_OTHER;
    case 'j':
        return strcmp(n, "job") == 0 ? T_JOB : T_OTHER;
    case 'm':
        return strcmp(n, "msg") == 0 ? T_MSG : T_OTHER;
    case 's':
        return strcmp(n, "status") == 0 ? T_STATUS : T_OTHER;
    case 'r':
        return strcmp(n, "response") == 0 ? T_RESPONSE
               : strcmp(n, "result") == 0 ? T_RESULT
                                          : T_OTHER;
    case 'l':
        return strcmp(n, "log") == 0    ? T_LOG
               : strcmp(n, "logs") == 0 ? T_LOGS
               : strcmp(n, "line") == 0 ? T_LINE
                                        : T_OTHER;
    default:
        return T_OTHER;
    }
}

/* Is the stack, from the root, exactly @p path? */
static int at(const struct panos_logparser *p, const enum tag *path, int n)
{
    if (p->depth != n)
        return 0;
    for (int i = 0; i < n; i++)
        if (p->stack[i] != path[i])
            return 0;
    return 1;
}

static const char *attr(const xmlChar **attrs, int nattrs, const char *name, size_t *len)
{
    /* SAX2 attributes: localname, prefix, URI, value begin, value end. */
    for (int i = 0; i < nattrs; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (strcmp((const char *)a[0], name) == 0) {
            *len = (size_t)(a[4] - a[3]);
            return (const char *)a[3];
        }
    }
    return NULL;
}

static long attr_long(const xmlChar **attrs, int nattrs, const char *name)
{
    size_t len;
    const char *v = attr(attrs, nattrs, name, &len);
    if (v == NULL || len == 0 || len > 18)
        return -1;
    long n = 0;
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9')
            return -1;
        n = n * 10 + (v[i] - '0');
    }
    return n;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Append the trimmed text gathered in @scratch to the message, "; "-separated. */
static void flush_msg(struct panos_logparser *p)
{
    const char *s = p->scratch.ptr;
    size_t n = p->scratch.len;
    while (n > 0 && is_space(*s))
        s++, n--;
    while (n > 0 && is_space(s[n - 1]))
        n--;
    if (n > 0) {
        if (p->message.len > 0)
            panos__sb_puts(&p->message, "; ");
        panos__sb_append(&p->message, s, n);
    }
    p->scratch.len = 0;
}

/* Room for twice as many fields. Returns -1 (and stops) when out of memory. */
static __attribute__((noinline)) int grow_fields(struct panos_logparser *p)
{
    size_t cap = p->capfields ? p->capfields * 2 : 64;
    panos_log_field *f = realloc(p->fields, cap * sizeof(*f));
    size_t *o = f ? realloc(p->offsets, cap * sizeof(*o)) : NULL;
    if (f != NULL)
        p->fields = f;
    if (o == NULL) {
        p->nomem = 1;
        xmlStopParser(p->px.ctxt);
        return -1;
    }
    p->offsets = o;
    p->capfields = cap;
    return 0;
}

/* A field of the entry starts: its value will start at the end of @text. */
static void start_field(struct panos_logparser *p, const xmlChar *localname)
{
    if (entry_bytes(p) + sizeof(panos_log_field) + sizeof(size_t) > p->limits.max_entry_bytes) {
        over_limit(p, "%s", "a log entry", p->limits.max_entry_bytes, "--max-entry-bytes");
        return;
    }
    if (p->nfields == p->capfields && grow_fields(p) != 0)
        return;
    p->fields[p->nfields].name = (const char *)localname;
    p->offsets[p->nfields] = p->text.len;
    p->nfields++;
    p->stack[p->depth++] = T_OTHER; /* never read: on_end() stops at in_field */
    p->in_field = p->depth;
}

static void start_element(struct panos_logparser *p, const xmlChar *localname, int nattrs,
                          const xmlChar **attrs);

/* libxml2 calls this for every element (about 530,000 in a 5,000-entry traffic page): the
 * elements inside entries take the short ways, the rest goes to start_element(). */
static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nns, const xmlChar **ns, int nattrs, int ndefaulted,
                     const xmlChar **attrs)
{
    struct panos_logparser *p = ctx;
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
    if (p->in_field) {
        p->depth++; /* nested inside a field: its text joins the field's value */
        return;
    }
    if (p->depth == 5 && p->in_entry)
        start_field(p, localname);
    else
        start_element(p, localname, nattrs, attrs);
}

/* An element outside the fields of entries: the envelope, an entry, messages. */
static __attribute__((noinline)) void start_element(struct panos_logparser *p,
                                                    const xmlChar *localname, int nattrs,
                                                    const xmlChar **attrs)
{
    if (p->depth >= MAX_DEPTH) {
        p->depth++;
        return;
    }
    static const enum tag entry_path[] = {T_RESPONSE, T_RESULT, T_LOG, T_LOGS, T_ENTRY};
    enum tag t = tag_of(localname);
    p->stack[p->depth++] = t;
    p->capture = NULL;
    if (p->depth == 5) /* checked once here, not for each of its fields */
        p->in_entry = t == T_ENTRY && at(p, entry_path, 5);
    if (p->depth == 1 && t == T_RESPONSE) {
        size_t len;
        const char *v = attr(attrs, nattrs, "status", &len);
        if (v != NULL)
            panos__sb_append(&p->status, v, len);
        p->info.code = (int)attr_long(attrs, nattrs, "code");
    } else if (p->depth == 5 && p->in_entry) {
        size_t len;
        const char *v = attr(attrs, nattrs, "logid", &len);
        p->logid.len = 0;
        p->has_logid = v != NULL;
        if (v != NULL)
            panos__sb_append(&p->logid, v, len); /* NUL-terminated, even when empty */
        p->nfields = 0;
        p->text.len = 0;
    } else if (t == T_LOGS && p->depth == 4 && at(p, entry_path, 4)) {
        p->info.count = attr_long(attrs, nattrs, "count");
        p->info.progress = (int)attr_long(attrs, nattrs, "progress");
    } else if (t == T_STATUS && p->depth == 4 && p->stack[2] == T_JOB) {
        p->capture = &p->job_status;
    } else if (t == T_ID && p->depth == 4 && p->stack[2] == T_JOB) {
        p->capture = &p->job_id;
    } else if (t == T_JOB && p->depth == 3 && p->stack[1] == T_RESULT) {
        p->capture = &p->jobtext; /* enqueue answers: <job>N</job> */
    } else if (t == T_LINE || t == T_MSG) {
        flush_msg(p); /* text of an enclosing <msg> before this <line> */
        p->capture = &p->scratch;
    }
}

static void trim_copy(panos__sb *dst, const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    dst->len = 0;
    panos__sb_append(dst, s, n);
}

/* Append @p n bytes to @p sb: inline while they fit (this runs for every value of a page),
 * through panos__sb_append when it must grow or has failed. Keeps the NUL after the text. */
static inline void text_add(panos__sb *sb, const char *s, size_t n)
{
    if (!sb->failed && sb->cap - sb->len > n) {
        memcpy(sb->ptr + sb->len, s, n);
        sb->len += n;
        sb->ptr[sb->len] = '\0';
    } else {
        panos__sb_append(sb, s, n);
    }
}

/* The field being read has ended: NUL-terminate its value in @text, trim it in place (spaces,
 * tabs, line breaks at both ends) and keep where the trimmed value starts. */
static void end_field(struct panos_logparser *p)
{
    size_t start = p->offsets[p->nfields - 1];
    text_add(&p->text, "", 1); /* each value ends with its own NUL */
    if (p->text.failed)
        return; /* deliver() reports it */
    char *v = p->text.ptr + start;
    size_t n = p->text.len - 1 - start, lead = 0;
    while (n > 0 && is_space(v[n - 1]))
        v[--n] = '\0';
    while (lead < n && is_space(v[lead]))
        lead++;
    p->offsets[p->nfields - 1] = start + lead;
}

static void deliver(struct panos_logparser *p)
{
    if (p->text.failed || p->logid.failed) {
        p->nomem = 1;
        xmlStopParser(p->px.ctxt);
        return;
    }
    /* Each value is trimmed and NUL-terminated in @text, which no longer moves. */
    for (size_t i = 0; i < p->nfields; i++)
        p->fields[i].value = p->text.ptr + p->offsets[i];
    panos_log_entry e = {p->has_logid ? p->logid.ptr : NULL, p->fields, p->nfields};
    p->info.entries++;
    if (p->fn != NULL && p->fn(p->payload, &e) != 0) {
        p->info.stopped = 1;
        xmlStopParser(p->px.ctxt);
    }
}

static void end_element(struct panos_logparser *p);

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    struct panos_logparser *p = ctx;
    (void)localname, (void)prefix, (void)uri;
    if (p->depth == 0)
        return;
    p->depth--;
    if (p->in_field) {
        if (p->depth < p->in_field) {
            p->in_field = 0;
            end_field(p);
        }
        return;
    }
    end_element(p);
}

/* The end of an element outside the fields (p->depth is already its own). */
static __attribute__((noinline)) void end_element(struct panos_logparser *p)
{
    if (p->depth >= MAX_DEPTH)
        return;
    if (p->depth == 4)
        p->in_entry = 0;
    enum tag t = p->stack[p->depth];
    if (p->depth == 4 && t == T_ENTRY && p->stack[3] == T_LOGS && p->stack[2] == T_LOG)
        deliver(p);
    else if (p->depth == 2 && t == T_JOB && p->job_id.len == 0 && p->jobtext.len > 0)
        trim_copy(&p->job_id, p->jobtext.ptr, p->jobtext.len);
    else if (t == T_LINE || t == T_MSG)
        flush_msg(p);
    else if (t == T_STATUS && p->depth == 3 && p->stack[2] == T_JOB && p->job_status.len > 0) {
        /* Known as soon as it is read: <job> precedes <log>, so entries can be judged. */
        trim_copy(&p->scratch, p->job_status.ptr, p->job_status.len);
        p->job_status.len = 0;
        panos__sb_append(&p->job_status, p->scratch.ptr, p->scratch.len);
        p->scratch.len = 0;
        p->info.job_status = p->job_status.failed ? NULL : p->job_status.ptr;
    }
    p->capture = NULL;
}

/* Text of the field being read. */
static void field_text(struct panos_logparser *p, const xmlChar *ch, size_t n)
{
    /* The value being read starts at the last field's offset (text nested in a field joins
     * it). */
    size_t value = p->text.len - p->offsets[p->nfields - 1];
    if (value + n > p->limits.max_value_bytes)
        over_limit(p, "log field <%s>", p->fields[p->nfields - 1].name, p->limits.max_value_bytes,
                   "--max-value-bytes");
    else if (entry_bytes(p) + n > p->limits.max_entry_bytes)
        over_limit(p, "%s", "a log entry", p->limits.max_entry_bytes, "--max-entry-bytes");
    else
        text_add(&p->text, (const char *)ch, n);
}

static void other_text(struct panos_logparser *p, const xmlChar *ch, size_t n);

/* Character data, CDATA and whitespace: half the calls are the blanks between fields, which
 * return at once. */
static void on_text(void *ctx, const xmlChar *ch, int len)
{
    struct panos_logparser *p = ctx;
    if (p->too_large)
        return;
    if (p->in_field)
        field_text(p, ch, (size_t)len);
    else if (p->capture != NULL)
        other_text(p, ch, (size_t)len);
}

static __attribute__((noinline)) void other_text(struct panos_logparser *p, const xmlChar *ch,
                                                 size_t n)
{
    /* Messages, job status and ids: small in any real answer; the message, which gathers every
     * line, is capped like an entry. */
    if (p->capture->len + n > p->limits.max_value_bytes ||
        p->message.len + p->capture->len + n > p->limits.max_entry_bytes)
        over_limit(p, "%s", "text outside log entries", p->limits.max_value_bytes,
                   "--max-value-bytes");
    else
        panos__sb_append(p->capture, (const char *)ch, n);
}

panos_code panos_logparser_new(panos_logparser **out, panos_log_entry_fn fn, void *payload)
{
    PANOS_ASSERT(out != NULL && fn != NULL);
    *out = NULL;
    struct panos_logparser *p = calloc(1, sizeof(*p));
    if (p == NULL)
        return PANOS_E_NOMEM;
    /* Never fetch anything from the network, never expand external entities, never print. */
    if (panos__xmlpush_new(&p->px, on_start, on_end, on_text, p, XML_PARSE_NOCDATA) != 0) {
        free(p);
        return PANOS_E_NOMEM;
    }
    panos_logparser_set_limits(p, NULL);
    p->fn = fn;
    p->payload = payload;
    p->info.code = -1;
    p->info.count = -1;
    p->info.progress = -1;
    *out = p;
    return PANOS_OK;
}

static int halted(void *payload)
{
    const struct panos_logparser *p = payload;
    return p->nomem || p->too_large || p->px.xe.dtd || p->info.stopped;
}

static panos_code chunk(panos_logparser *p, const char *data, size_t len, int terminate)
{
    if (p->info.stopped)
        return PANOS_OK;
    int rc = panos__xmlpush_chunk(&p->px, data, len, terminate, halted, p);
    if (p->nomem)
        return PANOS_E_NOMEM;
    if (p->too_large)
        return PANOS_E_TOO_LARGE;
    if (p->px.xe.dtd)
        return PANOS_E_PARSE;
    if (p->info.stopped)
        return PANOS_OK;
    return rc != 0 ? PANOS_E_PARSE : PANOS_OK;
}

panos_code panos_logparser_feed(panos_logparser *p, const char *data, size_t len)
{
    PANOS_ASSERT(p != NULL && (data != NULL || len == 0));
    return len == 0 ? PANOS_OK : chunk(p, data, len, 0);
}

panos_code panos_logparser_finish(panos_logparser *p)
{
    PANOS_ASSERT(p != NULL);
    if (p->too_large)
        return PANOS_E_TOO_LARGE; /* stopped: the rest was never read */
    panos_code rc = chunk(p, "", 0, 1);
    if (rc == PANOS_OK && !p->info.stopped && !p->px.ctxt->wellFormed)
        rc = PANOS_E_PARSE;
    p->info.status = p->status.len ? p->status.ptr : NULL;
    p->info.job_id = p->job_id.len ? p->job_id.ptr : NULL;
    p->info.message = p->message.len ? p->message.ptr : NULL;
    if (p->status.failed || p->job_status.failed || p->message.failed || p->job_id.failed ||
        p->jobtext.failed || p->scratch.failed)
        return PANOS_E_NOMEM;
    return rc;
}

const panos_logparser_info *panos_logparser_info_get(const panos_logparser *p)
{
    PANOS_ASSERT(p != NULL);
    return &p->info;
}

void panos_logparser_set_limits(panos_logparser *p, const panos_log_limits *limits)
{
    PANOS_ASSERT(p != NULL);
    p->limits.max_value_bytes = limits && limits->max_value_bytes ? limits->max_value_bytes
                                                                  : PANOS_LOG_MAX_VALUE_BYTES;
    p->limits.max_entry_bytes = limits && limits->max_entry_bytes ? limits->max_entry_bytes
                                                                  : PANOS_LOG_MAX_ENTRY_BYTES;
}

const char *panos__logparser_error(const panos_logparser *p)
{
    return p->too_large ? p->errmsg : p->px.xe.msg;
}

const char *panos_logparser_error(const panos_logparser *p)
{
    PANOS_ASSERT(p != NULL);
    return panos__logparser_error(p);
}

void panos_logparser_free(panos_logparser *p)
{
    if (p == NULL)
        return;
    xmlFreeParserCtxt(p->px.ctxt);
    panos__sb_dispose(&p->text, 0);
    panos__sb_dispose(&p->status, 0);
    panos__sb_dispose(&p->job_status, 0);
    panos__sb_dispose(&p->job_id, 0);
    panos__sb_dispose(&p->message, 0);
    panos__sb_dispose(&p->scratch, 0);
    panos__sb_dispose(&p->jobtext, 0);
    free(p->fields);
    free(p->offsets);
    panos__sb_dispose(&p->logid, 0);
    free(p);
}

const char *panos_log_entry_get(const panos_log_entry *e, const char *name)
{
    PANOS_ASSERT(e != NULL && name != NULL);
    for (size_t i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, name) == 0)
            return e->fields[i].value;
    return NULL;
}
