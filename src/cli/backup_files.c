/* SPDX-License-Identifier: MIT */
/* backup_files.c -- panctl backup's file names (--name-template), which files are ours, and
 * retention (--keep, --keep-days). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "backup.h"

#define STAMP_LEN 16 /* YYYYMMDDTHHMMSSZ */

int bk_template_check(const char *t)
{
    const char *what = NULL;
    size_t stamps = 0;
    if (*t == '\0' || strlen(t) > 128)
        what = "is empty or longer than 128 characters";
    else if (*t == '.' || strstr(t, "..") != NULL)
        what = "may not start with a dot or hold '..'";
    for (const char *p = t; what == NULL && *p != '\0'; p++) {
        if (*p == '%' && p[1] != '\0' && strchr("nthd%", p[1]) != NULL) {
            stamps += p[1] == 't';
            p++;
        } else if (*p == '%') {
            return cli_usage_error("backup",
                                   "--name-template %s: '%%%.1s' is not a placeholder "
                                   "(%%n, %%t, %%h, %%d, %%%%)",
                                   t, p + 1);
        } else if (!bk_word_char(*p)) {
            return cli_usage_error("backup",
                                   "--name-template %s: '%c' is not allowed (letters, "
                                   "digits, '.', '-', '_' and placeholders; no '/')",
                                   t, *p);
        }
    }
    if (what == NULL && stamps != 1)
        what = "must hold %t (the UTC time) exactly once";
    return what ? cli_usage_error("backup", "--name-template %s: %s", t, what) : 0;
}

int bk_base_name(struct bk_dev *d, const char *tmpl, time_t when)
{
    struct tm tm;
    char stamp[32] = "", date[16] = "";
    if (gmtime_r(&when, &tm) == NULL)
        return -1;
    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
    strftime(date, sizeof(date), "%Y%m%d", &tm);
    size_t n = 0, cap = sizeof(d->base);
    for (const char *p = tmpl; *p != '\0' && n < cap; p++) {
        const char *add = NULL;
        char one[2] = {*p, '\0'};
        if (*p != '%')
            add = one;
        else if (*++p == 'n')
            add = d->name;
        else if (*p == 't')
            add = stamp;
        else if (*p == 'h')
            add = d->hostpart;
        else
            add = *p == 'd' ? date : "%";
        n += (size_t)snprintf(d->base + n, cap - n, "%s", add);
    }
    if (n + sizeof(BK_STATE_SUFFIX) > cap || d->base[0] == '.' || strstr(d->base, "..") != NULL)
        return -1;
    return 0;
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The time of a "YYYYMMDDTHHMMSSZ" stamp at @p s, or -1. */
static time_t parse_stamp(const char *s)
{
    if (!digits(s, 8) || s[8] != 'T' || !digits(s + 9, 6) || s[15] != 'Z')
        return -1;
    struct tm tm = {0};
    tm.tm_year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0' - 1900;
    tm.tm_mon = (s[4] - '0') * 10 + s[5] - '0' - 1;
    tm.tm_mday = (s[6] - '0') * 10 + s[7] - '0';
    tm.tm_hour = (s[9] - '0') * 10 + s[10] - '0';
    tm.tm_min = (s[11] - '0') * 10 + s[12] - '0';
    tm.tm_sec = (s[13] - '0') * 10 + s[14] - '0';
    if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
        tm.tm_sec > 60)
        return -1;
    return timegm(&tm);
}

/* The UTC time of @p file's %t when @p file is a name of series @p s, else -1. */
static time_t match(const struct bk_series *s, const char *file)
{
    const char *f = file;
    time_t t = -1;
    for (const char *p = s->tmpl; *p != '\0'; p++) {
        const char *lit = NULL;
        if (*p != '%') {
            if (*f++ != *p)
                return -1;
            continue;
        }
        p++;
        if (*p == 'n' || *p == 'h' || *p == '%')
            lit = *p == 'n' ? s->dev->name : *p == 'h' ? s->dev->hostpart : "%";
        if (lit != NULL && strncmp(f, lit, strlen(lit)) != 0)
            return -1;
        if (lit == NULL && *p == 'd' && !digits(f, 8))
            return -1;
        if (lit == NULL && *p == 't' && (t = parse_stamp(f)) < 0)
            return -1;
        f += lit != NULL ? strlen(lit) : *p == 'd' ? 8 : STAMP_LEN;
    }
    return strcmp(f, s->suffix) == 0 ? t : -1;
}

struct entry {
    char *file;
    time_t when;
};

static int by_time(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (x->when != y->when)
        return x->when < y->when ? -1 : 1;
    return strcmp(x->file, y->file);
}

/* The files of series @p s in @p dir, oldest first. */
static size_t list_series(struct entry **out, const char *dir, const struct bk_series *s)
{
    *out = NULL;
    DIR *dp = opendir(dir);
    if (dp == NULL)
        return 0;
    size_t n = 0, cap = 0;
    struct entry *v = NULL;
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        time_t when = match(s, e->d_name);
        if (when < 0)
            continue;
        if (n == cap) {
            struct entry *nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));
            if (nv == NULL)
                break;
            v = nv;
        }
        if ((v[n].file = strdup(e->d_name)) != NULL)
            v[n++].when = when;
    }
    closedir(dp);
    if (n > 1)
        qsort(v, n, sizeof(*v), by_time);
    *out = v;
    return n;
}

static void free_entries(struct entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].file);
    free(v);
}

int bk_newest(char *out, size_t len, const char *ddir, const struct bk_series *s,
              const char *except)
{
    struct entry *v = NULL;
    size_t n = list_series(&v, ddir, s);
    out[0] = '\0';
    for (size_t i = n; i-- > 0;)
        if (strcmp(v[i].file, except) != 0) {
            snprintf(out, len, "%s/%s", ddir, v[i].file);
            break;
        }
    free_entries(v, n);
    return out[0] != '\0';
}

void bk_retain(const char *ddir, const struct bk_series *s, long keep, long keep_days, time_t now)
{
    if (keep <= 0 && keep_days <= 0)
        return;
    struct entry *v = NULL;
    size_t n = list_series(&v, ddir, s);
    time_t cutoff = now - (time_t)keep_days * 86400;
    for (size_t i = 0; i + 1 < n; i++) { /* never the newest */
        if ((keep > 0 && i + (size_t)keep < n) || (keep_days > 0 && v[i].when < cutoff)) {
            char p[4096];
            snprintf(p, sizeof(p), "%s/%s", ddir, v[i].file);
            unlink(p);
        }
    }
    free_entries(v, n);
}
