/* SPDX-License-Identifier: MIT */
/* torture.h -- allocation-failure torture: force-included (-include) into libpanos, panctl and
 * panos_exporter when built with -DPANOS_TORTURE=ON, it sends their allocations through a counter
 * that fails the Nth one (PANOS_TORTURE=N); docs/internals/torture.md. */
#ifndef PANOS_TORTURE_H
#define PANOS_TORTURE_H

/* The system declarations first, under their own names; the macros below rename only the calls
 * and the function pointers of the file that follows. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

void *panos__torture_malloc(size_t n);
void *panos__torture_calloc(size_t n, size_t size);
void *panos__torture_realloc(void *p, size_t n);
void panos__torture_free(void *p);
char *panos__torture_strdup(const char *s);
char *panos__torture_strndup(const char *s, size_t n);
FILE *panos__torture_open_memstream(char **ptr, size_t *sizeloc);
ssize_t panos__torture_getline(char **lineptr, size_t *n, FILE *stream);

/* Counts one allocation made outside the calls above (a library's own allocator, hooked by
 * panos__torture_hook_libs()); 1 when this one is to fail. */
int panos__torture_fail_now(void);

/* Route jansson's allocations through the counter (panos_global_init(), only when PANOS_TORTURE
 * is set in the environment). */
void panos__torture_hook_libs(void);

#define malloc panos__torture_malloc
#define calloc panos__torture_calloc
#define realloc panos__torture_realloc
#define free panos__torture_free
#define strdup panos__torture_strdup
#define strndup panos__torture_strndup
#define open_memstream panos__torture_open_memstream
#define getline panos__torture_getline

#endif
