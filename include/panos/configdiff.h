/* SPDX-License-Identifier: MIT */
/* configdiff.h -- a structural diff of two PAN-OS configurations (entries by name, members as
 * sets). */
#ifndef PANOS_CONFIGDIFF_H
#define PANOS_CONFIGDIFF_H

#include <stddef.h>
#include "common.h"
#include "error.h"
#include "node.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What happened to the element (or attribute) at a change's xpath. */
typedef enum panos_config_change_kind {
    PANOS_CONFIG_ADDED = 0, /**< only in the new configuration */
    PANOS_CONFIG_REMOVED,   /**< only in the old one */
    PANOS_CONFIG_CHANGED,   /**< a leaf's text or an attribute differs */
    PANOS_CONFIG_MOVED      /**< an entry of an ordered list (a rulebase's rules) changed place */
} panos_config_change_kind;

/** One difference, handed to the callback; every pointer is borrowed for the call only. */
typedef struct panos_config_change {
    panos_config_change_kind kind;
    const char *xpath;     /**< PAN-OS style: /config/.../entry[@name='x']/..., or .../@attr */
    const char *old_value; /**< CHANGED and REMOVED leaves: the old text; NULL when absent */
    const char *new_value; /**< CHANGED and ADDED leaves: the new text; NULL when absent */
    size_t old_pos;        /**< MOVED: 1-based position in the old list, else 0 */
    size_t new_pos;        /**< MOVED: 1-based position in the new list, else 0 */
} panos_config_change;

/** Called once per change, in a stable order; return 0 to go on, non-zero to stop. */
typedef int (*panos_config_change_fn)(const panos_config_change *change, void *payload);

/** panos_config_diff() flags. */
#define PANOS_CONFIG_DIFF_ANNOTATIONS 1u /**< also compare admin, dirtyId and time attributes */

/**
 * Compare two configurations structurally and call @p fn for every difference: children
 * <entry name="X"> are matched by name, <member> by text (a set), other elements by tag (the
 * Nth of a repeated tag with the Nth); entries of a <rules> list whose relative order changed
 * are reported MOVED (the fewest moves: those outside a longest common order).
 * docs/internals/configdiff.md has the rules.
 * @param[out] count_out the number of changes reported (may be NULL).
 * @param a,b the old and new <config> elements (or any two elements to compare as roots;
 *        panos_config_diff_root() finds <config> in an export or a config show answer).
 * @param flags 0 or PANOS_CONFIG_DIFF_ANNOTATIONS.
 * Reentrant: it only reads both documents. Memory: O(children of one element) beyond the xpath.
 * @return PANOS_OK, PANOS_E_NOMEM, PANOS_E_INVALID_ARG (a or b NULL), PANOS_E_FAILED when
 *         @p fn stopped the walk.
 */
PANOS_EXTERN panos_code panos_config_diff(size_t *count_out, const panos_node *a,
                                          const panos_node *b, unsigned flags,
                                          panos_config_change_fn fn, void *payload);

/**
 * The <config> element of a saved configuration: @p root itself when it is <config> (an
 * export), its <result><config> when it is a <response> (config show, op show config). NULL
 * otherwise. Borrowed from @p root's document.
 */
PANOS_EXTERN const panos_node *panos_config_diff_root(const panos_node *root);

/** "added", "removed", "changed" or "moved" (static; "unknown" for other values). */
PANOS_EXTERN const char *panos_config_change_name(panos_config_change_kind kind);

#ifdef __cplusplus
}
#endif

#endif
