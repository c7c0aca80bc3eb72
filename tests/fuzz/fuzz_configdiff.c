/* SPDX-License-Identifier: MIT */
/* fuzz_configdiff.c -- libFuzzer entry: two documents (split at the first NUL byte) through
 * panos_doc_parse and panos_config_diff, with and without the annotation attributes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <panos/panos.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read every field of a change, so a bad pointer shows under ASan. */
static int touch(const panos_config_change *c, void *payload)
{
    size_t *sum = payload;
    *sum += strlen(c->xpath) + c->old_pos + c->new_pos;
    *sum += c->old_value ? strlen(c->old_value) : 0;
    *sum += c->new_value ? strlen(c->new_value) : 0;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *a = (const char *)data, *nul = memchr(data, '\0', size);
    size_t alen = nul ? (size_t)(nul - a) : size;
    const char *b = nul ? nul + 1 : a;
    size_t blen = nul ? size - alen - 1 : size;
    panos_doc *da = NULL, *db = NULL;
    size_t sum = 0, n = 0;
    if (panos_doc_parse(&da, a, alen, NULL, 0) == PANOS_OK &&
        panos_doc_parse(&db, b, blen, NULL, 0) == PANOS_OK) {
        (void)panos_config_diff(&n, panos_doc_root(da), panos_doc_root(db), 0, touch, &sum);
        (void)panos_config_diff(&n, panos_doc_root(da), panos_doc_root(db),
                                PANOS_CONFIG_DIFF_ANNOTATIONS, touch, &sum);
        (void)panos_config_diff_root(panos_doc_root(db));
    }
    panos_doc_free(da);
    panos_doc_free(db);
    return 0;
}
