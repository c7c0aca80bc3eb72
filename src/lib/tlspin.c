/* SPDX-License-Identifier: MIT */
/* tlspin.c -- trust a pinned certificate by its SHA-256: OpenSSL verify and pre-request checks. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include "tlspin.h"

int panos__pin_parse(unsigned char out[32], const char *s)
{
    size_t n = 0;
    int hi = -1;
    for (; *s; s++) {
        int v;
        if (*s == ':' || *s == ' ')
            continue;
        if (*s >= '0' && *s <= '9')
            v = *s - '0';
        else if (*s >= 'a' && *s <= 'f')
            v = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'F')
            v = *s - 'A' + 10;
        else
            return -1;
        if (hi < 0) {
            hi = v;
        } else {
            if (n == 32)
                return -1;
            out[n++] = (unsigned char)(hi << 4 | v);
            hi = -1;
        }
    }
    return n == 32 && hi < 0 ? 0 : -1;
}

void panos__pin_reset(struct panos__pin *p)
{
    p->mismatch = 0;
    p->seen_fp[0] = '\0';
}

static void fp_format(char *out, size_t len, const unsigned char *md, unsigned int mdlen)
{
    size_t o = 0;
    for (unsigned int i = 0; i < mdlen && o + 3 < len; i++)
        o += (size_t)snprintf(out + o, len - o, i ? ":%02X" : "%02X", md[i]);
}

/* Whether @p cert is the pinned certificate; notes its fingerprint for the error message. */
static int cert_is_pinned(struct panos__pin *p, X509 *cert)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (cert == NULL || !X509_digest(cert, EVP_sha256(), md, &mdlen) || mdlen != 32)
        return 0;
    fp_format(p->seen_fp, sizeof(p->seen_fp), md, mdlen);
    return memcmp(md, p->sha256, 32) == 0;
}

static int pin_ex_index = -1;
static pthread_once_t pin_once = PTHREAD_ONCE_INIT;

static void pin_index_init(void)
{
    pin_ex_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

static int pin_verify_cb(int preverify_ok, X509_STORE_CTX *store)
{
    SSL *ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx());
    struct panos__pin *p = ssl ? SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), pin_ex_index) : NULL;
    if (p == NULL)
        return preverify_ok;
    if (X509_STORE_CTX_get_error_depth(store) != 0)
        return 1; /* only the device's own certificate matters */
    if (!cert_is_pinned(p, X509_STORE_CTX_get_current_cert(store))) {
        p->mismatch = 1;
        return 0;
    }
    X509_STORE_CTX_set_error(store, X509_V_OK);
    return 1;
}

int panos__tlspin_install(void *ssl_ctx, struct panos__pin *p)
{
    SSL_CTX *ctx = ssl_ctx;
    pthread_once(&pin_once, pin_index_init); /* clients may live on several threads */
    if (pin_ex_index < 0 || !SSL_CTX_set_ex_data(ctx, pin_ex_index, p))
        return -1;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, pin_verify_cb);
    return 0;
}

int panos__tlspin_check(struct panos__pin *p, void *ssl)
{
    if (ssl == NULL) {
        p->mismatch = 1;
        return 0;
    }
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    X509 *cert = SSL_get1_peer_certificate(ssl);
#else
    X509 *cert = SSL_get_peer_certificate(ssl);
#endif
    int ok = cert_is_pinned(p, cert);
    X509_free(cert);
    if (!ok)
        p->mismatch = 1;
    return ok;
}
