/* SPDX-License-Identifier: MIT */
/* fuzz_cmdxml.c -- libFuzzer entry: CLI text through panos_cmd_to_xml. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <panos/cmdxml.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    panos_buf out = PANOS_BUF_INIT;
    char errbuf[128];
    /* The API takes a C string: copy into an exact-size buffer so overreads are caught. */
    char *text = malloc(size + 1);

    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    (void)panos_cmd_to_xml(&out, text, errbuf, sizeof(errbuf));
    panos_buf_dispose(&out);
    free(text);
    return 0;
}
