/* SPDX-License-Identifier: MIT */
/* tlsinfo.c -- fetch and describe a device's certificate (panctl tls fingerprint). */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <panos/tls.h>
#include "contract.h"

static panos_code fail(char *errbuf, size_t errlen, panos_code code, const char *fmt,
                       const char *a, const char *b)
{
    if (errbuf != NULL && errlen > 0)
        snprintf(errbuf, errlen, fmt, a, b);
    return code;
}

/* Connect with a deadline; returns the socket (blocking, with I/O timeouts) or -1. */
static int dial(const char *host, unsigned int port, long timeout_ms, panos_code *code,
                char *errbuf, size_t errlen)
{
    char portstr[8];
    snprintf(portstr, sizeof(portstr), "%u", port);
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_socktype = SOCK_STREAM;
    int gai = getaddrinfo(host, portstr, &hints, &res);
    if (gai != 0) {
        *code = fail(errbuf, errlen, PANOS_E_TRANSPORT, "cannot resolve %s: %s", host,
                     gai_strerror(gai));
        return -1;
    }
    int fd = -1;
    *code = PANOS_E_TRANSPORT;
    for (struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        int fl = fcntl(fd, F_GETFL);
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
        int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            struct pollfd pfd = {fd, POLLOUT, 0};
            int soerr = 0;
            socklen_t sl = sizeof(soerr);
            int pr = poll(&pfd, 1, (int)timeout_ms);
            if (pr == 0) {
                *code = fail(errbuf, errlen, PANOS_E_TIMEOUT, "connecting to %s:%s timed out",
                             host, portstr);
                errno = ETIMEDOUT;
                rc = -1;
            } else if (pr < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 ||
                       soerr != 0) {
                errno = soerr ? soerr : errno;
                rc = -1;
            } else {
                rc = 0;
            }
        }
        if (rc != 0) {
            if (errno != ETIMEDOUT)
                *code = fail(errbuf, errlen, PANOS_E_TRANSPORT, "cannot connect to %s: %s", host,
                             strerror(errno));
            close(fd);
            fd = -1;
            continue;
        }
        fcntl(fd, F_SETFL, fl);
        struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    }
    freeaddrinfo(res);
    return fd;
}

/*
 * Why SSL_connect() returned @p r: the socket's read timeout ran out (TIMEOUT), the peer closed
 * the connection (a server that is not TLS, or refused us), or OpenSSL's own reason (TLS).
 */
static panos_code handshake_failed(SSL *ssl, int r, int saved, const char *name, long timeout_ms,
                                   char *errbuf, size_t errlen)
{
    int err = SSL_get_error(ssl, r);
    unsigned long e = ERR_get_error();
    char text[160] = "";
    panos_code code = PANOS_E_TLS;
    /* The socket BIO takes the read timeout's EAGAIN for "try again": WANT_READ. */
    int timed_out = err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE ||
                    (err == SSL_ERROR_SYSCALL && (saved == EAGAIN || saved == EWOULDBLOCK));
    if (e == 0 && timed_out) {
        code = PANOS_E_TIMEOUT;
        snprintf(text, sizeof(text),
                 "no TLS handshake within %ld ms: the server accepted the "
                 "connection and stayed silent",
                 timeout_ms);
    } else if (e == 0) {
        snprintf(text, sizeof(text),
                 "the server closed the connection during the TLS "
                 "handshake (is it a TLS server?)");
    } else {
        ERR_error_string_n(e, text, sizeof(text));
    }
    if (errbuf != NULL && errlen > 0)
        snprintf(errbuf, errlen, "TLS handshake with %s failed: %s", name, text);
    return code;
}

static void asn1_time(const ASN1_TIME *t, char *out, size_t len)
{
    struct tm tm;
    if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1) {
        snprintf(out, len, "?");
        return;
    }
    strftime(out, len, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static void name_line(const X509_NAME *name, char *out, size_t len)
{
    out[0] = '\0';
    BIO *b = BIO_new(BIO_s_mem());
    if (b == NULL)
        return;
    X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253);
    int n = BIO_read(b, out, (int)len - 1);
    out[n > 0 ? n : 0] = '\0';
    BIO_free(b);
}

panos_code panos_tls_peer_certificate(panos_tls_cert_info *out, const char *host,
                                      unsigned int port, long timeout_ms, char *errbuf,
                                      size_t errlen)
{
    PANOS_ASSERT(out != NULL);
    panos__errbuf_clear(errbuf, errlen);
    if (out == NULL || host == NULL || *host == '\0' || port > 65535)
        return fail(errbuf, errlen, PANOS_E_INVALID_ARG, "%s%s", "no host given", "");
    memset(out, 0, sizeof(*out));
    if (port == 0)
        port = 443;
    if (timeout_ms <= 0)
        timeout_ms = 10000;
    /* Accept [v6] as users type it in URLs. */
    char name[256];
    size_t hl = strlen(host);
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']')
        snprintf(name, sizeof(name), "%.*s", (int)(hl - 2), host + 1);
    else
        snprintf(name, sizeof(name), "%s", host);

    panos_code code = PANOS_OK;
    int fd = dial(name, port, timeout_ms, &code, errbuf, errlen);
    if (fd < 0)
        return code;
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = ctx ? SSL_new(ctx) : NULL;
    X509 *cert = NULL;
    code = PANOS_E_TLS;
    if (ssl == NULL) {
        fail(errbuf, errlen, PANOS_E_NOMEM, "%s%s", "cannot set up TLS", "");
        code = PANOS_E_NOMEM;
        goto done;
    }
    /* Nothing is verified: this only reads what the device presents. */
    SSL_set_verify(ssl, SSL_VERIFY_NONE, NULL);
    unsigned char tmp[16];
    if (inet_pton(AF_INET, name, tmp) != 1 && inet_pton(AF_INET6, name, tmp) != 1)
        SSL_set_tlsext_host_name(ssl, name);
    SSL_set_fd(ssl, fd);
    errno = 0;
    int r = SSL_connect(ssl);
    if (r != 1) {
        code = handshake_failed(ssl, r, errno, name, timeout_ms, errbuf, errlen);
        goto done;
    }
    cert = SSL_get1_peer_certificate(ssl);
    if (cert == NULL) {
        fail(errbuf, errlen, PANOS_E_TLS, "%s presented no certificate%s", name, "");
        goto done;
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (X509_digest(cert, EVP_sha256(), md, &mdlen) != 1) {
        fail(errbuf, errlen, PANOS_E_TLS, "%s%s", "cannot hash the certificate", "");
        goto done;
    }
    for (unsigned int i = 0; i < mdlen && 3 * i + 3 <= sizeof(out->sha256); i++)
        snprintf(out->sha256 + 3 * i, 4, i + 1 < mdlen ? "%02X:" : "%02X", md[i]);
    name_line(X509_get_subject_name(cert), out->subject, sizeof(out->subject));
    name_line(X509_get_issuer_name(cert), out->issuer, sizeof(out->issuer));
    asn1_time(X509_get0_notBefore(cert), out->not_before, sizeof(out->not_before));
    asn1_time(X509_get0_notAfter(cert), out->not_after, sizeof(out->not_after));
    out->self_signed =
        X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) == 0;
    code = PANOS_OK;
done:
    X509_free(cert);
    if (ssl != NULL)
        SSL_shutdown(ssl);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    close(fd);
    return code;
}
