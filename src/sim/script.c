/* SPDX-License-Identifier: MIT */
/* script.c -- load a case file's "%% server" defaults and "%% reply N" answers for pansim. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "script.h"

struct sim_script {
    struct sim_script_reply *replies; /* replies[i] answers request i + 1 */
    size_t count;
};

static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Decimal digits only (no sign, no blanks), within [min, max]. Returns 0 or -1. */
static int parse_num(const char *s, long min, long max, long *out)
{
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int set_str(char **dst, const char *v)
{
    char *p = strdup(v);
    if (!p)
        return -1;
    free(*dst);
    *dst = p;
    return 0;
}

static int is_selector(const char *name)
{
    return strcmp(name, "match") == 0 || strcmp(name, "nth") == 0 || strcmp(name, "after") == 0 ||
           strcmp(name, "device") == 0 || strcmp(name, "pass") == 0;
}

/*
 * The --inject selectors (script.h). Returns 0 when @p name is one and its value is good, -1
 * when the value is bad, 1 when @p name is not a selector.
 */
static int apply_selector(struct sim_script_reply *r, const char *name, const char *value)
{
    long v;
    if (strcmp(name, "match") == 0) {
        size_t n = strcspn(value, "=~");
        if (n == 0 || value[n] == '\0' || r->nmatch == SIM_SCRIPT_MAX_MATCH)
            return -1;
        if ((r->match[r->nmatch] = strdup(value)) == NULL)
            return -1;
        r->nmatch++;
        return 0;
    }
    long *dst = strcmp(name, "nth") == 0      ? &r->nth
                : strcmp(name, "after") == 0  ? &r->after
                : strcmp(name, "device") == 0 ? &r->device
                                              : NULL;
    if (dst == NULL && strcmp(name, "pass") != 0)
        return 1;
    if (parse_num(value, dst ? 1 : 0, dst ? 1000000000L : 1, &v) != 0)
        return -1;
    if (dst)
        *dst = v;
    else
        r->pass = (int)v;
    return 0;
}

/*
 * Apply one name=value word to @p r. @p where names the section for messages ("%% reply 2").
 * Returns 0 or -1 with err set.
 */
static int apply_arg(struct sim_script_reply *r, const char *name, const char *value, int selectors,
                     const char *path, const char *where, char *err, size_t errlen)
{
    long v;
    int rc = 0;
    if (strcmp(name, "status") == 0) {
        rc = parse_num(value, 100, 599, &v);
        if (rc == 0)
            r->status = (unsigned int)v;
    } else if (strcmp(name, "reason") == 0) {
        if (strpbrk(value, "\r\n") != NULL)
            rc = -1;
        else if (set_str(&r->reason, value) != 0)
            goto nomem;
    } else if (strcmp(name, "content-type") == 0) {
        if (*value == '\0' || strpbrk(value, "\r\n") != NULL)
            rc = -1;
        else if (set_str(&r->content_type, value) != 0)
            goto nomem;
    } else if (strcmp(name, "attachment") == 0) {
        if (*value == '\0' || strpbrk(value, "\r\n;\"") != NULL)
            rc = -1;
        else if (set_str(&r->attachment, value) != 0)
            goto nomem;
    } else if (strcmp(name, "retry-after") == 0) {
        rc = parse_num(value, 0, 86400, &v);
        if (rc == 0)
            r->retry_after = v;
    } else if (strcmp(name, "delay-ms") == 0) {
        rc = parse_num(value, 0, 3600000, &v);
        if (rc == 0)
            r->delay_ms = v;
    } else if (strcmp(name, "truncate") == 0) {
        rc = parse_num(value, 0, 1L << 30, &v);
        if (rc == 0)
            r->truncate = v;
    } else if (strcmp(name, "reset") == 0) {
        rc = parse_num(value, 0, 1, &v);
        if (rc == 0)
            r->reset = (int)v;
    } else if (strcmp(name, "hang") == 0) {
        rc = parse_num(value, 0, 1, &v);
        if (rc == 0)
            r->hang = (int)v;
    } else if (strcmp(name, "drip-ms") == 0) {
        rc = parse_num(value, 0, 60000, &v);
        if (rc == 0)
            r->drip_ms = v;
    } else if (strcmp(name, "fill") == 0) {
        rc = parse_num(value, 0, 1L << 34, &v);
        if (rc == 0)
            r->fill = v;
    } else if (!selectors || (rc = apply_selector(r, name, value)) == 1) {
        seterr(err, errlen, "%s: %s: unknown argument '%s'%s", path, where, name,
               is_selector(name) ? " (a selector of pansim --inject)" : "");
        return -1;
    }
    if (rc != 0)
        seterr(err, errlen, "%s: %s: bad value for %s: '%s'", path, where, name, value);
    return rc;
nomem:
    seterr(err, errlen, "%s: %s: out of memory", path, where);
    return -1;
}

/*
 * Apply the blank-separated name=value words of @p args to @p r. Returns 0 or -1 with err set.
 */
static int apply_args(struct sim_script_reply *r, const char *args, int selectors, const char *path,
                      const char *where, char *err, size_t errlen)
{
    size_t n = strlen(args);
    char *word = malloc(n + 1);
    if (!word) {
        seterr(err, errlen, "%s: %s: out of memory", path, where);
        return -1;
    }
    const char *p = args;
    int rc = 0;
    while (rc == 0) {
        while (is_blank(*p))
            p++;
        if (*p == '\0')
            break;
        /* Copy one word into word[], dropping the quotes that group blanks into a value. */
        size_t k = 0, eq = (size_t)-1;
        int quoted = 0;
        while (*p && (quoted || !is_blank(*p))) {
            if (*p == '"') {
                quoted = !quoted;
            } else {
                if (*p == '=' && eq == (size_t)-1 && !quoted)
                    eq = k;
                word[k++] = *p;
            }
            p++;
        }
        word[k] = '\0';
        if (quoted) {
            seterr(err, errlen, "%s: %s: unterminated quote in '%s'", path, where, word);
            rc = -1;
        } else if (strcmp(word, "nonewline") == 0) {
            /* Accepted and ignored: reply bodies never get a newline back (see script.h). */
        } else if (eq == (size_t)-1 || eq == 0) {
            seterr(err, errlen, "%s: %s: expected name=value, got '%s'", path, where, word);
            rc = -1;
        } else {
            word[eq] = '\0';
            rc = apply_arg(r, word, word + eq + 1, selectors, path, where, err, errlen);
        }
    }
    free(word);
    return rc;
}

static void reply_clear(struct sim_script_reply *r)
{
    free(r->reason);
    free(r->content_type);
    free(r->attachment);
    free(r->body);
    for (size_t i = 0; i < r->nmatch; i++)
        free(r->match[i]);
}

void sim_script_free(struct sim_script *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        reply_clear(&s->replies[i]);
    free(s->replies);
    free(s);
}

size_t sim_script_count(const struct sim_script *s)
{
    return s ? s->count : 0;
}

const struct sim_script_reply *sim_script_reply_for(const struct sim_script *s, size_t n)
{
    if (!s || n == 0 || n > s->count)
        return NULL;
    return &s->replies[n - 1];
}

/* Split "N ARGS" into the reply number and the rest. Returns 0 or -1. */
static int reply_number(const char *args, size_t max, size_t *n_out, const char **rest_out)
{
    const char *p = args;
    size_t n = 0;
    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        if (n > max)
            return -1;
        n = n * 10 + (size_t)(*p - '0');
        p++;
    }
    if (*p != '\0' && !is_blank(*p))
        return -1;
    if (n < 1 || n > max)
        return -1;
    *n_out = n;
    *rest_out = p;
    return 0;
}

