/* SPDX-License-Identifier: MIT */
/* torture.h -- runcase --torture N: the checks of one allocation-failure run (scripts/torture.sh,
 * docs/internals/torture.md). */
#ifndef RUNCASE_TORTURE_H
#define RUNCASE_TORTURE_H

#include <stddef.h>

/* What the processes of the command reported through PANOS_TORTURE_COUNT. */
struct rt_count {
    unsigned long calls;   /* the most allocations one process made */
    unsigned long secrets; /* freed blocks that still held the secret, all processes */
    int processes;         /* lines read: processes that reached exit() */
};

/* The files under @p dir (recursively, runcase's own left out) as "path\tsize\tmtime\n" lines,
 * sorted; malloc'd, never NULL. */
char *rt_tree_list(const char *dir);

/* The lines of @p after whose file is not in @p before or changed, as "path\tsize\n"; malloc'd. */
char *rt_new_files(const char *before, const char *after);

/* The lines of @p created that @p manifest (the new files of the complete run) does not list
 * with the same size: what a failed run left behind; malloc'd, "" when nothing. */
char *rt_leftovers(const char *created, const char *manifest);

/* Read @p path (one "calls secrets" line per process). 0, or -1 when no process wrote it. */
int rt_read_count(const char *path, struct rt_count *out);

/* NULL, or what @p text shows: a sanitizer report, an assertion, the torture allocator's own. */
const char *rt_stderr_report(const char *text);

/*
 * The stderr of a run that failed for want of memory: no sanitizer report or assertion, and
 * exactly one line beyond those @p expected lists ("" for none), the program's own error. NULL when
 * clean, or what is wrong (static text).
 */
const char *rt_check_stderr(const char *actual, const char *expected);

#endif
