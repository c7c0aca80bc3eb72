/* SPDX-License-Identifier: MIT */
/* pcapid.c -- the time a threat log's pcap_id encodes, as a threat-pcap export's search-time. */
#include <panos/export.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "contract.h"

/* Bits 25-56: the UTC epoch second (pan-python 0.26.0 pcapid_time). */
#define PCAP_ID_TIME_MASK 0x01fffffffe000000ULL

panos_code panos_pcap_search_time(char *buf, size_t len, long long *epoch_out, const char *pcap_id,
                                  long utc_offset_s, char *errbuf, size_t errlen)
{
    PANOS_ASSERT(buf != NULL && len >= 20);
    panos__errbuf_clear(errbuf, errlen);
    buf[0] = '\0';
    char *end = NULL;
    unsigned long long id = 0;
    errno = 0;
    if (pcap_id != NULL && isdigit((unsigned char)pcap_id[0]))
        id = strtoull(pcap_id, &end, 10);
    long long epoch = (long long)((id & PCAP_ID_TIME_MASK) >> 25);
    time_t local = (time_t)(epoch + utc_offset_s);
    struct tm tm;
    if (end == NULL || *end != '\0' || errno != 0 || epoch == 0 || local < 0 ||
        gmtime_r(&local, &tm) == NULL || strftime(buf, len, "%Y/%m/%d %H:%M:%S", &tm) == 0) {
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "pcap id '%.40s' is not a number with a time in it",
                     pcap_id != NULL ? pcap_id : "");
        buf[0] = '\0';
        return PANOS_E_INVALID_ARG;
    }
    if (epoch_out != NULL)
        *epoch_out = epoch;
    return PANOS_OK;
}
