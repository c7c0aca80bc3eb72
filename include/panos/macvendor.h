/* SPDX-License-Identifier: MIT */
/* macvendor.h -- offline MAC vendor lookup in the IEEE registries (MA-L, MA-M, MA-S CSVs). */
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

#ifdef __cplusplus
}
#endif

#endif
