/* SPDX-License-Identifier: MIT */
/* torture.c -- runcase --torture N: the files a run left, the counts the tortured processes
 * wrote at exit and the shape of their stderr (docs/internals/torture.md). */
#include "torture.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "casefile.h"

/* runcase's own files in the case directory, and those of pansim. */
static const char *const own_files[] = {
    "stdout", "stderr",         "requests.log",  "pansim.stderr", "port", "fp",
    ".stdin", ".torture-count", "diff.expected", "diff.actual",   NULL,
};

static void add(struct cbuf *b, const char *s, size_t n)
{
    if (cbuf_add(b, s, n) != 0) {
        fputs("runcase: out of memory\n", stderr);
        exit(1);
    }
}

static char *take(struct cbuf *b)
{
    add(b, "", 0);
    char *p = b->p;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

static int is_own(const char *rel)
{
    size_t i;
    for (i = 0; own_files[i] != NULL; i++) {
        if (strcmp(rel, own_files[i]) == 0)
            return 1;
    }
    return 0;
}

static void walk(struct cbuf *b, const char *dir, const char *rel)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", dir, *rel ? "/" : "", rel);
    DIR *d = opendir(path);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char sub[4096], full[8200];
        int ns = snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        int nf = snprintf(full, sizeof full, "%s/%s", dir, sub);
        struct stat st;
        if (ns < 0 || (size_t)ns >= sizeof sub || nf < 0 || (size_t)nf >= sizeof full)
            continue;
        if (lstat(full, &st) != 0 || is_own(sub))
            continue;
        if (S_ISDIR(st.st_mode)) {
            walk(b, dir, sub);
            continue;
        }
        char line[4200];
        int n = snprintf(line, sizeof line, "%s\t%lld\t%lld.%09ld\n", sub, (long long)st.st_size,
                         (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
        add(b, line, (size_t)n);
    }
    closedir(d);
}

static int cmp_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* @p text's lines sorted (in place: the lines are cut at their newlines). */
static char **split_sorted(char *text, size_t *n_out)
{
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof *v);
    char *line = text;
    while (v != NULL && line != NULL && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (n == cap) {
            char **nv = realloc(v, (cap *= 2) * sizeof *v);
            if (nv == NULL)
                free(v);
            v = nv;
        }
        if (v != NULL)
            v[n++] = line;
        line = nl ? nl + 1 : NULL;
    }
    if (v == NULL) {
        fputs("runcase: out of memory\n", stderr);
        exit(1);
    }
    qsort(v, n, sizeof *v, cmp_lines);
    *n_out = n;
    return v;
}

char *rt_tree_list(const char *dir)
{
    struct cbuf b = {0};
    walk(&b, dir, "");
    char *text = take(&b);
    size_t n, i;
    char **v = split_sorted(text, &n);
    for (i = 0; i < n; i++) {
        add(&b, v[i], strlen(v[i]));
        add(&b, "\n", 1);
    }
    free(v);
    free(text);
    return take(&b);
}

/* The line of @p lines (n of them) whose text up to the first tab is @p path's, or NULL. */
static const char *find_path(char **lines, size_t n, const char *line)
{
    size_t len = strcspn(line, "\t"), i;
    for (i = 0; i < n; i++) {
        if (strncmp(lines[i], line, len) == 0 && lines[i][len] == '\t')
            return lines[i];
    }
    return NULL;
}

/* A text's lines, sorted, over a copy of the text. */
struct lines {
    char *text;
    char **v;
    size_t n;
};

static void lines_load(struct lines *l, const char *text)
{
    l->text = strdup(text);
    if (l->text == NULL) {
        fputs("runcase: out of memory\n", stderr);
        exit(1);
    }
    l->v = split_sorted(l->text, &l->n);
}

static void lines_free(struct lines *l)
{
    free(l->v);
    free(l->text);
}

/*
 * The lines of @p text that @p ref does not hold as they are. @p cut: keep path and size only
 * (the mtime differs from run to run); else the whole line, marked when @p ref has the path.
 */
static char *unmatched(const char *text, const char *ref, int cut)
{
    struct lines t, r;
    lines_load(&t, text);
    lines_load(&r, ref);
    struct cbuf out = {0};
    for (size_t i = 0; i < t.n; i++) {
        const char *same = find_path(r.v, r.n, t.v[i]);
        if (same != NULL && strcmp(same, t.v[i]) == 0)
            continue;
        const char *tab1 = strchr(t.v[i], '\t');
        const char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        add(&out, t.v[i], cut && tab2 ? (size_t)(tab2 - t.v[i]) : strlen(t.v[i]));
        if (!cut && same != NULL)
            add(&out, " (not as in the complete run)", 29);
        add(&out, "\n", 1);
    }
    lines_free(&t);
    lines_free(&r);
    return take(&out);
}

char *rt_new_files(const char *before, const char *after)
{
    return unmatched(after, before, 1);
}

char *rt_leftovers(const char *created, const char *manifest)
{
    return unmatched(created, manifest, 0);
}

int rt_read_count(const char *path, struct rt_count *out)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    unsigned long calls, secrets;
    while (fscanf(f, "%lu %lu", &calls, &secrets) == 2) {
        if (calls > out->calls)
            out->calls = calls;
        out->secrets += secrets;
        out->processes++;
    }
    fclose(f);
    return out->processes > 0 ? 0 : -1;
}

/* 1 when the line @p line (@p n bytes) is one of @p text's lines. */
static int has_line(const char *text, const char *line, size_t n)
{
    const char *p = text;
    while (p != NULL && *p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len == n && memcmp(p, line, n) == 0)
            return 1;
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

const char *rt_stderr_report(const char *text)
{
    static const char *const reports[] = {
        "AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer",
        "Assertion",        "assertion",     "panos torture:", NULL,
    };
    size_t i;
    for (i = 0; reports[i] != NULL; i++) {
        if (strstr(text, reports[i]) != NULL)
            return "a sanitizer report, an assertion or a torture report on stderr";
    }
    return NULL;
}

const char *rt_check_stderr(const char *actual, const char *expected)
{
    const char *report = rt_stderr_report(actual);
    if (report != NULL)
        return report;
    size_t extra = 0;
    const char *p = actual, *last = NULL;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (!has_line(expected, p, len)) {
            extra++;
            last = p;
        }
        p = nl ? nl + 1 : p + len;
    }
    if (extra == 0)
        return "no error message on stderr";
    if (extra > 1)
        return "more than one error line on stderr";
    if (strncmp(last, "panctl: ", 8) != 0 && strncmp(last, "panos_exporter: ", 16) != 0)
        return "the error line is not the program's own (\"panctl: ...\")";
    return NULL;
}
