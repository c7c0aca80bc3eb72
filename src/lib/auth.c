/* SPDX-License-Identifier: MIT */
/* auth.c -- credentials on the wire (X-PAN-KEY, basic, cookies), keygen, renewal, the jar. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <panos/rc.h>
#include "client_priv.h"
#include "rc_priv.h"
#include "response_priv.h"
#include "sbuf.h"
#include "contract.h"

int panos__auth_has_control_byte(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
            return 1;
    return 0;
}

panos_code panos__auth_headers(panos_client *c, struct panos__xfer *x)
{
    char line[4096];
    const struct panos__client_secrets *s = &c->sec;
    if (s->key) {
        int n = snprintf(line, sizeof(line), "X-PAN-KEY: %s", s->key);
        if (n < 0 || (size_t)n >= sizeof(line)) {
            panos_wipe(line, sizeof(line));
            panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL, "API key too long");
            return PANOS_E_INVALID_ARG;
        }
        panos__xfer_add_header(x, line);
        panos_wipe(line, sizeof(line));
    }
    if (c->set.cookie_jar)
        x->cookie_file = c->set.cookie_jar; /* saved by panos__auth_jar_save() */
    if (s->basic_user) {
        /* Built here, not with CURLOPT_USERNAME/PASSWORD, so that every copy is wiped. */
        size_t ul = strlen(s->basic_user), pl = strlen(s->basic_password);
        unsigned char plain[1024];
        char b64[1400];
        if (ul + 1 + pl > sizeof(plain)) {
            panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL,
                                    "user name and password too long for basic auth");
            return PANOS_E_INVALID_ARG;
        }
        memcpy(plain, s->basic_user, ul);
        plain[ul] = ':';
        memcpy(plain + ul + 1, s->basic_password, pl);
        EVP_EncodeBlock((unsigned char *)b64, plain, (int)(ul + 1 + pl));
        snprintf(line, sizeof(line), "Authorization: Basic %s", b64);
        panos__xfer_add_header(x, line);
        panos_wipe(plain, sizeof(plain));
        panos_wipe(b64, sizeof(b64));
        panos_wipe(line, sizeof(line));
    }
    return PANOS_OK;
}

const char *panos__auth_trace_tag(const panos_client *c)
{
    return c->sec.key ? " [X-PAN-KEY: ***]" : (c->sec.basic_user ? " [basic auth: ***]" : "");
}

/* --- The cookie jar. --- */

panos_code panos__auth_jar_check(panos_client *c, const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        panos__client_set_error(c, PANOS_E_IO, 0, -1, NULL, "cannot open the cookie jar %s: %s",
                                path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return PANOS_E_IO;
    }
    char err[600];
    panos_code rc = panos__file_check_private(fd, path, err, sizeof(err));
    close(fd);
    if (rc != PANOS_OK)
        panos__client_set_error(c, rc, 0, -1, NULL, "%s", err);
    return rc;
}

/* Whether the file at @p path holds exactly @p len bytes @p data. */
static int file_equals(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return 0;
    char buf[4096];
    size_t off = 0;
    int same = 1;
    ssize_t n = 0;
    while (same && (n = read(fd, buf, sizeof(buf))) > 0) {
        if (off + (size_t)n > len || memcmp(buf, data + off, (size_t)n) != 0)
            same = 0;
        off += (size_t)n;
    }
    close(fd);
    panos_wipe(buf, sizeof(buf));
    return same && n == 0 && off == len;
}

/*
 * The whole jar in Netscape format, written to a temporary file in the same directory, synced,
 * then renamed over the old one (mode 0600). libcurl's own CURLOPT_COOKIEJAR empties the file
 * before writing, so a failed write (a full disk) used to leave an empty jar and a
 * one-time-password admin lost the session; here a failure keeps the old jar and is reported.
 */
panos_code panos__auth_jar_save(panos_client *c)
{
    const char *path = c->set.cookie_jar;
    panos__sb jar = PANOS__SB_INIT;
    panos__sb_puts(&jar, "# Netscape HTTP Cookie File\n");
    panos_code rc = panos__easy_cookies(c->easy, &jar);
    if (rc == PANOS_E_IO) {
        panos__sb_dispose(&jar, 1);
        panos__client_set_error(c, PANOS_E_IO, 0, -1, NULL,
                                "cannot read the session cookies to save them in %s", path);
        return PANOS_E_IO;
    }
    if (rc != PANOS_OK || jar.failed) {
        panos__sb_dispose(&jar, 1);
        panos__client_set_error(c, PANOS_E_NOMEM, 0, -1, NULL, "out of memory");
        return PANOS_E_NOMEM;
    }
    if (!file_equals(path, jar.ptr, jar.len)) {
        char err[512] = "";
        rc = panos_file_write_atomic(path, jar.ptr, jar.len, 0600, err, sizeof(err));
        if (rc != PANOS_OK)
            panos__client_set_error(c, PANOS_E_IO, 0, -1, NULL,
                                    "the request was answered, but the session cookies were "
                                    "not saved (the old jar is kept): %s",
                                    err[0] ? err : path);
    }
    panos__sb_dispose(&jar, 1);
    return rc == PANOS_OK ? PANOS_OK : PANOS_E_IO; /* NOMEM in the writer is still a lost save */
}

