/* SPDX-License-Identifier: MIT */
/* check.h -- the unit-test harness: cmocka plus checks that print both sides with file and line. */
#ifndef PANOS_TEST_CHECK_H
#define PANOS_TEST_CHECK_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <panos/error.h>

/* Integers: cmocka prints both values, the file and the line on a mismatch. */
#define CHECK_EQ(expected, actual) assert_int_equal((expected), (actual))
#define CHECK_NE(a, b) assert_int_not_equal((a), (b))
#define CHECK_TRUE(cond) assert_true(cond)
/* Strings (NULL-safe: a NULL actual fails with a message instead of crashing). */
#define CHECK_STR(expected, actual)                                                              \
    do {                                                                                         \
        const char *check_a_ = (actual);                                                         \
        if (check_a_ == NULL)                                                                    \
            fail_msg("%s is NULL, expected \"%s\"", #actual, (expected));                        \
        assert_string_equal((expected), check_a_);                                               \
    } while (0)
/* A libpanos call that must succeed: the failing code is shown by name. */
#define CHECK_OK(expr)                                                                           \
    do {                                                                                         \
        panos_code check_c_ = (expr);                                                            \
        if (check_c_ != PANOS_OK)                                                                \
            fail_msg("%s returned %s (%d)", #expr, panos_code_name(check_c_), (int)check_c_);    \
    } while (0)
/* A libpanos call that must fail with a given code. */
#define CHECK_CODE(code, expr)                                                                   \
    do {                                                                                         \
        panos_code check_c_ = (expr);                                                            \
        if (check_c_ != (code))                                                                  \
            fail_msg("%s returned %s, expected %s", #expr, panos_code_name(check_c_),            \
                     panos_code_name(code));                                                     \
    } while (0)

#endif
