/* SPDX-License-Identifier: MIT */
/* userid.h -- User-ID: uid-message documents (logins, logouts, IP and user tags) and
 * type=user-id requests. */
#ifndef PANOS_USERID_H
#define PANOS_USERID_H

#include <stddef.h>
#include "common.h"
#include "error.h"
#include "buf.h"
#include "client.h"
#include "response.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The payload section of a uid-message (PAN-OS XML API guide, "Use the API for User-ID"). */
typedef enum panos_uid_action {
    PANOS_UID_LOGIN,          /**< <login>: map ip to user (timeout in minutes) */
    PANOS_UID_LOGOUT,         /**< <logout>: end ip's mapping */
    PANOS_UID_REGISTER,       /**< <register>: tag ip (tag timeout in seconds) */
    PANOS_UID_UNREGISTER,     /**< <unregister>: untag ip */
    PANOS_UID_REGISTER_USER,  /**< <register-user>: tag user (PAN-OS 9.1+) */
    PANOS_UID_UNREGISTER_USER /**< <unregister-user>: untag user */
} panos_uid_action;

/** One entry. Strings are borrowed for the call. */
typedef struct panos_uid_entry {
    const char *ip;          /**< login, logout, register, unregister */
    const char *user;        /**< login, logout (optional), register-user, unregister-user */
    const char *const *tags; /**< register* and unregister*: at least one */
    size_t ntags;
    long timeout; /**< login: minutes; register, register-user: seconds per tag; 0: none */
} panos_uid_entry;

/** The section's element name ("login", "register-user", ...). */
PANOS_EXTERN const char *panos_uid_action_name(panos_uid_action action);

/**
 * Append the <entry> of @p e for @p action to @p out (created when empty), XML-escaped. A
 * missing ip or user, an address that is not IPv4 or IPv6, no tag, or a negative timeout is
 * PANOS_E_INVALID_ARG with one line in @p errbuf (optional) naming it; @p out is then as it was.
 * @return PANOS_OK, PANOS_E_INVALID_ARG or PANOS_E_NOMEM. Thread-safe.
 */
PANOS_EXTERN panos_code panos_uid_entry_xml(panos_buf *out, panos_uid_action action,
                                            const panos_uid_entry *e, char *errbuf, size_t errlen);

/**
 * The whole uid-message (version 2.0, type update) around @p entries (@p len bytes of <entry>
 * elements of panos_uid_entry_xml()) into @p out, which the caller disposes.
 * @return PANOS_OK or PANOS_E_NOMEM. Thread-safe.
 */
PANOS_EXTERN panos_code panos_uid_message(panos_buf *out, panos_uid_action action,
                                          const char *entries, size_t len);

/**
 * type=user-id with cmd=@p message and, when not NULL, vsys=@p vsys (target= when the client
 * has one). Never resent (it changes the device's state).
 * @param[out] out the answer, also when PAN-OS answers status="error"; see panos_request().
 * @return as panos_request(): PANOS_E_API when PAN-OS refused the message or noted entries
 *         (panos_uid_notes() tells them apart).
 */
PANOS_EXTERN panos_code panos_userid_send(panos_response **out, panos_client *c,
                                          const char *message, const char *vsys);

/** Called for each per-entry note: the section ("register"), the entry's ip or user, the text. */
typedef void (*panos_uid_note_fn)(const char *section, const char *key, const char *message,
                                  void *payload);

/**
 * The per-entry notes of a user-id answer: PAN-OS answers status="error" with the uid-response
 * inside the message line (<entry ip="..." message="t1 already exists, ignore"/>) when it
 * skipped entries of a message it otherwise applied. Calls @p fn (may be NULL) for each.
 * @return how many; 0 when @p r (may be NULL) has none, i.e. its error refused the message.
 */
PANOS_EXTERN size_t panos_uid_notes(const panos_response *r, panos_uid_note_fn fn, void *payload);

#ifdef __cplusplus
}
#endif

#endif
