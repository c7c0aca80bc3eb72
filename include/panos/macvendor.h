/* SPDX-License-Identifier: MIT */
/* macvendor.h -- MAC vendor lookup: offline in the IEEE registries (MA-L, MA-M, MA-S CSVs), and
 * optionally online (macvendors.com), rate-limited and cached. */
#ifndef PANOS_MACVENDOR_H
#define PANOS_MACVENDOR_H

#include <stddef.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Where Debian's ieee-data package puts the registries (oui.csv, mam.csv, oui36.csv). */
#define PANOS_MACVENDOR_DIR "/usr/share/ieee-data"

typedef struct panos_macvendor panos_macvendor;

/**
 * Load the IEEE registries from @p dir (NULL: PANOS_MACVENDOR_DIR): oui.csv (MA-L, 24-bit
 * assignments, required), mam.csv (MA-M, 28-bit) and oui36.csv (MA-S, 36-bit), each optional.
 * The CSVs are RFC 4180 (quoted fields with commas and newlines). Load once, look up many times.
 * @param[out] out the table, freed with panos_macvendor_free().
 * @return PANOS_OK, PANOS_E_NOT_FOUND (no oui.csv), PANOS_E_PARSE (no assignment in it),
 *         PANOS_E_IO, PANOS_E_NOMEM; one line in @p errbuf (optional) after a failure.
 * Thread-safe for different handles; a loaded handle may be shared by readers.
 */
PANOS_EXTERN panos_code panos_macvendor_load(panos_macvendor **out, const char *dir, char *errbuf,
                                             size_t errlen);

/** Free a table from panos_macvendor_load(); NULL is fine. */
PANOS_EXTERN void panos_macvendor_free(panos_macvendor *db);

/** What a MAC address says about itself and who it was assigned to. */
typedef struct panos_macvendor_info {
    int local;            /**< locally administered bit (0x02 of the first octet): randomized */
    int multicast;        /**< group bit (0x01 of the first octet) */
    const char *vendor;   /**< organization name, borrowed from the table; NULL when unassigned
                               or locally administered */
    const char *registry; /**< "MA-L", "MA-M" or "MA-S" (static), NULL with no vendor */
    unsigned int bits;    /**< prefix length that matched: 24, 28 or 36; 0 with no vendor */
} panos_macvendor_info;

/**
 * Look up @p mac ("00:1b:17:00:00:01", "00-1B-17-...", "001b.1700.0001" or 12 hex digits) in
 * @p db (NULL: only the bits are decoded). The longest assignment wins: MA-S (36 bits) over
 * MA-M (28) over MA-L (24), whose parent blocks read "IEEE Registration Authority". A locally
 * administered address is not looked up: it belongs to no vendor.
 * @return PANOS_OK (vendor NULL when none matched) or PANOS_E_INVALID_ARG (not a MAC).
 * Thread-safe.
 */
PANOS_EXTERN panos_code panos_macvendor_lookup(panos_macvendor_info *out, const panos_macvendor *db,
                                               const char *mac);

/**
 * Parse @p mac (the forms of panos_macvendor_lookup()) into its 48-bit value.
 * @return 0, or -1 when it is not a MAC address.
 */
PANOS_EXTERN int panos_mac_parse(unsigned long long *out, const char *mac);

/** The online lookup's default base URL (macvendors.com's plain-text endpoint, no key). */
#define PANOS_MACVENDOR_ONLINE_URL "https://api.macvendors.com/"
/** How long a cached online answer (found or not) is used: 30 days. */
#define PANOS_MACVENDOR_ONLINE_TTL (30L * 86400L)

/** Options of panos_macvendor_online_new(); zero fields take the defaults. */
typedef struct panos_macvendor_online_options {
    unsigned int version;   /**< PANOS_MACVENDOR_ONLINE_OPTIONS_VERSION */
    const char *base_url;   /**< NULL: PANOS_MACVENDOR_ONLINE_URL; the MAC is appended */
    const char *cache_path; /**< the cache file (read, rewritten atomically 0600); NULL: none */
    long cache_ttl_s;       /**< 0: PANOS_MACVENDOR_ONLINE_TTL */
    long min_interval_ms;   /**< between two requests; 0: 1000 (the free tier's 1/s) */
    long timeout_ms;        /**< per request; 0: 10000 */
} panos_macvendor_online_options;

#define PANOS_MACVENDOR_ONLINE_OPTIONS_VERSION 1
#define PANOS_MACVENDOR_ONLINE_OPTIONS_INIT                                                        \
    {                                                                                              \
        PANOS_MACVENDOR_ONLINE_OPTIONS_VERSION, NULL, NULL, 0, 0, 0                                \
    }

/** Set @p o to the defaults (as PANOS_MACVENDOR_ONLINE_OPTIONS_INIT). */
PANOS_EXTERN void panos_macvendor_online_options_init(panos_macvendor_online_options *o);

typedef struct panos_macvendor_online panos_macvendor_online;

/**
 * An online MAC vendor lookup: GET BASE_URL + "00:1b:17:00:00:01" (macvendors.com: HTTP 200
 * with the organization as text/plain, 404 when unknown, 429 over the free tier's 1 request per
 * second). TLS is always verified against the system's CAs; the URL must be https://, or http://
 * to 127.0.0.1, [::1] or localhost (a test server), and end in '/'. The cache file, when given,
 * is loaded here: lines "MAC\tEPOCH\tVENDOR" (VENDOR empty: not found) and the time of the
 * last request, so that the pace holds across processes.
 * @param[out] out the handle, freed with panos_macvendor_online_free().
 * @return PANOS_OK, PANOS_E_INVALID_ARG (URL), PANOS_E_IO (cache unreadable), PANOS_E_NOMEM;
 *         one line in @p errbuf (optional).
 * Not thread-safe: one handle per thread.
 */
PANOS_EXTERN panos_code panos_macvendor_online_new(panos_macvendor_online **out,
                                                   const panos_macvendor_online_options *o,
                                                   char *errbuf, size_t errlen);

/** Free a handle; NULL is fine. */
PANOS_EXTERN void panos_macvendor_online_free(panos_macvendor_online *h);

/**
 * The vendor of @p mac: from the cache when an answer younger than the TTL is there, else by one
 * request, made at least min_interval_ms after the previous one (this handle's or the cache
 * file's; the call sleeps), and cached (found or not; the cache file is rewritten).
 * Callers decide which MACs go online: randomized and multicast ones should not.
 * @param[out] vendor_out malloc'd vendor, or NULL when the service does not know the MAC.
 * @param[out] cached_out 1 when answered from the cache (optional, NULL).
 * @return PANOS_OK, PANOS_E_INVALID_ARG (not a MAC), PANOS_E_HTTP (another status, 429
 *         included), PANOS_E_TLS, PANOS_E_TRANSPORT, PANOS_E_TIMEOUT, PANOS_E_TOO_LARGE,
 *         PANOS_E_IO (cache not written), PANOS_E_NOMEM; one line in @p errbuf (optional).
 */
PANOS_EXTERN panos_code panos_macvendor_online_lookup(char **vendor_out, int *cached_out,
                                                      panos_macvendor_online *h, const char *mac,
                                                      char *errbuf, size_t errlen);

/** Requests this handle has made (cache hits make none). */
PANOS_EXTERN unsigned long panos_macvendor_online_requests(const panos_macvendor_online *h);

#ifdef __cplusplus
}
#endif

#endif
