/* SPDX-License-Identifier: MIT */
/* fuzz_logfilter.c -- libFuzzer entry: panos_logfilter_build over helper values from the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <panos/log.h>
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input is up to 13 values separated by NUL bytes, in the order of the fields below; an
 * empty value is left out (NULL), as an option not given. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    if (text == NULL)
        return 0;
    const char *v[13] = {0};
    size_t nv = 0;
    for (size_t i = 0, start = 0; i <= size && nv < 13; i++) {
        if (text[i] == '\0') {
            v[nv++] = i > start ? text + start : NULL;
            start = i + 1;
        }
    }
    panos_logfilter f = {v[0], v[1], v[2], v[3],  v[4],  v[5],  v[6],
                         v[7], v[8], v[9], v[10], v[11], v[12], 1767225600LL};
    panos_buf out = PANOS_BUF_INIT;
    char err[256];
    (void)panos_logfilter_build(&out, &f, err, sizeof(err));
    panos_buf_dispose(&out);
    (void)panos_log_type_valid(v[0] ? v[0] : "");
    free(text);
    return 0;
}
