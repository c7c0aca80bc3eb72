/* SPDX-License-Identifier: MIT */
/* hostile.h -- hostile answers for the parser tests (an entity bomb, bad encoding) and a way to
 * see what libxml2 would print on stderr. */
#ifndef PANOS_TEST_HOSTILE_H
#define PANOS_TEST_HOSTILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The answer of the hardening issue: an internal entity of @p value_len bytes, referenced
 * @p refs times in <msg>, inside @p wrap_open ... @p wrap_close (e.g. a <response> around it).
 * 50,000 x 5,000 would be 250 MB once expanded. Free the result.
 */
static inline char *hostile_entity_bomb(size_t value_len, size_t refs, size_t *len_out)
{
    static const char head[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE response [\n<!ENTITY a \"";
    static const char mid[] = "\">\n]>\n<response status=\"error\" code=\"17\"><msg>";
    static const char tail[] = "</msg></response>\n";
    size_t len = sizeof(head) - 1 + value_len + sizeof(mid) - 1 + 3 * refs + sizeof(tail) - 1;
    char *s = malloc(len + 1), *p = s;
    if (s == NULL)
        return NULL;
    memcpy(p, head, sizeof(head) - 1), p += sizeof(head) - 1;
    memset(p, 'A', value_len), p += value_len;
    memcpy(p, mid, sizeof(mid) - 1), p += sizeof(mid) - 1;
    for (size_t i = 0; i < refs; i++)
        memcpy(p, "&a;", 3), p += 3;
    memcpy(p, tail, sizeof(tail) - 1), p += sizeof(tail) - 1;
    *p = '\0';
    *len_out = len;
    return s;
}

/* Declares SHIFT_JIS, then bytes that are not SHIFT_JIS: libxml2 2.9.14 reports the failed
 * conversion with no parser context, on stderr unless handlers are in place. */
static const char hostile_sjis[] = "<?xml version=\"1.0\" encoding=\"SHIFT_JIS\"?>\n"
                                   "<response status=\"success\"><result>\x82\xff\xff\x80"
                                   "</result></response>";

/* Send stderr to a temporary file until hostile_stderr_end(), which returns the bytes written
 * to it meanwhile. */
static int hostile_saved_fd = -1;
static FILE *hostile_tmp;

static inline void hostile_stderr_begin(void)
{
    fflush(stderr);
    hostile_tmp = tmpfile();
    hostile_saved_fd = dup(2);
    if (hostile_tmp != NULL)
        dup2(fileno(hostile_tmp), 2);
}

static inline long hostile_stderr_end(void)
{
    long n;
    fflush(stderr);
    dup2(hostile_saved_fd, 2);
    close(hostile_saved_fd);
    if (hostile_tmp == NULL)
        return -1;
    fseek(hostile_tmp, 0, SEEK_END);
    n = ftell(hostile_tmp);
    fclose(hostile_tmp);
    hostile_tmp = NULL;
    return n;
}

#endif
