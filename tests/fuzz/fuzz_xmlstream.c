/* SPDX-License-Identifier: MIT */
/* fuzz_xmlstream.c -- libFuzzer entry: an answer pushed in two chunks through panos_xmlstream. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <panos/xmlstream.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch every byte handed on so a bad pointer shows up under ASan. */
static panos_code on_start(void *payload, int depth, const char *name, const panos_xml_attr *a,
                           size_t n)
{
    size_t *sum = payload;
    *sum += (size_t)depth + strlen(name);
    for (size_t i = 0; i < n; i++)
        *sum += strlen(a[i].name) + strlen(a[i].value);
    return PANOS_OK;
}

static panos_code on_text(void *payload, int depth, const char *text, size_t len)
{
    size_t *sum = payload;
    for (size_t i = 0; i < len; i++)
        *sum += (unsigned char)text[i];
    *sum += (size_t)depth;
    return PANOS_OK;
}

static panos_code on_end(void *payload, int depth, const char *name)
{
    size_t *sum = payload;
    *sum += (size_t)depth + strlen(name);
    return PANOS_OK;
}

static volatile size_t touched; /* keeps the sum, so the reads are not optimised away */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const panos_xml_events ev = {
        PANOS_XML_EVENTS_VERSION, on_start, on_text, on_end, NULL, NULL};
    panos_xmlstream *p = NULL;
    size_t sum = 0;
    /* The split point comes from the first byte so chunk boundaries are explored too. */
    size_t split = size ? data[0] % (size + 1) : 0;

    if (panos_xmlstream_new(&p, &ev, &sum) != PANOS_OK)
        return 0;
    if (panos_xmlstream_feed(p, (const char *)data, split) == PANOS_OK &&
        panos_xmlstream_feed(p, (const char *)data + split, size - split) == PANOS_OK)
        (void)panos_xmlstream_finish(p);
    const panos_xmlstream_info *info = panos_xmlstream_info_get(p);
    if (info->message != NULL)
        sum += strlen(info->message);
    sum += strlen(panos_xmlstream_error(p));
    panos_xmlstream_free(p);
    touched = sum;
    return 0;
}
