/* SPDX-License-Identifier: MIT */
/* client.c -- the panos_client handle: new/free, setters, the last error, and the request calls. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/client.h>
#include "client_priv.h"
#include "sbuf.h"
#include "contract.h"

void panos_client_options_init(panos_client_options *opts)
{
    PANOS_ASSERT(opts != NULL);
    panos_client_options d = PANOS_CLIENT_OPTIONS_INIT;
    *opts = d;
}

static char *xstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

void panos__client_replace_secret(char **slot, char *value)
{
    panos_free_secret(*slot);
    *slot = value;
}

long panos__client_deadline_left(const panos_client *c)
{
    return panos__deadline_left(&c->set.deadline, c->clock.now_ms(c->clock.payload));
}

/* An IPv6 literal needs brackets in the URL. */
static int needs_brackets(const char *host)
{
    return strchr(host, ':') != NULL && host[0] != '[';
}

/* scheme://host:port/api/ into c->set.url. */
static panos_code build_url(panos_client *c, const panos_client_options *opts)
{
    panos__sb url = PANOS__SB_INIT;
    unsigned int port = opts->port ? opts->port : (opts->use_http ? 80 : 443);
    const char *host = opts->host;
    size_t hl = strlen(host);
    int bracketed = host[0] == '[' && host[hl - 1] == ']';
    panos__sb_printf(&url, "%s://%s%.*s%s:%u/api/", opts->use_http ? "http" : "https",
                     needs_brackets(host) ? "[" : "", (int)hl, host,
                     needs_brackets(host) && !bracketed ? "]" : "", port);
    panos_buf ub = PANOS_BUF_INIT;
    if (panos__sb_finish(&url, &ub) != PANOS_OK)
        return PANOS_E_NOMEM;
    c->set.url = ub.ptr;
    return PANOS_OK;
}

panos_code panos_client_new(panos_client **out, const panos_client_options *opts)
{
    PANOS_ASSERT(out != NULL && opts != NULL);
    *out = NULL;
    /* Version 1 structs end before deadline_ms: never read past what the caller has. */
    if (opts == NULL || opts->version < 1 || opts->version > PANOS_CLIENT_OPTIONS_VERSION ||
        opts->host == NULL || opts->host[0] == '\0')
        return PANOS_E_INVALID_ARG;
    long deadline_ms = opts->version >= 2 ? opts->deadline_ms : 0;
    if (deadline_ms < 0)
        return PANOS_E_INVALID_ARG;
    panos_client *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return PANOS_E_NOMEM;
    if (opts->pin_sha256 != NULL) {
        /* A pin says "trust exactly this certificate", insecure says "trust any": they cannot
         * both hold, and choosing one silently would send the key to a peer not meant. */
        if (opts->insecure || panos__pin_parse(c->pin.sha256, opts->pin_sha256) != 0) {
            free(c);
            return PANOS_E_INVALID_ARG;
        }
        c->pin.set = 1;
    }
    c->clock = panos__clock_system;
    struct panos__client_settings *s = &c->set;
    s->insecure = opts->insecure;
    s->connect_timeout_ms = opts->connect_timeout_ms;
    s->timeout_ms = opts->timeout_ms;
    s->max_bytes = opts->max_response_bytes ? opts->max_response_bytes : (size_t)64 << 20;
    s->retry.max_retries = opts->max_retries < 0 ? 0 : opts->max_retries;
    s->retry.base_ms = opts->retry_base_ms > 0 ? opts->retry_base_ms : 500;
    s->retry.max_ms = opts->retry_max_ms > 0 ? opts->retry_max_ms : 8000;
    s->log = opts->log;
    s->log_payload = opts->log_payload;
    panos__deadline_start(&s->deadline, deadline_ms, c->clock.now_ms(c->clock.payload));
    c->err.err.code = PANOS_OK;
    c->err.err.api_code = -1;
    c->err.err.message = "";

    if (build_url(c, opts) != PANOS_OK) {
        free(c);
        return PANOS_E_NOMEM;
    }
    s->ca_file = xstrdup(opts->ca_file);
    if (panos__easy_new(&c->easy) != PANOS_OK || (opts->ca_file && s->ca_file == NULL)) {
        panos_client_free(c);
        return PANOS_E_NOMEM;
    }
    *out = c;
    return PANOS_OK;
}

void panos_client_restart_deadline(panos_client *c)
{
    PANOS_ASSERT(c != NULL);
    panos__deadline_start(&c->set.deadline, c->set.deadline.ms, c->clock.now_ms(c->clock.payload));
}

