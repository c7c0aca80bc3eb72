/* SPDX-License-Identifier: MIT */
/* fuzz_apikey.c -- libFuzzer entry: a key (or an inner -AQ== envelope) decoded with the default
 * master key, as panctl key audit and check key do with what a user hands them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <panos/apikey.h>
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *key = fuzz_cstring(data, size);
    if (key == NULL)
        return 0;
    panos_apikey_info info;
    if (panos_apikey_decode(&info, key, NULL) == PANOS_OK) {
        size_t n = info.user ? strlen(info.user) : 0; /* read what was decoded */
        n += info.password ? strlen(info.password) : 0;
        (void)n;
        panos_apikey_info_clear(&info);
    }
    panos_buf plain = PANOS_BUF_INIT;
    if (panos_envelope_decrypt(&plain, key, NULL) == PANOS_OK)
        panos_buf_dispose_secret(&plain);
    free(key);
    return 0;
}
