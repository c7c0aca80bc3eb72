/* SPDX-License-Identifier: MIT */
/* rc.c -- load ~/.panrc (pan-python format), read secret files and write files atomically. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <panos/rc.h>
#include "rc_priv.h"
#include "sbuf.h"
#include "contract.h"

/* A .panrc holds a handful of short lines; anything bigger is not one. */
#define RC_MAX_BYTES (1024 * 1024)
/* The longest first line accepted from a secret file (keys are ~100 bytes). */
#define SECRET_MAX_BYTES (64 * 1024)

struct rc_entry {
    const char *name;
    const char *value;
};

/* The file text, NUL-terminated in place: names and values point into it. */
struct panos_rc {
    char *text;
    size_t text_cap; /* bytes to wipe */
    size_t n;
    struct rc_entry *ent;
};

static panos_code fail(char *errbuf, size_t errlen, panos_code code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static panos_code fail(char *errbuf, size_t errlen, panos_code code, const char *fmt, ...)
{
    if (errbuf != NULL && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(errbuf, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

static int is_word(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Append @p s to @p sb as one POSIX shell word, quoting only when needed. */
static void shell_quote(panos__sb *sb, const char *s)
{
    int plain = *s != '\0';
    for (const char *p = s; *p != '\0'; p++) {
        if (!is_word((unsigned char)*p) && strchr("/.,:+-@%=", *p) == NULL)
            plain = 0;
    }
    if (plain) {
        panos__sb_puts(sb, s);
        return;
    }
    panos__sb_append(sb, "'", 1);
    for (const char *p = s; *p != '\0'; p++) {
        if (*p == '\'')
            panos__sb_puts(sb, "'\\''");
        else
            panos__sb_append(sb, p, 1);
    }
    panos__sb_append(sb, "'", 1);
}

/*
 * Refuse a file that group or others can read or write, as ssh does for private keys: it may
 * hold an API key, a password or a session cookie, and whoever can write it can swap in their
 * own key, host or cookie. The check is on the open descriptor, so a rename between the check
 * and the read cannot swap in another file. The message ends with the command that fixes it.
 */
panos_code panos__file_check_private(int fd, const char *path, char *errbuf, size_t errlen)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(errbuf, errlen, PANOS_E_IO, "%s: %s", path, strerror(errno));
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) == 0)
        return PANOS_OK;
    int readable = (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
    int others = readable ? (st.st_mode & S_IROTH) != 0 : (st.st_mode & (S_IWOTH | S_IXOTH)) != 0;
    int writable = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
    panos__sb q = PANOS__SB_INIT;
    shell_quote(&q, path);
    fail(errbuf, errlen, PANOS_E_IO, "%s is %s by %s (mode %04o); run: chmod 600 %s", path,
         readable ? "readable" : writable ? "writable" : "accessible", others ? "others" : "group",
         (unsigned int)(st.st_mode & 07777), q.failed || q.ptr == NULL ? path : q.ptr);
    panos__sb_dispose(&q, 0);
    return PANOS_E_IO;
}

static panos_code open_private(int *fd_out, const char *path, char *errbuf, size_t errlen)
{
    int fd;
    do
        fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        int e = errno;
        return fail(errbuf, errlen, e == ENOENT ? PANOS_E_NOT_FOUND : PANOS_E_IO, "%s: %s", path,
                    strerror(e));
    }
    panos_code rc = panos__file_check_private(fd, path, errbuf, errlen);
    if (rc != PANOS_OK) {
        close(fd);
        return rc;
    }
    *fd_out = fd;
    return PANOS_OK;
}

/*
 * Read from @p fd into @p sb until EOF, or until a newline when @p first_line is set (so a
 * secret read from stdin consumes no more than it needs, give or take one chunk). The stack
 * chunk is wiped because it held secret bytes.
 */
static panos_code read_fd(panos__sb *sb, int fd, int first_line, size_t max, const char *path,
                          char *errbuf, size_t errlen)
{
    char chunk[4096];
    panos_code rc = PANOS_OK;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = fail(errbuf, errlen, PANOS_E_IO, "%s: %s", path, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        panos__sb_append(sb, chunk, (size_t)n);
        if (sb->failed) {
            rc = fail(errbuf, errlen, PANOS_E_NOMEM, "%s: out of memory", path);
            break;
        }
        if (first_line && memchr(chunk, '\n', (size_t)n) != NULL)
            break;
        if (sb->len > max) {
            rc = fail(errbuf, errlen, PANOS_E_IO, "%s: larger than %zu bytes", path, max);
            break;
        }
    }
    panos_wipe(chunk, sizeof(chunk));
    return rc;
}

static int tag_valid(const char *tag)
{
    if (*tag == '\0')
        return 0;
    for (const char *p = tag; *p != '\0'; p++) {
        if (!is_word((unsigned char)*p) && *p != '-')
            return 0;
    }
    return 1;
}

static char *trim(char *s, char *end)
{
    while (s < end && is_space((unsigned char)*s))
        s++;
    while (end > s && is_space((unsigned char)end[-1]))
        end--;
    *end = '\0';
    return s;
}

/*
 * Parse one line in place. It counts when its key is exactly "varname" (no tag wanted) or
 * "varname%tag" (that tag wanted). Unlike pan-python's unanchored regex, a tagged line can
 * never leak into untagged parsing (pan-python 0.26.0 lib/pan/rc.py (tagged-line parsing)). Lines
 * that are not "key=value", and lines with an empty value (pan-python's "(.+)" needs one), are
 * ignored as pan-python does.
 */
static void parse_line(panos_rc *rc, char *line, char *end, const char *tag)
{
    char *eq = memchr(line, '=', (size_t)(end - line));
    if (eq == NULL)
        return;
    char *key = trim(line, eq);
    char *value = trim(eq + 1, end);
    if (*key == '#' || *value == '\0')
        return;
    char *pct = strchr(key, '%');
    if (pct != NULL) {
        *pct = '\0';
        if (tag == NULL || strcmp(pct + 1, tag) != 0)
            return;
    } else if (tag != NULL) {
        return;
    }
    if (*key == '\0')
        return;
    for (const char *p = key; *p != '\0'; p++) {
        if (!is_word((unsigned char)*p))
            return;
    }
    rc->ent[rc->n].name = key;
    rc->ent[rc->n].value = value;
    rc->n++;
}

panos_code panos_rc_load(panos_rc **out, const char *path, const char *tag, char *errbuf,
                         size_t errlen)
{
    PANOS_ASSERT(out != NULL);
    panos__errbuf_clear(errbuf, errlen);
    if (out == NULL || path == NULL)
        return fail(errbuf, errlen, PANOS_E_INVALID_ARG, "%s", "no .panrc path given");
    *out = NULL;
    if (tag != NULL && !tag_valid(tag))
        return fail(errbuf, errlen, PANOS_E_INVALID_ARG, "tag '%s' must match [A-Za-z0-9_-]+", tag);

    int fd;
    panos_code rc = open_private(&fd, path, errbuf, errlen);
    if (rc != PANOS_OK)
        return rc;
    panos__sb sb = PANOS__SB_INIT;
    rc = read_fd(&sb, fd, 0, RC_MAX_BYTES, path, errbuf, errlen);
    close(fd);
    if (rc == PANOS_OK && sb.ptr == NULL)
        panos__sb_append(&sb, "", 0);
    if (rc == PANOS_OK && sb.failed)
        rc = fail(errbuf, errlen, PANOS_E_NOMEM, "%s: out of memory", path);
    if (rc != PANOS_OK) {
        panos__sb_dispose(&sb, 1);
        return rc;
    }

    /* One entry per line at most. */
    size_t lines = 1;
    for (size_t i = 0; i < sb.len; i++)
        lines += sb.ptr[i] == '\n';
    panos_rc *r = calloc(1, sizeof(*r));
    if (r != NULL)
        r->ent = calloc(lines, sizeof(*r->ent));
    if (r == NULL || r->ent == NULL) {
        free(r);
        panos__sb_dispose(&sb, 1);
        return fail(errbuf, errlen, PANOS_E_NOMEM, "%s: out of memory", path);
    }
    r->text = sb.ptr;
    r->text_cap = sb.cap;
    char *p = r->text, *end = r->text + sb.len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl != NULL ? nl : end;
        parse_line(r, p, eol, tag);
        p = eol + 1;
    }
    *out = r;
    return PANOS_OK;
}

const char *panos_rc_get(const panos_rc *rc, const char *var)
{
    PANOS_ASSERT(var != NULL);
    if (rc == NULL || var == NULL)
        return NULL;
    /* The last line for a variable wins, as in pan-python's dict assignment. */
    for (size_t i = rc->n; i > 0; i--) {
        if (strcmp(rc->ent[i - 1].name, var) == 0)
            return rc->ent[i - 1].value;
    }
    return NULL;
}

size_t panos_rc_count(const panos_rc *rc)
{
    return rc != NULL ? rc->n : 0;
}

void panos_rc_free(panos_rc *rc)
{
    if (rc == NULL)
        return;
    panos_wipe(rc->text, rc->text_cap);
    free(rc->text);
    free(rc->ent);
    free(rc);
}

panos_code panos_secret_read_file(panos_buf *out, const char *path, char *errbuf, size_t errlen)
{
    PANOS_ASSERT(out != NULL);
    panos__errbuf_clear(errbuf, errlen);
    if (out == NULL || path == NULL)
        return fail(errbuf, errlen, PANOS_E_INVALID_ARG, "%s", "no secret file given");
    out->ptr = NULL;
    out->size = 0;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "standard input" : path;
    int fd = STDIN_FILENO;
    panos_code rc = PANOS_OK;
    if (!is_stdin) {
        rc = open_private(&fd, path, errbuf, errlen);
        if (rc != PANOS_OK)
            return rc;
    }
    panos__sb sb = PANOS__SB_INIT;
    rc = read_fd(&sb, fd, 1, SECRET_MAX_BYTES, name, errbuf, errlen);
    if (!is_stdin)
        close(fd);
    if (rc != PANOS_OK) {
        panos__sb_dispose(&sb, 1);
        return rc;
    }
    /* Keep the first line only, without its newline or a CR before it. */
    size_t len = 0;
    while (len < sb.len && sb.ptr[len] != '\n')
        len++;
    if (len > 0 && sb.ptr[len - 1] == '\r')
        len--;
    if (len == 0) {
        panos__sb_dispose(&sb, 1);
        return fail(errbuf, errlen, PANOS_E_IO, "%s: empty (no secret on the first line)", name);
    }
    panos_wipe(sb.ptr + len, sb.len - len);
    sb.len = len;
    rc = panos__sb_finish(&sb, out);
    if (rc != PANOS_OK)
        return fail(errbuf, errlen, rc, "%s: out of memory", name);
    return PANOS_OK;
}

int panos__write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/*
 * The temp file is "<dir>/.<name>.XXXXXX" so that rename() stays within one file system. The
 * directory is synced after the rename so the new name survives a crash; that step is best
 * effort because some file systems refuse fsync on a directory.
 */
panos_code panos__file_write_with(const char *path, unsigned int mode, panos__file_writer fill,
                                  void *payload, char *errbuf, size_t errlen)
{
    panos__errbuf_clear(errbuf, errlen);
    if (path == NULL || *path == '\0')
        return fail(errbuf, errlen, PANOS_E_IO, "%s", "no file name given");
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash != NULL ? (size_t)(slash - path) : 0;
    const char *base = slash != NULL ? slash + 1 : path;
    if (*base == '\0')
        return fail(errbuf, errlen, PANOS_E_IO, "%s: not a file name", path);

    panos__sb tmp = PANOS__SB_INIT;
    if (slash != NULL)
        panos__sb_append(&tmp, path, dirlen + 1);
    panos__sb_printf(&tmp, ".%s.XXXXXX", base);
    panos__sb dir = PANOS__SB_INIT;
    if (slash == NULL)
        panos__sb_puts(&dir, ".");
    else if (dirlen == 0)
        panos__sb_puts(&dir, "/");
    else
        panos__sb_append(&dir, path, dirlen);
    if (tmp.failed || dir.failed) {
        panos__sb_dispose(&tmp, 0);
        panos__sb_dispose(&dir, 0);
        return fail(errbuf, errlen, PANOS_E_NOMEM, "%s: out of memory", path);
    }

    panos_code rc = PANOS_OK;
    const char *step = NULL;
    int fd = mkstemp(tmp.ptr);
    if (fd < 0) {
        rc = fail(errbuf, errlen, PANOS_E_IO, "cannot create a temporary file for %s: %s", path,
                  strerror(errno));
        goto done;
    }
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    /* fchmod is not filtered by the umask, so the file gets exactly @p mode. */
    if (fchmod(fd, (mode_t)(mode & 07777)) != 0) {
        step = "cannot set the mode of";
    } else if ((rc = fill(payload, fd)) != PANOS_OK) {
        close(fd);
        unlink(tmp.ptr); /* the writer said why (errbuf untouched) */
        goto done;
    } else if (fsync(fd) != 0) {
        step = "cannot sync";
    }
    if (step != NULL) {
        int e = errno;
        close(fd);
        errno = e;
    } else if (close(fd) != 0) {
        step = "cannot write";
    } else if (rename(tmp.ptr, path) != 0) {
        step = "cannot replace";
    }
    if (step != NULL) {
        int e = errno;
        unlink(tmp.ptr);
        rc = fail(errbuf, errlen, PANOS_E_IO, "%s %s: %s", step, path, strerror(e));
        goto done;
    }
    int dfd = open(dir.ptr, O_RDONLY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
done:
    panos__sb_dispose(&tmp, 0);
    panos__sb_dispose(&dir, 0);
    return rc;
}

struct bytes {
    const void *data;
    size_t len;
};

static panos_code write_bytes(void *payload, int fd)
{
    const struct bytes *b = payload;
    return panos__write_all(fd, b->data, b->len) == 0 ? PANOS_OK : PANOS_E_IO;
}

panos_code panos_file_write_atomic(const char *path, const void *data, size_t len,
                                   unsigned int mode, char *errbuf, size_t errlen)
{
    if (data == NULL && len > 0) {
        panos__errbuf_clear(errbuf, errlen);
        return fail(errbuf, errlen, PANOS_E_IO, "%s", "no file name given");
    }
    struct bytes b = {data, len};
    panos_code rc = panos__file_write_with(path, mode, write_bytes, &b, errbuf, errlen);
    if (rc == PANOS_E_IO && errbuf != NULL && errlen > 0 && errbuf[0] == '\0')
        fail(errbuf, errlen, PANOS_E_IO, "cannot write %s: %s", path, strerror(errno));
    return rc;
}

/*
 * The index of the name that @p k (@p klen bytes) spells as "name%tag" (or "name" when @p tag
 * is NULL), or -1. The @p n names are read @p stride bytes apart, so that both an array of
 * strings and the name fields of an array of panos_rc_var can be searched.
 */
static long match_name(const char *k, size_t klen, const char *tag, const char *const *names,
                       size_t n, size_t stride)
{
    size_t tlen = tag ? strlen(tag) : 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = *(const char *const *)((const char *)names + i * stride);
        size_t nlen = strlen(name);
        if (klen != nlen + (tag ? 1 + tlen : 0) || memcmp(k, name, nlen) != 0)
            continue;
        if (tag == NULL || (k[nlen] == '%' && memcmp(k + nlen + 1, tag, tlen) == 0))
            return (long)i;
    }
    return -1;
}

static panos_code rewrite(const char *path, const char *tag, const panos_rc_var *set, size_t nset,
                          const char *const *unset, size_t nunset, char *errbuf, size_t errlen);

panos_code panos_rc_update(const char *path, const char *tag, const panos_rc_var *set,
                           size_t nset, const char *const *unset, size_t nunset, char *errbuf,
                           size_t errlen)
{
    PANOS_ASSERT((set != NULL || nset == 0) && (unset != NULL || nunset == 0));
    panos__errbuf_clear(errbuf, errlen);
    int valid = path != NULL && (tag == NULL || tag_valid(tag)) && (nset == 0 || set != NULL) &&
                (nunset == 0 || unset != NULL) && nset + nunset > 0;
    for (size_t i = 0; valid && i < nset; i++)
        valid = set[i].name != NULL && tag_valid(set[i].name) && set[i].value != NULL &&
                strpbrk(set[i].value, "\r\n") == NULL &&
                match_name(set[i].name, strlen(set[i].name), NULL, unset, nunset,
                           sizeof(*unset)) < 0;
    for (size_t i = 0; valid && i < nunset; i++)
        valid = unset[i] != NULL && tag_valid(unset[i]);
    if (!valid)
        return fail(errbuf, errlen, PANOS_E_INVALID_ARG, "%s: bad variable, tag or value",
                    path ? path : ".panrc");
    int lock = -1;
    panos_code rc = panos__rc_lock(&lock, path, errbuf, errlen);
    if (rc == PANOS_OK)
        rc = rewrite(path, tag, set, nset, unset, nunset, errbuf, errlen);
    panos__rc_unlock(lock);
    return rc;
}

/* panos_rc_update()'s read-modify-write, under the file's lock. */
static panos_code rewrite(const char *path, const char *tag, const panos_rc_var *set, size_t nset,
                          const char *const *unset, size_t nunset, char *errbuf, size_t errlen)
{
    char *done = calloc(nset ? nset : 1, 1);
    if (done == NULL)
        return fail(errbuf, errlen, PANOS_E_NOMEM, "%s: out of memory", path);
    panos__sb old = PANOS__SB_INIT, out = PANOS__SB_INIT;
    panos_code rc = PANOS_OK;
    int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (fd >= 0) {
        rc = read_fd(&old, fd, 0, RC_MAX_BYTES, path, errbuf, errlen);
        close(fd);
    } else if (errno != ENOENT) {
        rc = fail(errbuf, errlen, PANOS_E_IO, "%s: %s", path, strerror(errno));
    }
    const char *p = old.ptr ? old.ptr : "";
    const char *end = p + old.len;
    while (rc == PANOS_OK && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *k = p;
        while (k < le && is_space((unsigned char)*k))
            k++;
        const char *eq = memchr(k, '=', (size_t)(le - k));
        const char *ke = eq;
        while (ke && ke > k && is_space((unsigned char)ke[-1]))
            ke--;
        long si = -1, ui = -1;
        if (eq && *k != '#' && nset > 0)
            si = match_name(k, (size_t)(ke - k), tag, &set->name, nset, sizeof(*set));
        if (eq && *k != '#' && nunset > 0)
            ui = match_name(k, (size_t)(ke - k), tag, unset, nunset, sizeof(*unset));
        if (si >= 0 && !done[si]) {
            panos__sb_printf(&out, "%s%s%s=%s\n", set[si].name, tag ? "%" : "",
                             tag ? tag : "", set[si].value);
            done[si] = 1;
        } else if (si < 0 && ui < 0) {
            panos__sb_append(&out, p, (size_t)(le - p));
            panos__sb_puts(&out, "\n");
        }
        p = nl ? nl + 1 : end;
    }
    for (size_t i = 0; rc == PANOS_OK && i < nset; i++) {
        if (!done[i])
            panos__sb_printf(&out, "%s%s%s=%s\n", set[i].name, tag ? "%" : "", tag ? tag : "",
                             set[i].value);
    }
    if (rc == PANOS_OK && out.failed)
        rc = fail(errbuf, errlen, PANOS_E_NOMEM, "%s: out of memory", path);
    if (rc == PANOS_OK)
        rc = panos_file_write_atomic(path, out.ptr ? out.ptr : "", out.len, 0600, errbuf,
                                     errlen);
    panos__sb_dispose(&old, 1);
    panos__sb_dispose(&out, 1);
    free(done);
    return rc;
}

panos_code panos_rc_set(const char *path, const char *var, const char *tag, const char *value,
                        char *errbuf, size_t errlen)
{
    panos_rc_var v = {var, value};
    return panos_rc_update(path, tag, &v, 1, NULL, 0, errbuf, errlen);
}