void panos_client_free(panos_client *c)
{
    if (c == NULL)
        return;
    panos__easy_free(c->easy);
    free(c->set.url);
    free(c->set.ca_file);
    free(c->set.target);
    free(c->set.vsys);
    free(c->set.cookie_jar);
    panos_free_secret(c->sec.key);
    panos_free_secret(c->sec.basic_user);
    panos_free_secret(c->sec.basic_password);
    free(c->err.message);
    free(c->err.status);
    panos_wipe(c, sizeof(*c));
    free(c);
}

/* --- The last error and the trace: one line each, secrets removed. --- */

const panos_error *panos_client_last_error(const panos_client *c)
{
    PANOS_ASSERT(c != NULL);
    return &c->err.err;
}

/* Replace newlines and control characters so a message stays on one line. */
static void one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20)
            *s = ' ';
}

/* Replace every occurrence of @p secret in @p s by "***" (in place: a secret is longer). */
static void redact(char *s, const char *secret)
{
    if (secret == NULL || secret[0] == '\0')
        return;
    size_t sl = strlen(secret);
    const char *mask = sl >= 3 ? "***" : "*";
    size_t ml = strlen(mask);
    char *p = s;
    while ((p = strstr(p, secret)) != NULL) {
        memmove(p + ml, p + sl, strlen(p + sl) + 1);
        memcpy(p, mask, ml);
        p += ml;
    }
}

/* Longest message kept; cut only after redaction, so no part of a secret survives the cut. */
#define MESSAGE_MAX 1024

/*
 * Format @p fmt whole, remove the client's secrets (key, basic password, the password of a
 * keygen in progress), then make it one line of at most MESSAGE_MAX bytes (not cutting a UTF-8
 * sequence). NULL when out of memory.
 */
static char *format_redacted(const panos_client *c, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg != NULL)
        vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    if (msg == NULL)
        return NULL;
    redact(msg, c->sec.key);
    redact(msg, c->sec.basic_password);
    redact(msg, c->sec.keygen_password);
    one_line(msg);
    size_t len = strlen(msg);
    if (len > MESSAGE_MAX) {
        size_t cut = MESSAGE_MAX;
        while (cut > 0 && ((unsigned char)msg[cut] & 0xC0) == 0x80)
            cut--;
        panos_wipe(msg + cut, len - cut);
        msg[cut] = '\0';
    }
    return msg;
}

panos_code panos__client_set_error(panos_client *c, panos_code code, long http_status, int api_code,
                                   const char *api_status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = format_redacted(c, fmt, ap); /* the arguments may point into the old detail */
    va_end(ap);
    char *status = xstrdup(api_status);
    if (code != PANOS_OK && (msg == NULL || (api_status != NULL && status == NULL))) {
        free(msg);
        free(status);
        msg = status = NULL;
        code = PANOS_E_NOMEM;
        http_status = 0;
        api_code = -1;
    }
    struct panos__client_errstate *e = &c->err;
    free(e->message);
    free(e->status);
    e->message = msg;
    e->status = status;
    e->err.code = code;
    e->err.http_status = http_status;
    e->err.api_code = api_code;
    e->err.api_status = e->status;
    e->err.message = e->message ? e->message : "";
    return code;
}

void panos__client_clear_error(panos_client *c)
{
    panos__client_set_error(c, PANOS_OK, 0, -1, NULL, "%s", "");
}

panos_code panos__client_deadline_error(panos_client *c, const char *when)
{
    panos__client_set_error(c, PANOS_E_TIMEOUT, 0, -1, NULL, "the deadline of %g s (--deadline) %s",
                            (double)c->set.deadline.ms / 1000.0, when);
    return PANOS_E_TIMEOUT;
}

void panos__client_trace(panos_client *c, const char *fmt, ...)
{
    if (c->set.log == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *line = format_redacted(c, fmt, ap);
    va_end(ap);
    if (line != NULL)
        c->set.log(c->set.log_payload, line);
    free(line);
}

/* --- Setters. --- */

panos_code panos_client_set_key(panos_client *c, const char *key)
{
    PANOS_ASSERT(c != NULL);
    if (key != NULL && panos__auth_has_control_byte(key)) {
        panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL,
                                "the API key contains a control character (CR, LF, ...)");
        return PANOS_E_INVALID_ARG;
    }
    char *k = xstrdup(key);
    if (key && !k)
        return PANOS_E_NOMEM;
    panos__client_replace_secret(&c->sec.key, k);
    return PANOS_OK;
}

