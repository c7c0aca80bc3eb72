/* SPDX-License-Identifier: MIT */
/* export.c -- type=export streamed to a descriptor or, atomically, to a file. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <panos/export.h>
#include <panos/response.h>
#include "contract.h"
#include "rc_priv.h"
#include "stream.h"

/* Bytes kept before the root element is known, and of a <response> answer (an error). */
#define HEAD_MAX 1024
#define ERROR_MAX (64 * 1024)

struct dl {
    int fd;
    int mode;            /* 0: looking for the root element, 1: writing, 2: a <response> */
    char *held;          /* the head, then the error answer */
    size_t nheld;
    unsigned long long bytes;
    EVP_MD_CTX *md;
    int write_errno;
};

static panos_code emit(struct dl *d, const char *p, size_t len)
{
    if (len == 0)
        return PANOS_OK;
    if (panos__write_all(d->fd, p, len) != 0) {
        d->write_errno = errno;
        return PANOS_E_IO;
    }
    if (EVP_DigestUpdate(d->md, p, len) != 1)
        return PANOS_E_NOMEM;
    d->bytes += len;
    return PANOS_OK;
}

/* 1 when the held head shows the root element is <response>, 0 when it is another one, -1 when
 * it is not known yet (declaration, comments or blanks only so far). */
static int root_is_response(const struct dl *d)
{
    size_t i = 0;
    while (i < d->nheld) {
        const char *p = d->held + i;
        size_t left = d->nheld - i;
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            i++;
            continue;
        }
        if (*p != '<')
            return 0; /* not XML: written as it is */
        if (left < 2)
            return -1;
        if (p[1] == '?' || p[1] == '!') { /* declaration, comment, doctype: skip to '>' */
            const char *gt = memchr(p, '>', left);
            if (gt == NULL)
                return -1;
            i += (size_t)(gt - p) + 1;
            continue;
        }
        if (left < 10)
            return -1;
        return memcmp(p + 1, "response", 8) == 0 &&
               (p[9] == '>' || p[9] == ' ' || p[9] == '\t' || p[9] == '\r' || p[9] == '\n' ||
                p[9] == '/');
    }
    return -1;
}

static panos_code hold(struct dl *d, const char *data, size_t len, size_t cap)
{
    if (d->nheld + len > cap)
        return PANOS_E_TOO_LARGE;
    char *n = realloc(d->held, d->nheld + len + 1);
    if (n == NULL)
        return PANOS_E_NOMEM;
    d->held = n;
    memcpy(d->held + d->nheld, data, len);
    d->nheld += len;
    return PANOS_OK;
}

static panos_code sink(void *payload, const char *data, size_t len)
{
    struct dl *d = payload;
    if (d->mode == 1)
        return emit(d, data, len);
    if (d->mode == 2)
        return hold(d, data, len, ERROR_MAX);
    size_t take = len < HEAD_MAX - d->nheld ? len : HEAD_MAX - d->nheld;
    panos_code rc = hold(d, data, take, HEAD_MAX);
    if (rc != PANOS_OK)
        return rc;
    int r = root_is_response(d);
    if (r < 0 && d->nheld < HEAD_MAX)
        return PANOS_OK;
    if (r == 1) {
        d->mode = 2;
        return hold(d, data + take, len - take, ERROR_MAX);
    }
    d->mode = 1;
    rc = emit(d, d->held, d->nheld);
    d->nheld = 0;
    return rc != PANOS_OK ? rc : emit(d, data + take, len - take);
}

/* The end of a 200 answer: flush an undecided head, or classify a <response>. */
static panos_code finish(struct dl *d, panos_client *c)
{
    if (d->mode == 0 && d->nheld == 0) {
        panos__client_set_error(c, PANOS_E_PARSE, 200, -1, NULL, "the export answer is empty");
        return PANOS_E_PARSE;
    }
    if (d->mode == 0 && root_is_response(d) != 1) {
        d->mode = 1;
        return emit(d, d->held, d->nheld);
    }
    if (d->mode != 2 && d->mode != 0)
        return PANOS_OK;
    panos_response *resp = NULL;
    panos_code rc = panos_response_parse(&resp, d->held, d->nheld, 200);
    if (rc == PANOS_OK)
        rc = panos_response_classify(resp);
    if (rc == PANOS_OK)
        rc = PANOS_E_PARSE; /* a success <response> is not the file that was asked for */
    const char *msg = resp ? panos_response_message(resp) : NULL;
    panos__client_set_error(c, rc, 200, resp ? panos_response_code(resp) : -1,
                            resp ? panos_response_status(resp) : NULL, "export refused: %s",
                            msg && *msg ? msg : "the device answered a <response>, not a file");
    panos_response_free(resp);
    return rc;
}