/* --- Keys: keygen and renewal. --- */

panos_code panos_keygen(panos_client *c, const char *user, const char *password)
{
    PANOS_ASSERT(c != NULL);
    panos_param p[] = {{"type", "keygen"}, {"user", user}, {"password", password}};
    panos_response *r = NULL;
    struct panos__client_secrets *s = &c->sec;
    /* keygen authenticates by its parameters: no old key or basic auth goes with it. */
    char *old_key = s->key, *old_user = s->basic_user;
    s->key = NULL;
    s->basic_user = NULL; /* PAN-OS refuses basic auth on keygen (PAN-OS XML API guide,
                             "Authenticate Your API Requests" (9.1+): no Basic auth for keygen) */
    s->keygen_password = password;
    panos_code code = panos__client_request(&r, c, p, 3, NULL, NULL);
    s->keygen_password = NULL;
    s->key = old_key;
    s->basic_user = old_user;
    if (code != PANOS_OK)
        goto done;
    panos_buf text = PANOS_BUF_INIT;
    code = panos_node_text(&text, panos_node_child(panos_response_result(r), "key"));
    if (code != PANOS_OK)
        goto done;
    if (text.size == 0 || panos__auth_has_control_byte(text.ptr)) {
        int empty = text.size == 0;
        panos_buf_dispose_secret(&text);
        code = PANOS_E_PARSE;
        panos__client_set_error(c, code, 200, panos_response_code(r), panos_response_status(r),
                                empty ? "keygen answer holds no key"
                                      : "keygen answer holds a key with control characters");
        goto done;
    }
    char *k = strdup(text.ptr);
    panos_buf_dispose_secret(&text);
    if (k == NULL) {
        code = PANOS_E_NOMEM;
        goto done;
    }
    panos__client_replace_secret(&s->key, k);
done:
    panos__response_free_secret(r); /* it held the key */
    return code;
}

int panos__auth_renewable(const panos_client *c, panos_code code, const panos_param *params,
                          size_t n)
{
    const char *type = panos__param_value(params, n, "type");
    if (c->sec.rekey_creds == NULL || c->sec.key == NULL || c->sec.basic_user != NULL ||
        (type != NULL && strcmp(type, "keygen") == 0))
        return 0;
    return code == PANOS_E_KEY_EXPIRED || code == PANOS_E_AUTH || c->err.err.api_code == 16 ||
           c->err.err.api_code == 22;
}

panos_code panos__auth_renew(panos_client *c, panos_code code, const panos_param *params, size_t n,
                             panos_response **out)
{
    if (!panos__auth_renewable(c, code, params, n))
        return code;
    char first[512];
    snprintf(first, sizeof(first), "%s", c->err.err.message);
    panos__client_trace(c, "* the key was refused (%s): making a new one", panos_code_name(code));
    panos_buf user = PANOS_BUF_INIT, password = PANOS_BUF_INIT;
    panos_code rc = c->sec.rekey_creds(c->sec.rekey_payload, &user, &password);
    if (rc == PANOS_OK && (user.ptr == NULL || password.ptr == NULL))
        rc = PANOS_E_AUTH;
    if (rc != PANOS_OK) {
        panos_buf_dispose_secret(&user);
        panos_buf_dispose_secret(&password);
        return code; /* no credentials: the first failure stands */
    }
    if (out && *out) {
        panos_response_free(*out);
        *out = NULL;
    }
    rc = panos_keygen(c, user.ptr, password.ptr);
    panos_buf_dispose_secret(&user);
    panos_buf_dispose_secret(&password);
    if (rc != PANOS_OK) {
        char why[512];
        snprintf(why, sizeof(why), "%s", c->err.err.message);
        panos__client_set_error(c, rc, c->err.err.http_status, c->err.err.api_code,
                                c->err.err.api_status,
                                "the key was refused (%s) and keygen failed too: %s", first, why);
        return rc;
    }
    if (c->sec.rekey_store)
        c->sec.rekey_store(c->sec.rekey_payload, c->sec.key);
    panos__client_trace(c, "%s", "* new key made; sending the request again");
    return PANOS_OK;
}
