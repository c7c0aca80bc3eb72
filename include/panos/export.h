/* SPDX-License-Identifier: MIT */
/* export.h -- type=export downloads streamed to a file or a descriptor, never held in memory. */
#ifndef PANOS_EXPORT_H
#define PANOS_EXPORT_H

#include <stddef.h>
#include "common.h"
#include "error.h"
#include "client.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What an export wrote. */
typedef struct panos_export_result {
    unsigned long long bytes;   /**< bytes of the body written */
    unsigned char sha256[32];   /**< SHA-256 of those bytes */
} panos_export_result;

/**
 * Download type=export&category=@p category (plus @p params, e.g. from=) and stream the body,
 * as it arrives, to @p fd. Nothing is held whole: memory stays flat whatever the size (the
 * client's max_response_bytes still caps it). PAN-OS sends a configuration export as the raw
 * <config> document, not a <response> (PAN-OS XML API guide, "Export Files (API)"); a 200
 * answer that is a <response> (an error) is classified as panos_request() would and nothing of
 * it is written. Not retried (the body may be partly written). Not thread-safe on one client.
 * @param[out] result_out bytes and SHA-256 of what was written; optional (NULL).
 * @return PANOS_OK; PANOS_E_IO when @p fd refuses the bytes; the classes of panos_request()
 *         (TRANSPORT for a body cut short, AUTH, ...). Detail in panos_client_last_error().
 */
PANOS_EXTERN panos_code panos_export_to_fd(panos_export_result *result_out, panos_client *c,
                                           const char *category, const panos_param *params,
                                           size_t nparams, int fd);

/**
 * As panos_export_to_fd(), into the file @p path, atomically: the body goes to a temporary
 * file ".<name>.XXXXXX" in the same directory (mode 0600), which is synced and renamed over
 * @p path only when the whole answer arrived. A failed or truncated transfer leaves no file
 * (the temporary one is removed) and an existing @p path untouched.
 * @param[out] result_out bytes and SHA-256 of the file; optional (NULL).
 * @return as panos_export_to_fd(); PANOS_E_IO when the file cannot be made or renamed.
 */
PANOS_EXTERN panos_code panos_export_to_file(panos_export_result *result_out, panos_client *c,
                                             const char *category, const panos_param *params,
                                             size_t nparams, const char *path);

/**
 * SHA-256 of the file @p path (read in blocks), for comparing a download with a kept copy.
 * @return PANOS_OK, PANOS_E_NOT_FOUND (no such file), PANOS_E_IO; @p errbuf gets one line.
 */
PANOS_EXTERN panos_code panos_file_sha256(unsigned char sha256_out[32], const char *path,
                                          char *errbuf, size_t errlen);

/**
 * The time a threat log's pcap_id encodes, and the search-time a threat-pcap export wants.
 * Bits 25-56 of the id hold the UTC epoch second of the capture,
 * (id & 0x01fffffffe000000) >> 25 (pan-python 0.26.0 pcapid_time); the id 1206450340254187521
 * decodes to 2020-07-20 22:20:17 UTC. search-time is the firewall's local time, so @p
 * utc_offset_s (the firewall's zone, e.g. -14400 for UTC-4; 0 for a firewall on UTC) is added.
 * Writes "YYYY/MM/DD HH:MM:SS" to @p buf (at least 20 bytes) and the UTC epoch to @p epoch_out
 * (optional, NULL). Pure and thread-safe.
 * @return PANOS_OK; PANOS_E_INVALID_ARG when @p pcap_id is not a decimal number, is 0, or has
 *         no time in it; @p errbuf gets one line.
 */
PANOS_EXTERN panos_code panos_pcap_search_time(char *buf, size_t len, long long *epoch_out,
                                               const char *pcap_id, long utc_offset_s, char *errbuf,
                                               size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