panos_code panos_client_get_key(const panos_client *c, panos_buf *out)
{
    PANOS_ASSERT(c != NULL && out != NULL);
    out->ptr = NULL;
    out->size = 0;
    if (c->sec.key == NULL)
        return PANOS_E_NOT_FOUND;
    out->ptr = strdup(c->sec.key);
    if (out->ptr == NULL)
        return PANOS_E_NOMEM;
    out->size = strlen(out->ptr);
    return PANOS_OK;
}

panos_code panos_client_set_basic_auth(panos_client *c, const char *user, const char *password)
{
    PANOS_ASSERT(c != NULL);
    char *u = xstrdup(user), *p = user ? xstrdup(password ? password : "") : NULL;
    if (user && (!u || !p)) {
        panos_free_secret(u);
        panos_free_secret(p);
        return PANOS_E_NOMEM;
    }
    panos__client_replace_secret(&c->sec.basic_user, u);
    panos__client_replace_secret(&c->sec.basic_password, p);
    return PANOS_OK;
}

static panos_code set_str(char **slot, const char *v)
{
    char *s = xstrdup(v);
    if (v && !s)
        return PANOS_E_NOMEM;
    free(*slot);
    *slot = s;
    return PANOS_OK;
}

void panos_client_set_rekey(panos_client *c, panos_credentials_fn creds, panos_key_store_fn store,
                            void *payload)
{
    PANOS_ASSERT(c != NULL);
    c->sec.rekey_creds = creds;
    c->sec.rekey_store = store;
    c->sec.rekey_payload = payload;
}

panos_code panos_client_set_session(panos_client *c, const char *path)
{
    PANOS_ASSERT(c != NULL);
    if (path == NULL)
        return set_str(&c->set.cookie_jar, NULL);
    panos_code rc = panos__auth_jar_check(c, path);
    return rc != PANOS_OK ? rc : set_str(&c->set.cookie_jar, path);
}

panos_code panos_client_set_target(panos_client *c, const char *serial)
{
    PANOS_ASSERT(c != NULL);
    return set_str(&c->set.target, serial);
}

panos_code panos_client_set_vsys(panos_client *c, const char *vsys)
{
    PANOS_ASSERT(c != NULL);
    return set_str(&c->set.vsys, vsys);
}

void panos_client_set_raw(panos_client *c, int accept)
{
    PANOS_ASSERT(c != NULL);
    c->set.accept_raw = accept != 0;
}

/* --- Requests: each type is a parameter list handed to request.c. --- */

panos_code panos_request(panos_response **out, panos_client *c, const panos_param *params,
                         size_t nparams)
{
    PANOS_ASSERT(out != NULL && c != NULL && (params != NULL || nparams == 0));
    return panos__client_request(out, c, params, nparams, NULL, NULL);
}

panos_code panos__request_stream(panos_client *c, const panos_param *params, size_t nparams,
                                 panos__sink_fn sink, void *payload)
{
    return panos__client_request(NULL, c, params, nparams, sink, payload);
}

panos_code panos_op_run(panos_response **out, panos_client *c, const char *cmd_xml)
{
    PANOS_ASSERT(out != NULL && c != NULL);
    panos_param p[] = {{"type", "op"}, {"cmd", cmd_xml}};
    return panos_request(out, c, p, 2);
}

static panos_code config_read(panos_response **out, panos_client *c, const char *action,
                              const char *xpath)
{
    panos_param p[] = {{"type", "config"}, {"action", action}, {"xpath", xpath}};
    panos_code code = panos_request(out, c, p, 3);
    /* get of a missing node: success with code 7 and an empty result (PAN-OS XML API guide,
     * "Configuration (API)" (PAN-OS 10.1); pan-python 0.26.0 tests; pango); say which xpath rather
     * than the generic text. */
    if (code == PANOS_E_NOT_FOUND && *out && panos_response_code(*out) == 7 &&
        panos_response_status(*out) && strcmp(panos_response_status(*out), "success") == 0)
        panos__client_set_error(c, code, 200, 7, "success", "no node at xpath %s", xpath);
    return code;
}

panos_code panos_config_get(panos_response **out, panos_client *c, const char *xpath)
{
    PANOS_ASSERT(out != NULL && c != NULL);
    return config_read(out, c, "get", xpath);
}

panos_code panos_config_show(panos_response **out, panos_client *c, const char *xpath)
{
    PANOS_ASSERT(out != NULL && c != NULL);
    return config_read(out, c, "show", xpath);
}

