/* SPDX-License-Identifier: MIT */
/* size.c -- read a byte count given on the command line: 1048576, 512K, 64M, 1G (powers of 1024). */
#include <errno.h>
#include <stdlib.h>
#include "cli.h"

int cli_parse_size(const char *s, size_t *out)
{
    char *end = NULL;
    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s)
        return -1;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return -1;
    }
    /* 1 TiB is far past anything a firewall answers; it also keeps the sums in range. */
    if (*end != '\0' || v == 0 || v > (1ULL << 40) >> shift)
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}
