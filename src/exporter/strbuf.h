/* SPDX-License-Identifier: MIT */
/* strbuf.h -- a growable NUL-terminated string with a sticky failure flag. */
#ifndef EXP_STRBUF_H
#define EXP_STRBUF_H

#include <stddef.h>

struct exp_sb {
    char *ptr;
    size_t len, cap;
    int failed;
};

#define EXP_SB_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, 0                                                                              \
    }

int exp_sb_puts(struct exp_sb *b, const char *s);
int exp_sb_putc(struct exp_sb *b, char c);
int exp_sb_printf(struct exp_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void exp_sb_free(struct exp_sb *b);

#endif