/*
 * The config writes (PAN-OS XML API guide, "PAN-OS XML API Request Types and Actions"): each
 * answers success code 20 "command succeeded". None is in panos__retry_idempotent (retry.c): a
 * write is sent once.
 */
static panos_code config_write(panos_response **out, panos_client *c, const char *action,
                               const char *xpath, const char *name1, const char *value1,
                               const char *name2, const char *value2)
{
    panos_param p[5] = {{"type", "config"}, {"action", action}, {"xpath", xpath}};
    size_t n = 3;
    if (name1 != NULL && value1 != NULL)
        p[n++] = (panos_param){name1, value1};
    if (name2 != NULL && value2 != NULL)
        p[n++] = (panos_param){name2, value2};
    return panos_request(out, c, p, n);
}

panos_code panos_config_set(panos_response **out, panos_client *c, const char *xpath,
                            const char *element)
{
    PANOS_ASSERT(out != NULL && c != NULL && xpath != NULL && element != NULL);
    return config_write(out, c, "set", xpath, "element", element, NULL, NULL);
}

panos_code panos_config_edit(panos_response **out, panos_client *c, const char *xpath,
                             const char *element)
{
    PANOS_ASSERT(out != NULL && c != NULL && xpath != NULL && element != NULL);
    return config_write(out, c, "edit", xpath, "element", element, NULL, NULL);
}

panos_code panos_config_override(panos_response **out, panos_client *c, const char *xpath,
                                 const char *element)
{
    PANOS_ASSERT(out != NULL && c != NULL && xpath != NULL && element != NULL);
    return config_write(out, c, "override", xpath, "element", element, NULL, NULL);
}

panos_code panos_config_delete(panos_response **out, panos_client *c, const char *xpath)
{
    PANOS_ASSERT(out != NULL && c != NULL && xpath != NULL);
    return config_write(out, c, "delete", xpath, NULL, NULL, NULL, NULL);
}

panos_code panos_config_rename(panos_response **out, panos_client *c, const char *xpath,
                               const char *newname)
{
    PANOS_ASSERT(out != NULL && c != NULL && xpath != NULL && newname != NULL);
    return config_write(out, c, "rename", xpath, "newname", newname, NULL, NULL);
}

panos_code panos_config_clone(panos_response **out, panos_client *c, const char *xpath,
                              const char *from, const char *newname)
{
    PANOS_ASSERT(out != NULL && c != NULL && xpath != NULL && from != NULL && newname != NULL);
    return config_write(out, c, "clone", xpath, "from", from, "newname", newname);
}

panos_code panos_config_move(panos_response **out, panos_client *c, const char *xpath,
                             const char *where, const char *dst)
{
    PANOS_ASSERT(out != NULL && c != NULL && xpath != NULL && where != NULL);
    return config_write(out, c, "move", xpath, "where", where, "dst", dst);
}

panos_code panos_config_multi(panos_response **out, panos_client *c, const char *element)
{
    PANOS_ASSERT(out != NULL && c != NULL && element != NULL);
    /* strict-transactional=yes: all or nothing (pan-python 0.26.0 live tests; pango v0.9.0
     * multiconf.go for the element). */
    panos_param p[] = {{"type", "config"},
                       {"action", "multi-config"},
                       {"strict-transactional", "yes"},
                       {"element", element}};
    panos_code code = panos_request(out, c, p, 4);
    /* A failed batch answers outer error code 13 around the steps' answers; the last one is the
     * step that failed (pango v0.9.0 multiconf_test.go). That is a refused request, not a
     * missing object. */
    const panos_node *root = *out != NULL ? panos_response_root(*out) : NULL;
    const panos_node *last = NULL;
    for (const panos_node *n = panos_node_child(root, "response"); n != NULL;
         n = panos_node_next_named(n, "response"))
        last = n;
    if (code != PANOS_OK && last != NULL) {
        const char *id = panos_node_attr(last, "id");
        const char *sc = panos_node_attr(last, "code");
        code = PANOS_E_API;
        panos__client_set_error(c, code, 200, panos_response_code(*out), "error",
                                "multi-config refused at step %s (code %s); nothing was "
                                "applied",
                                id != NULL ? id : "without id", sc != NULL ? sc : "none");
    }
    return code;
}

panos_code panos_version_get(panos_response **out, panos_client *c)
{
    PANOS_ASSERT(out != NULL && c != NULL);
    panos_param p[] = {{"type", "version"}};
    return panos_request(out, c, p, 1);
}
