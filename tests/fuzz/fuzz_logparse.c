/* SPDX-License-Identifier: MIT */
/* fuzz_logparse.c -- libFuzzer entry: a type=log answer pushed in two chunks through panos_logparser. */
#include <stddef.h>
#include <stdint.h>
#include <panos/log.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch every field so a bad pointer shows up under ASan, then go on. */
static int on_entry(void *payload, const panos_log_entry *e)
{
    size_t *n = payload;
    size_t i;

    for (i = 0; i < e->nfields; i++)
        *n += (e->fields[i].name[0] != '\0') + (e->fields[i].value[0] != '\0');
    (void)panos_log_entry_get(e, "seqno");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    panos_logparser *p = NULL;
    const panos_logparser_info *info;
    size_t touched = 0;
    /* The split point comes from the first byte so the fuzzer explores chunk boundaries too;
     * the whole input is still fed. */
    size_t split = size ? data[0] % (size + 1) : 0;

    if (panos_logparser_new(&p, on_entry, &touched) != PANOS_OK)
        return 0;
    if (panos_logparser_feed(p, (const char *)data, split) == PANOS_OK &&
        panos_logparser_feed(p, (const char *)data + split, size - split) == PANOS_OK)
        (void)panos_logparser_finish(p);
    info = panos_logparser_info_get(p);
    if (info != NULL && info->message != NULL)
        touched += info->message[0] != '\0';
    panos_logparser_free(p);
    return 0;
}
