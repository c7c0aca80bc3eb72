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

char *rt_new_files(const char *before, const char *after)
{
    char *b = strdup(before), *a = strdup(after);
    if (b == NULL || a == NULL) {
        fputs("runcase: out of memory\n", stderr);
        exit(1);
    }
    size_t nb, na, i;
    char **vb = split_sorted(b, &nb), **va = split_sorted(a, &na);
    struct cbuf out = {0};
    for (i = 0; i < na; i++) {
        const char *old = find_path(vb, nb, va[i]);
        if (old != NULL && strcmp(old, va[i]) == 0)
            continue;
        /* path and size: the mtime differs from run to run. */
        const char *tab2 = strchr(strchr(va[i], '\t') + 1, '\t');
        add(&out, va[i], (size_t)(tab2 - va[i]));
        add(&out, "\n", 1);
    }
    free(vb);
    free(va);
    free(b);
    free(a);
    return take(&out);
}

char *rt_leftovers(const char *created, const char *manifest)
{
    char *c = strdup(created), *m = strdup(manifest);
    if (c == NULL || m == NULL) {
        fputs("runcase: out of memory\n", stderr);
        exit(1);
    }
    size_t nc, nm, i;
    char **vc = split_sorted(c, &nc), **vm = split_sorted(m, &nm);
    struct cbuf out = {0};
    for (i = 0; i < nc; i++) {
        const char *same = find_path(vm, nm, vc[i]);
        if (same != NULL && strcmp(same, vc[i]) == 0)
            continue;
        add(&out, vc[i], strlen(vc[i]));
        add(&out, same != NULL ? " (not as in the complete run)\n" : "\n", same != NULL ? 30 : 1);
    }
    free(vc);
    free(vm);
    free(c);
    free(m);
    return take(&out);
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
