/* SPDX-License-Identifier: MIT */
/* test_sbuf.c -- the library's growable string: appends, an empty append from a buffer that
 * failed (NULL, 0 bytes: torture case 0609), finish. */
#include <stdlib.h>
#include <string.h>
#include "sbuf.h"
#include "check.h"

static void test_append_finish(void **state)
{
    (void)state;
    panos__sb sb = PANOS__SB_INIT;
    panos_buf out = PANOS_BUF_INIT;
    panos__sb_puts(&sb, "type=op");
    panos__sb_printf(&sb, "&n=%d", 25);
    panos__sb_append(&sb, "&cmd=xyz", 5);
    CHECK_OK(panos__sb_finish(&sb, &out));
    CHECK_STR("type=op&n=25&cmd=", out.ptr);
    CHECK_EQ(17, out.size);
    panos_buf_dispose(&out);
}

/* The log parser copies a field through a scratch buffer; when the scratch's allocation failed
 * it appends (NULL, 0). That adds nothing and is not memcpy(dst, NULL, 0), which UBSan reports. */
static void test_empty_append_of_null(void **state)
{
    (void)state;
    panos__sb sb = PANOS__SB_INIT, failed = PANOS__SB_INIT;
    panos_buf out = PANOS_BUF_INIT;
    panos__sb_append(&sb, failed.ptr, failed.len);
    CHECK_EQ(0, sb.len);
    CHECK_TRUE(sb.ptr != NULL && sb.ptr[0] == '\0');
    panos__sb_puts(&sb, "FIN");
    panos__sb_append(&sb, NULL, 0);
    CHECK_OK(panos__sb_finish(&sb, &out));
    CHECK_STR("FIN", out.ptr);
    panos_buf_dispose(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_finish),
        cmocka_unit_test(test_empty_append_of_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