panos_code panos_export_to_fd(panos_export_result *result_out, panos_client *c,
                              const char *category, const panos_param *params, size_t nparams,
                              int fd)
{
    PANOS_ASSERT(c != NULL && (params != NULL || nparams == 0));
    if (result_out != NULL)
        memset(result_out, 0, sizeof(*result_out));
    if (category == NULL || *category == '\0' || fd < 0 || nparams > 30) {
        panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL,
                                "export: a category and a file are needed");
        return PANOS_E_INVALID_ARG;
    }
    panos_param p[32] = {{"type", "export"}, {"category", category}};
    for (size_t i = 0; i < nparams; i++)
        p[2 + i] = params[i];
    struct dl d = {0};
    d.fd = fd;
    d.md = EVP_MD_CTX_new();
    if (d.md == NULL || EVP_DigestInit_ex(d.md, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(d.md);
        return PANOS_E_NOMEM;
    }
    panos_code rc = panos__request_stream(c, p, nparams + 2, sink, &d);
    if (rc == PANOS_OK)
        rc = finish(&d, c);
    if (rc == PANOS_E_IO && d.write_errno != 0)
        panos__client_set_error(c, rc, 0, -1, NULL, "cannot write the export: %s",
                                strerror(d.write_errno));
    else if ((rc == PANOS_E_TOO_LARGE || rc == PANOS_E_NOMEM) && d.mode != 1 &&
             d.held != NULL)
        panos__client_set_error(c, rc, 200, -1, NULL, "the export answer is not a file");
    unsigned int n = 0;
    if (rc == PANOS_OK && result_out != NULL) {
        result_out->bytes = d.bytes;
        EVP_DigestFinal_ex(d.md, result_out->sha256, &n);
    }
    EVP_MD_CTX_free(d.md);
    free(d.held);
    return rc;
}

struct to_file {
    panos_export_result *result;
    panos_client *c;
    const char *category;
    const panos_param *params;
    size_t nparams;
};

static panos_code fill(void *payload, int fd)
{
    struct to_file *t = payload;
    return panos_export_to_fd(t->result, t->c, t->category, t->params, t->nparams, fd);
}

panos_code panos_export_to_file(panos_export_result *result_out, panos_client *c,
                                const char *category, const panos_param *params, size_t nparams,
                                const char *path)
{
    PANOS_ASSERT(c != NULL);
    panos_export_result res;
    struct to_file t = {&res, c, category, params, nparams};
    char err[512];
    panos_code rc = panos__file_write_with(path, 0600, fill, &t, err, sizeof(err));
    if (rc != PANOS_OK && err[0] != '\0')
        panos__client_set_error(c, rc, 0, -1, NULL, "%s", err);
    if (result_out != NULL) {
        if (rc != PANOS_OK)
            memset(&res, 0, sizeof(res));
        *result_out = res;
    }
    return rc;
}

panos_code panos_file_sha256(unsigned char sha256_out[32], const char *path, char *errbuf,
                             size_t errlen)
{
    PANOS_ASSERT(sha256_out != NULL);
    panos__errbuf_clear(errbuf, errlen);
    int fd = path != NULL ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd < 0) {
        int e = path != NULL ? errno : ENOENT;
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "cannot open %s: %s", path ? path : "(none)", strerror(e));
        return e == ENOENT ? PANOS_E_NOT_FOUND : PANOS_E_IO;
    }
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    panos_code rc = PANOS_OK;
    if (md == NULL || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
        rc = PANOS_E_NOMEM;
        goto done;
    }
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            if (errbuf != NULL && errlen > 0)
                snprintf(errbuf, errlen, "cannot read %s: %s", path, strerror(errno));
            rc = PANOS_E_IO;
            goto done;
        }
        if (n == 0)
            break;
        if (EVP_DigestUpdate(md, buf, (size_t)n) != 1) {
            rc = PANOS_E_NOMEM;
            goto done;
        }
    }
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(md, sha256_out, &len) != 1)
        rc = PANOS_E_NOMEM;
done:
    EVP_MD_CTX_free(md);
    close(fd);
    return rc;
}