static int body_is_blank(const struct case_section *sec)
{
    for (size_t i = 0; i < sec->body_len; i++)
        if (!is_blank(sec->body[i]) && sec->body[i] != '\n' && sec->body[i] != '\r')
            return 0;
    return 1;
}

static int load(struct sim_script **out, const char *case_path, int selectors, char *err,
                size_t errlen)
{
    *out = NULL;
    struct case_file cf;
    if (case_file_load(&cf, case_path, err, errlen) != 0)
        return -1;

    struct sim_script *s = calloc(1, sizeof *s);
    const struct case_section *server = NULL;
    size_t count = 0;
    int rc = 0;
    if (!s) {
        seterr(err, errlen, "%s: out of memory", case_path);
        rc = -1;
        goto done;
    }
    for (size_t i = 0; i < cf.count && rc == 0; i++) {
        const struct case_section *sec = &cf.sections[i];
        if (strcmp(sec->name, "reply") == 0) {
            count++;
        } else if (strcmp(sec->name, "server") == 0) {
            if (server) {
                seterr(err, errlen, "%s: more than one %%%% server section", case_path);
                rc = -1;
            } else if (!body_is_blank(sec)) {
                seterr(err, errlen, "%s: %%%% server takes its arguments on the %%%% line, not in "
                       "a body", case_path);
                rc = -1;
            }
            server = sec;
        }
    }
    if (rc != 0 || count == 0)
        goto done;

    s->replies = calloc(count, sizeof *s->replies);
    if (!s->replies) {
        seterr(err, errlen, "%s: out of memory", case_path);
        rc = -1;
        goto done;
    }
    s->count = count;
    for (size_t i = 0; i < cf.count && rc == 0; i++) {
        const struct case_section *sec = &cf.sections[i];
        if (strcmp(sec->name, "reply") != 0)
            continue;
        size_t n;
        const char *rest;
        char where[64];
        if (reply_number(sec->args, count, &n, &rest) != 0) {
            seterr(err, errlen, "%s: %%%% reply %s: the number must be 1..%zu (one per reply "
                   "section)", case_path, sec->args, count);
            rc = -1;
            break;
        }
        struct sim_script_reply *r = &s->replies[n - 1];
        if (r->body) {
            seterr(err, errlen, "%s: %%%% reply %zu appears twice", case_path, n);
            rc = -1;
            break;
        }
        r->status = 200;
        r->retry_after = -1;
        r->truncate = -1;
        r->body = malloc(sec->body_len + 1);
        if (!r->body) {
            seterr(err, errlen, "%s: out of memory", case_path);
            rc = -1;
            break;
        }
        memcpy(r->body, sec->body, sec->body_len);
        r->body[sec->body_len] = '\0';
        r->len = sec->body_len;
        snprintf(where, sizeof where, "%%%% reply %zu", n);
        if (server)
            rc = apply_args(r, server->args, selectors, case_path, "%% server", err, errlen);
        if (rc == 0)
            rc = apply_args(r, rest, selectors, case_path, where, err, errlen);
        if (rc == 0 && r->nth > 0 && r->after > 0) {
            seterr(err, errlen, "%s: %s: nth= and after= exclude each other", case_path, where);
            rc = -1;
        }
        if (rc == 0 && !r->pass && r->truncate >= 0 && (size_t)r->truncate >= r->len) {
            seterr(err, errlen, "%s: %s: truncate=%ld is not shorter than the body (%zu bytes)",
                   case_path, where, r->truncate, r->len);
            rc = -1;
        }
    }

done:
    case_file_free(&cf);
    if (rc != 0) {
        sim_script_free(s);
        return -1;
    }
    *out = s;
    return 0;
}

int sim_script_load(struct sim_script **out, const char *case_path, char *err, size_t errlen)
{
    return load(out, case_path, 0, err, errlen);
}

int sim_script_load_selectors(struct sim_script **out, const char *path, char *err, size_t errlen)
{
    return load(out, path, 1, err, errlen);
}
