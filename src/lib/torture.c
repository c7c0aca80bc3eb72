/* SPDX-License-Identifier: MIT */
/* torture.c -- the counting allocator of -DPANOS_TORTURE=ON builds: PANOS_TORTURE=N fails the Nth
 * allocation of the process, PANOS_TORTURE_COUNT=FILE records how many there were, and
 * PANOS_TORTURE_SECRET=S reports a freed block that still holds S (docs/internals/torture.md). */
#include "torture.h"
/* Here the names are the C library's own (the build force-includes torture.h here too). */
#undef malloc
#undef calloc
#undef realloc
#undef free
#undef strdup
#undef strndup
#undef open_memstream
#undef getline

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdatomic.h>
#include <unistd.h>
#include <jansson.h>
#include <libxml/xmlmemory.h>

/* AddressSanitizer's, when the program has it: the stack of the failed allocation. */
extern void __sanitizer_print_stack_trace(void) __attribute__((weak));

static atomic_ulong calls;         /* allocations so far */
static atomic_ulong secrets_found; /* freed blocks that held the secret */
static unsigned long fail_at;      /* 0: never */
static int verbose;
static const char *secret;
static size_t secret_len;
static const char *count_path;

__attribute__((constructor)) static void torture_init(void)
{
    const char *n = getenv("PANOS_TORTURE");
    if (n != NULL && *n != '\0')
        fail_at = strtoul(n, NULL, 10);
    count_path = getenv("PANOS_TORTURE_COUNT");
    secret = getenv("PANOS_TORTURE_SECRET");
    secret_len = secret != NULL ? strlen(secret) : 0;
    verbose = getenv("PANOS_TORTURE_VERBOSE") != NULL;
}

/* "calls secrets-found\n", appended: a command line of several processes leaves one line each. */
__attribute__((destructor)) static void torture_report(void)
{
    if (count_path == NULL || *count_path == '\0')
        return;
    int fd = open(count_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    dprintf(fd, "%lu %lu\n", atomic_load(&calls), atomic_load(&secrets_found));
    close(fd);
}

int panos__torture_fail_now(void)
{
    unsigned long n = atomic_fetch_add(&calls, 1) + 1;
    if (fail_at == 0 || n != fail_at)
        return 0;
    if (verbose) {
        dprintf(2, "panos torture: allocation %lu fails here\n", n);
        if (__sanitizer_print_stack_trace != NULL)
            __sanitizer_print_stack_trace();
    }
    errno = ENOMEM;
    return 1;
}

void *panos__torture_malloc(size_t n)
{
    return panos__torture_fail_now() ? NULL : malloc(n);
}

void *panos__torture_calloc(size_t n, size_t size)
{
    return panos__torture_fail_now() ? NULL : calloc(n, size);
}

void *panos__torture_realloc(void *p, size_t n)
{
    return panos__torture_fail_now() ? NULL : realloc(p, n);
}

/* 1 when the @p n bytes at @p p hold the secret. */
static int holds_secret(const unsigned char *p, size_t n)
{
    size_t i;
    for (i = 0; i + secret_len <= n; i++) {
        if (p[i] == (unsigned char)secret[0] && memcmp(p + i, secret, secret_len) == 0)
            return 1;
    }
    return 0;
}

void panos__torture_free(void *p)
{
    if (p != NULL && secret_len > 0) {
        size_t n = malloc_usable_size(p);
        if (holds_secret(p, n)) {
            atomic_fetch_add(&secrets_found, 1);
            if (verbose) {
                dprintf(2, "panos torture: a block freed unwiped holds the secret\n");
                if (__sanitizer_print_stack_trace != NULL)
                    __sanitizer_print_stack_trace();
            }
        }
    }
    free(p);
}

char *panos__torture_strdup(const char *s)
{
    return panos__torture_fail_now() ? NULL : strdup(s);
}

char *panos__torture_strndup(const char *s, size_t n)
{
    return panos__torture_fail_now() ? NULL : strndup(s, n);
}

FILE *panos__torture_open_memstream(char **ptr, size_t *sizeloc)
{
    return panos__torture_fail_now() ? NULL : open_memstream(ptr, sizeloc);
}

ssize_t panos__torture_getline(char **lineptr, size_t *n, FILE *stream)
{
    return panos__torture_fail_now() ? -1 : getline(lineptr, n, stream);
}

static char *xml_strdup(const char *s)
{
    return panos__torture_strdup(s);
}

/*
 * jansson always (panctl's JSON output, the Prisma client); libxml2 only with
 * PANOS_TORTURE_XML=1: libxml2 2.9's own out-of-memory paths are not all safe (upstream made them
 * so in 2.11 and 2.12), so its failures are tried by hand, not in the runs that must pass.
 */
void panos__torture_hook_libs(void)
{
    if (fail_at == 0 && count_path == NULL)
        return;
    json_set_alloc_funcs(panos__torture_malloc, panos__torture_free);
    const char *x = getenv("PANOS_TORTURE_XML");
    if (x != NULL && strcmp(x, "1") == 0)
        xmlMemSetup(panos__torture_free, panos__torture_malloc, panos__torture_realloc, xml_strdup);
}
