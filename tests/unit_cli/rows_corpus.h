/* SPDX-License-Identifier: MIT */
/* rows_corpus.h -- shared by the differential tests of the row writers (test_jsonl.c,
 * test_rowline.c): the log parser's fuzz corpus parsed entry by entry, and a fixed-seed
 * generator so that a failure repeats. */
#ifndef PANCTL_TEST_ROWS_CORPUS_H
#define PANCTL_TEST_ROWS_CORPUS_H

#include <dirent.h>
#include <stdio.h>
#include <panos/log.h>
#include "check.h"

/* Parse each answer of @p dir, handing every entry to @p fn. Returns the number of files. */
static size_t corpus_each(const char *dir, panos_log_entry_fn fn)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t files = 0;
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[1024], data[1 << 16];
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        size_t n = fread(data, 1, sizeof(data), f);
        fclose(f);
        panos_logparser *p;
        CHECK_OK(panos_logparser_new(&p, fn, NULL));
        if (panos_logparser_feed(p, data, n) == PANOS_OK)
            (void)panos_logparser_finish(p);
        panos_logparser_free(p);
        files++;
    }
    closedir(d);
    return files;
}

/* xorshift64 from a fixed seed. */
static unsigned long long rng = 88172645463325252ULL;

static unsigned next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

/* A random string shorter than @p cap: one byte in @p odd any byte but NUL, else one of the
 * @p npool bytes of @p pool. */
static void random_text_from(char *s, size_t cap, const char *pool, size_t npool, unsigned odd)
{
    size_t n = next() % cap;
    for (size_t i = 0; i < n; i++)
        s[i] = (next() % odd == 0) ? (char)(1 + next() % 255) : pool[next() % npool];
    s[n] = '\0';
}

#endif
