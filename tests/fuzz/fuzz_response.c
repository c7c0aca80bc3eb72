/* SPDX-License-Identifier: MIT */
/* fuzz_response.c -- libFuzzer entry: an answer body through panos_response_parse, as 200 and 403. */
#include <stddef.h>
#include <stdint.h>
#include <panos/response.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *data, size_t size, long http_status)
{
    panos_response *r = NULL;

    if (panos_response_parse(&r, (const char *)data, size, http_status) != PANOS_OK)
        return;
    (void)panos_response_classify(r);
    (void)panos_response_message(r);
    (void)panos_response_status(r);
    (void)panos_response_code(r);
    panos_response_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one(data, size, 200);
    one(data, size, 403);
    return 0;
}
