/* SPDX-License-Identifier: MIT */
/* simimport.h -- type=import (configurations, certificates, key pairs) and the saved configs. */
#ifndef PANSIM_SIMIMPORT_H
#define PANSIM_SIMIMPORT_H

#include "simstate.h"

/* The named configurations imported (type=import&category=configuration). */
struct sim_saved;

int sim_saved_new(struct sim_saved **out);
void sim_saved_free(struct sim_saved *s);

/*
 * Answer an authenticated type=import request as PAN-OS does: a configuration saved under its
 * file name, a certificate or key pair (PEM or PKCS12) parsed and put in the candidate at
 * /config/shared/certificate. @p master_key encrypts a private key kept in the config. Not
 * thread-safe: the device serialises calls.
 */
void sim_import_handle(struct sim_saved *saved, struct sim_config *cfg, const char *master_key,
                       const struct sim_request *req, struct sim_reply *out);

/*
 * When @p cmd (type=op XML) is load config from NAME, show config saved NAME or delete config
 * saved NAME, answer it and return 1; else 0 and nothing is touched.
 */
int sim_import_op(struct sim_saved *saved, struct sim_config *cfg, const char *cmd,
                  struct sim_reply *out);

/* HTTP 400 in PAN-OS's web-layer envelope: <response status = 'error' code = '400'><result>
 * <msg>@p msg</msg></result></response> (pango v0.9.0 errors/panos_test.go). */
void sim_reply_400(struct sim_reply *out, const char *msg);

/* The `cmd` of an op or commit request as a document (no network, blanks dropped, libxml2
 * silent), or NULL when it is not XML; free it with xmlFreeDoc. The config-side op handlers
 * (locks, validate, commit, import) each look at it this way. */
struct _xmlDoc *sim_cmd_doc(const char *cmd);

/* The first child element of @p n named @p name, or NULL (@p n may be NULL). */
struct _xmlNode *sim_xml_kid(struct _xmlNode *n, const char *name);

/* Write <response status="@p status"><msg><line>@p line</line></msg></response> (escaped). */
void sim_msg_line(struct sim_reply *out, const char *status, const char *line);

/* Certificates (simcert.c). */

/* Parse the upload as category @p category (certificate | keypair) and put it in @p cfg's
 * candidate; the answer in @p out. */
void sim_cert_import(struct sim_config *cfg, const char *master_key, const char *category,
                     const struct sim_request *req, struct sim_reply *out);

/* type=export&category=certificate from the running config (certificate-name, format,
 * include-key, passphrase). */
void sim_cert_export(const struct sim_config *cfg, const char *master_key,
                     const struct sim_request *req, struct sim_reply *out);

#endif
