/* SPDX-License-Identifier: MIT */
/* userid_input.c -- panctl userid: entries from CSV or JSON lines into bounded uid-messages. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli.h"
#include "userid.h"

#define UID_MAX_TAGS 64
#define UID_MAX_LINE 65536

void uid_batches_init(struct uid_batches *b, panos_uid_action action, size_t max_entries,
                      size_t max_bytes)
{
    memset(b, 0, sizeof(*b));
    b->action = action;
    b->max_entries = max_entries;
    b->max_bytes = max_bytes;
    b->label = panos_uid_action_name(action);
}

void uid_batches_free(struct uid_batches *b)
{
    for (size_t i = 0; i < b->n; i++)
        panos_buf_dispose(&b->v[i].msg);
    free(b->v);
    panos_buf_dispose(&b->cur);
    memset(b, 0, sizeof(*b));
}

/* The wrapper's bytes: a message is the entries plus this much. */
static size_t overhead(panos_uid_action a)
{
    return 96 + 2 * strlen(panos_uid_action_name(a));
}

int uid_batches_finish(struct uid_batches *b)
{
    if (b->cur_entries == 0)
        return 0;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        struct uid_batch *v = realloc(b->v, cap * sizeof(*v));
        if (v == NULL)
            return cli_local_error(PANOS_E_NOMEM, "out of memory");
        b->v = v;
        b->cap = cap;
    }
    struct uid_batch *x = &b->v[b->n];
    memset(x, 0, sizeof(*x));
    if (panos_uid_message(&x->msg, b->action, b->cur.ptr, b->cur.size) != PANOS_OK)
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    x->entries = b->cur_entries;
    x->first = b->cur_first;
    x->last = b->cur_last;
    b->n++;
    b->total += b->cur_entries;
    b->cur_entries = 0;
    b->cur.size = 0;
    if (b->cur.ptr != NULL)
        b->cur.ptr[0] = '\0';
    return 0;
}

int uid_batches_add(struct uid_batches *b, const panos_uid_entry *e, const char *where, size_t line)
{
    panos_buf one = PANOS_BUF_INIT;
    char err[256] = "";
    int rc = 0;
    panos_code code = panos_uid_entry_xml(&one, b->action, e, err, sizeof(err));
    if (code == PANOS_E_INVALID_ARG)
        return cli_usage_error("userid", "%s:%zu: %s", where, line, err);
    if (code != PANOS_OK)
        return cli_local_error(code, "out of memory");
    if (one.size + overhead(b->action) > b->max_bytes) {
        rc = cli_usage_error("userid", "%s:%zu: one entry is %zu bytes, over --batch-bytes %zu",
                             where, line, one.size, b->max_bytes);
        goto done;
    }
    if (b->cur_entries > 0 &&
        (b->cur_entries == b->max_entries ||
         b->cur.size + one.size + overhead(b->action) > b->max_bytes) &&
        (rc = uid_batches_finish(b)) != 0)
        goto done;
    char *p = realloc(b->cur.ptr, b->cur.size + one.size + 1);
    if (p == NULL) {
        rc = cli_local_error(PANOS_E_NOMEM, "out of memory");
        goto done;
    }
    b->cur.ptr = p;
    memcpy(p + b->cur.size, one.ptr, one.size + 1);
    b->cur.size += one.size;
    if (b->cur_entries++ == 0)
        b->cur_first = line;
    b->cur_last = line;
done:
    panos_buf_dispose(&one);
    return rc;
}

/* Split one CSV record into at most @p max fields (in place): "..." quotes a field, "" is a
 * quote inside it. Returns the number of fields, or -1 for a stray quote. */
static int csv_split(char *s, char **f, int max)
{
    int n = 0;
    char *w = s;
    while (n < max) {
        f[n++] = w;
        if (*s == '"') {
            for (s++;; s++) {
                if (*s == '\0')
                    return -1;
                if (*s == '"' && s[1] == '"')
                    *w++ = *s++;
                else if (*s == '"')
                    break;
                else
                    *w++ = *s;
            }
            s++;
            if (*s != ',' && *s != '\0')
                return -1;
        } else {
            while (*s != ',' && *s != '\0') {
                if (*s == '"')
                    return -1;
                *w++ = *s++;
            }
        }
        char end = *s; /* read before the terminator is written, perhaps over it */
        *w++ = '\0';
        if (end == '\0')
            return n;
        s++;
    }
    return max + 1;
}

/* "t1;t2" into @p tags (in place). Returns how many, or -1 when over UID_MAX_TAGS. */
static int split_tags(char *s, const char **tags)
{
    int n = 0;
    for (char *t = s; t != NULL && *t != '\0';) {
        char *semi = strchr(t, ';');
        if (semi != NULL)
            *semi = '\0';
        if (*t != '\0') {
            if (n == UID_MAX_TAGS)
                return -1;
            tags[n++] = t;
        }
        t = semi ? semi + 1 : NULL;
    }
    return n;
}

static int parse_timeout(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 || v > 2592000L * 60)
        return -1;
    *out = v;
    return 0;
}

static int csv_line(struct uid_batches *b, char *s, const char *path, size_t line, long timeout)
{
    char *f[4] = {NULL, NULL, NULL, NULL};
    const char *tags[UID_MAX_TAGS];
    int n = csv_split(s, f, 4);
    if (n < 0 || n > 4)
        return cli_usage_error("userid", "%s:%zu: %s", path, line,
                               n < 0 ? "a stray double quote"
                                     : "more than 4 fields "
                                       "(ip,user,tags,timeout)");
    panos_uid_entry e = {.ip = f[0], .user = n > 1 ? f[1] : NULL, .tags = tags};
    int nt = split_tags(n > 2 ? f[2] : NULL, tags);
    if (nt < 0)
        return cli_usage_error("userid", "%s:%zu: more than %d tags", path, line, UID_MAX_TAGS);
    e.ntags = (size_t)nt;
    e.timeout = timeout > 0 ? timeout : 0;
    if (n > 3 && f[3][0] != '\0' && parse_timeout(f[3], &e.timeout) != 0)
        return cli_usage_error("userid", "%s:%zu: bad timeout '%.40s'", path, line, f[3]);
    return uid_batches_add(b, &e, path, line);
}

static int json_line(struct uid_batches *b, const char *s, const char *path, size_t line,
                     long timeout)
{
    json_error_t jerr;
    const char *tags[UID_MAX_TAGS];
    json_t *o = json_loads(s, JSON_REJECT_DUPLICATES, &jerr), *t;
    int rc;
    if (!json_is_object(o)) {
        json_decref(o);
        return cli_usage_error("userid", "%s:%zu: not a JSON object%s%s", path, line, o ? "" : ": ",
                               o ? "" : jerr.text);
    }
    panos_uid_entry e = {.ip = json_string_value(json_object_get(o, "ip")),
                         .user = json_string_value(json_object_get(o, "user")),
                         .tags = tags,
                         .timeout = timeout > 0 ? timeout : 0};
    json_t *jt = json_object_get(o, "tags"), *to = json_object_get(o, "timeout");
    size_t i;
    if (json_is_string(jt))
        tags[e.ntags++] = json_string_value(jt);
    json_array_foreach(jt, i, t)
    {
        if (!json_is_string(t) || e.ntags == UID_MAX_TAGS) {
            json_decref(o);
            return cli_usage_error("userid", "%s:%zu: tags: at most %d strings", path, line,
                                   UID_MAX_TAGS);
        }
        tags[e.ntags++] = json_string_value(t);
    }
    if (to != NULL && (!json_is_integer(to) || json_integer_value(to) < 0 ||
                       json_integer_value(to) > 2592000LL * 60)) {
        json_decref(o);
        return cli_usage_error("userid", "%s:%zu: timeout: not a whole number of the range", path,
                               line);
    }
    if (to != NULL)
        e.timeout = (long)json_integer_value(to);
    rc = uid_batches_add(b, &e, path, line);
    json_decref(o);
    return rc;
}

/* Whether @p s is the CSV header line (ip,user,tags,timeout or a prefix of it). */
static int is_header(const char *s)
{
    return strncmp(s, "ip,", 3) == 0 || strcmp(s, "ip") == 0;
}

int uid_read_file(struct uid_batches *b, const char *path, int jsonl, long timeout)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    char *s = NULL;
    size_t cap = 0, line = 0;
    ssize_t len;
    int rc = 0;
    if (f == NULL) {
        cli_error("%s: %s", path, strerror(errno));
        return PANOS_E_IO;
    }
    while (rc == 0 && (len = getline(&s, &cap, f)) >= 0) {
        line++;
        while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
            s[--len] = '\0';
        if (len > UID_MAX_LINE)
            rc = cli_usage_error("userid", "%s:%zu: line longer than %d bytes", path, line,
                                 UID_MAX_LINE);
        else if (len == 0 || s[0] == '#' || (!jsonl && line == 1 && is_header(s)))
            continue;
        else
            rc = jsonl ? json_line(b, s, path, line, timeout) : csv_line(b, s, path, line, timeout);
    }
    if (rc == 0 && ferror(f)) {
        cli_error("%s: read error", path);
        rc = PANOS_E_IO;
    } else if (rc == 0 && !feof(f)) {
        /* getline() out of memory sets ENOMEM but neither the error nor the end-of-file flag. */
        char msg[320];
        snprintf(msg, sizeof(msg), "%s:%zu: out of memory", path, line + 1);
        rc = cli_local_error(PANOS_E_NOMEM, msg);
    }
    free(s);
    if (f != stdin)
        fclose(f);
    return rc != 0 ? rc : uid_batches_finish(b);
}

int uid_read_message(panos_buf *out, const char *path, size_t max)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    char *p = malloc(max + 2);
    size_t n = 0;
    int rc = 0;
    if (f == NULL || p == NULL) {
        free(p);
        if (f == NULL)
            cli_error("%s: %s", path, strerror(errno));
        else if (f != stdin)
            fclose(f);
        return f == NULL ? PANOS_E_IO : cli_local_error(PANOS_E_NOMEM, "out of memory");
    }
    n = fread(p, 1, max + 1, f);
    if (ferror(f)) {
        cli_error("%s: read error", path);
        rc = PANOS_E_IO;
    } else if (n > max) {
        rc = cli_usage_error("userid", "%s: larger than --batch-bytes %zu", path, max);
    } else if (n == 0) {
        rc = cli_usage_error("userid", "%s: empty", path);
    }
    if (f != stdin)
        fclose(f);
    if (rc != 0) {
        free(p);
        return rc;
    }
    p[n] = '\0';
    out->ptr = p;
    out->size = n;
    return 0;
}
