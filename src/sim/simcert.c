/* SPDX-License-Identifier: MIT */
/* simcert.c -- certificates and key pairs: import (PEM, PKCS12) into the candidate, export. */
#include "simimport.h"

#include <libxml/tree.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <panos/apikey.h>
#include <panos/buf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * What PAN-OS answers is known in part: the entry lands at /config/shared/certificate/
 * entry[@name] of a firewall (pan-python 0.26.0, tests/test_xapi_fw_pano_import.py), with the
 * fields PAN-OS configurations carry (common-name, expiry-epoch, issuer, issuer-hash,
 * not-valid-after, not-valid-before, algorithm, subject, subject-hash, public-key,
 * private-key); an export is an attachment named after the lower-cased certificate name plus
 * .pem, and a missing format is refused with HTTP 400 (pan-python 0.26.0,
 * tests/test_xapi_fw_tgt_pano_export.py). The success and failure texts of an import are
 * pansim's wording, not verified against a device (docs/man/pansim.1, IMPORT). Cases
 * 0300-0302, 0306, 0307.
 */

static void failed(struct sim_reply *out, const char *name, const char *why)
{
    char line[512];
    snprintf(line, sizeof(line), "Import of %.200s failed. %s", name, why);
    sim_msg_line(out, "error", line);
}

static int pass_cb(char *buf, int size, int rwflag, void *u)
{
    (void)rwflag;
    const char *pass = u != NULL ? u : "";
    int n = (int)strlen(pass);
    if (n > size)
        n = size;
    memcpy(buf, pass, (size_t)n);
    return n;
}

/* The certificate (and, for a key pair, the key) of the upload. NULL cert with @p why set. */
static void parse_upload(const struct sim_request *req, const char *format, int want_key,
                         const char *pass, X509 **cert, EVP_PKEY **key, const char **why)
{
    BIO *b = BIO_new_mem_buf(req->upload, (int)req->upload_len);
    *why = "Not a valid certificate file";
    if (b == NULL)
        return;
    if (strcmp(format, "pkcs12") == 0) {
        PKCS12 *p12 = d2i_PKCS12_bio(b, NULL);
        if (p12 != NULL && !PKCS12_verify_mac(p12, pass ? pass : "", -1))
            *why = "Wrong passphrase";
        else if (p12 != NULL && !PKCS12_parse(p12, pass ? pass : "", key, cert, NULL))
            *cert = NULL;
        PKCS12_free(p12);
    } else {
        *cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
        if (*cert != NULL && want_key) {
            BIO_free(b);
            b = BIO_new_mem_buf(req->upload, (int)req->upload_len);
            *key = b != NULL ? PEM_read_bio_PrivateKey(b, NULL, pass_cb, (void *)pass) : NULL;
            if (*key == NULL) {
                X509_free(*cert);
                *cert = NULL;
                *why = "Wrong passphrase or no private key in the file";
            }
        }
    }
    BIO_free(b);
    ERR_clear_error();
    if (*cert != NULL && *key != NULL && X509_check_private_key(*cert, *key) != 1) {
        X509_free(*cert);
        *cert = NULL;
        *why = "The private key does not match the certificate";
    }
    if (*cert == NULL || !want_key) {
        EVP_PKEY_free(*key);
        *key = NULL;
    }
}

/* What @p print wrote to a memory BIO, as a NUL-terminated malloc'd string (or NULL). */
static char *bio_text(BIO *b)
{
    char *p = NULL;
    long n = b != NULL ? BIO_get_mem_data(b, &p) : 0;
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s != NULL) {
        memcpy(s, p, (size_t)n);
        s[n] = '\0';
    }
    BIO_free(b);
    return s;
}

static char *time_text(const ASN1_TIME *t)
{
    BIO *b = BIO_new(BIO_s_mem());
    if (b != NULL && ASN1_TIME_print(b, t) != 1) {
        BIO_free(b);
        return NULL;
    }
    return bio_text(b);
}

static char *cert_pem(X509 *cert)
{
    BIO *b = BIO_new(BIO_s_mem());
    if (b != NULL && PEM_write_bio_X509(b, cert) != 1) {
        BIO_free(b);
        return NULL;
    }
    return bio_text(b);
}

/* The private key as PEM, encrypted with @p pass (NULL: in clear), for the caller to wipe. */
static char *key_pem(EVP_PKEY *key, const char *pass)
{
    BIO *b = BIO_new(BIO_s_mem());
    const EVP_CIPHER *c = pass != NULL ? EVP_aes_256_cbc() : NULL;
    if (b != NULL && PEM_write_bio_PrivateKey(b, key, c, NULL, 0, pass_cb, (void *)pass) != 1) {
        BIO_free(b);
        return NULL;
    }
    return bio_text(b);
}

static void free_secret(char *s)
{
    if (s != NULL)
        panos_wipe(s, strlen(s));
    free(s);
}

static xmlNodePtr kid_make(xmlNodePtr parent, const char *name)
{
    xmlNodePtr n = sim_xml_kid(parent, name);
    return n != NULL ? n : xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

static xmlNodePtr entry(xmlNodePtr list, const char *name)
{
    for (xmlNodePtr e = list != NULL ? list->children : NULL; e != NULL; e = e->next) {
        xmlChar *n = e->type == XML_ELEMENT_NODE ? xmlGetProp(e, BAD_CAST "name") : NULL;
        int same = n != NULL && strcmp((const char *)n, name) == 0;
        xmlFree(n);
        if (same)
            return e;
    }
    return NULL;
}

static int add_text(xmlNodePtr e, const char *name, const char *text)
{
    return text != NULL && xmlNewTextChild(e, NULL, BAD_CAST name, BAD_CAST text) != NULL;
}

/* The fields of one certificate entry, in the order PAN-OS writes them. 0 or -1. */
static int fill_entry(xmlNodePtr e, X509 *cert, const char *enc_key)
{
    char cn[256] = "", ihash[16], shash[16], epoch[24];
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof(cn));
    snprintf(ihash, sizeof(ihash), "%08lx", X509_issuer_name_hash(cert));
    snprintf(shash, sizeof(shash), "%08lx", X509_subject_name_hash(cert));
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm);
    snprintf(epoch, sizeof(epoch), "%lld", (long long)timegm(&tm));
    char *issuer = X509_NAME_oneline(X509_get_issuer_name(cert), NULL, 0);
    char *subject = X509_NAME_oneline(X509_get_subject_name(cert), NULL, 0);
    char *after = time_text(X509_get0_notAfter(cert));
    char *before = time_text(X509_get0_notBefore(cert));
    char *pem = cert_pem(cert);
    int id = EVP_PKEY_get_base_id(X509_get0_pubkey(cert));
    const char *alg = id == EVP_PKEY_EC ? "EC" : id == EVP_PKEY_RSA ? "RSA" : "unknown";
    int ok = add_text(e, "common-name", cn) && add_text(e, "expiry-epoch", epoch) &&
             add_text(e, "issuer", issuer) && add_text(e, "issuer-hash", ihash) &&
             add_text(e, "not-valid-after", after) && add_text(e, "not-valid-before", before) &&
             add_text(e, "algorithm", alg) && add_text(e, "subject", subject) &&
             add_text(e, "subject-hash", shash) && add_text(e, "public-key", pem) &&
             (enc_key == NULL || add_text(e, "private-key", enc_key));
    OPENSSL_free(issuer);
    OPENSSL_free(subject);
    free(after);
    free(before);
    free(pem);
    return ok ? 0 : -1;
}

/* Replace /config/shared/certificate/entry[@name=@p name] of the candidate. 0 or -1. */
static int put_entry(struct sim_config *cfg, const char *name, X509 *cert, const char *enc_key)
{
    xmlNodePtr root = xmlDocGetRootElement(*sim_config_candidate(cfg));
    xmlNodePtr list = kid_make(kid_make(root, "shared"), "certificate");
    if (list == NULL)
        return -1;
    xmlNodePtr old = entry(list, name);
    if (old != NULL) {
        xmlUnlinkNode(old);
        xmlFreeNode(old);
    }
    xmlNodePtr e = xmlNewChild(list, NULL, BAD_CAST "entry", NULL);
    if (e == NULL || xmlNewProp(e, BAD_CAST "name", BAD_CAST name) == NULL)
        return -1;
    return fill_entry(e, cert, enc_key);
}

/* The key kept in the config: its PEM inside PAN-OS's master-key envelope. */
static char *seal_key(EVP_PKEY *key, const char *master_key)
{
    char *pem = key_pem(key, NULL);
    panos_buf b = PANOS_BUF_INIT;
    if (pem == NULL || panos_envelope_encrypt(&b, pem, strlen(pem), master_key) != PANOS_OK) {
        free_secret(pem);
        return NULL;
    }
    free_secret(pem);
    char *s = strndup(b.ptr, b.size);
    panos_buf_dispose_secret(&b);
    return s;
}

void sim_cert_import(struct sim_config *cfg, const char *master_key, const char *category,
                     const struct sim_request *req, struct sim_reply *out)
{
    const char *name = sim_request_param(req, "certificate-name");
    const char *format = sim_request_param(req, "format");
    const char *pass = sim_request_param(req, "passphrase");
    if (name == NULL || name[0] == '\0') {
        sim_reply_400(out,
                      "Parameter \"certificate-name\" is required while importing certificate");
        return;
    }
    if (format == NULL) {
        sim_reply_400(out, "Parameter \"format\" is required while importing certificate");
        return;
    }
    if (strcmp(format, "pem") != 0 && strcmp(format, "pkcs12") != 0) {
        sim_reply_400(out, "Illegal value for parameter \"format\" (pem or pkcs12)");
        return;
    }
    if (req->upload == NULL) {
        failed(out, name, "Missing file");
        return;
    }
    X509 *cert = NULL;
    EVP_PKEY *key = NULL;
    const char *why = NULL;
    parse_upload(req, format, strcmp(category, "keypair") == 0, pass, &cert, &key, &why);
    if (cert == NULL) {
        failed(out, name, why);
        return;
    }
    char *sealed = key != NULL ? seal_key(key, master_key) : NULL;
    char line[400];
    if ((key != NULL && sealed == NULL) || put_entry(cfg, name, cert, sealed) != 0) {
        sim_reply_set(out, 500, "out of memory");
    } else {
        snprintf(line, sizeof(line), "Successfully imported %.200s into candidate configuration",
                 name);
        sim_msg_line(out, "success", line);
    }
    free(sealed);
    X509_free(cert);
    EVP_PKEY_free(key);
}

/* The entry @p name of the candidate (an import lands there at once), else of the running
 * config. */
static xmlNodePtr find_cert(const struct sim_config *cfg, const char *name)
{
    for (int running = 0; running < 2; running++) {
        xmlNodePtr root = xmlDocGetRootElement(sim_config_doc(cfg, running));
        xmlNodePtr e = entry(sim_xml_kid(sim_xml_kid(root, "shared"), "certificate"), name);
        if (e != NULL)
            return e;
    }
    return NULL;
}

/* The certificate and (when @p want_key) the opened private key of @p e. */
static const char *load_entry(xmlNodePtr e, const char *master_key, int want_key, X509 **cert,
                              EVP_PKEY **key)
{
    xmlChar *pem = xmlNodeGetContent(sim_xml_kid(e, "public-key"));
    BIO *b = pem != NULL ? BIO_new_mem_buf(pem, -1) : NULL;
    *cert = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    xmlFree(pem);
    if (*cert == NULL)
        return "has no readable certificate";
    if (!want_key)
        return NULL;
    xmlChar *sealed = xmlNodeGetContent(sim_xml_kid(e, "private-key"));
    panos_buf k = PANOS_BUF_INIT;
    if (sealed == NULL ||
        panos_envelope_decrypt(&k, (const char *)sealed, master_key) != PANOS_OK) {
        xmlFree(sealed);
        return "has no private key";
    }
    xmlFree(sealed);
    b = BIO_new_mem_buf(k.ptr, (int)k.size);
    *key = b != NULL ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    panos_buf_dispose_secret(&k);
    return *key != NULL ? NULL : "has no readable private key";
}

/* The bytes of a PKCS12 of @p cert and @p key under @p pass, in @p out. 0 or -1. */
static int pkcs12_body(struct sim_reply *out, const char *name, X509 *cert, EVP_PKEY *key,
                       const char *pass)
{
    PKCS12 *p12 = PKCS12_create(pass, name, key, cert, NULL, 0, 0, 0, 0, 0);
    BIO *b = p12 != NULL ? BIO_new(BIO_s_mem()) : NULL;
    int ok = b != NULL && i2d_PKCS12_bio(b, p12) == 1;
    PKCS12_free(p12);
    char *p = NULL;
    long n = ok ? BIO_get_mem_data(b, &p) : 0;
    if (ok && n > 0 && (out->body = malloc((size_t)n + 1)) != NULL) {
        memcpy(out->body, p, (size_t)n);
        out->body[n] = '\0';
        out->len = (size_t)n;
        out->status = 200;
    }
    BIO_free(b);
    return out->body != NULL ? 0 : -1;
}

static int pem_body(struct sim_reply *out, X509 *cert, EVP_PKEY *key, const char *pass)
{
    char *c = cert_pem(cert), *k = key != NULL ? key_pem(key, pass) : NULL;
    int rc = -1;
    size_t n = c != NULL ? strlen(c) : 0, m = k != NULL ? strlen(k) : 0;
    if (c != NULL && (key == NULL || k != NULL) && (out->body = malloc(n + m + 1)) != NULL) {
        memcpy(out->body, c, n);
        memcpy(out->body + n, k != NULL ? k : "", m + 1);
        out->len = n + m;
        out->status = 200;
        rc = 0;
    }
    free(c);
    free_secret(k);
    return rc;
}

void sim_cert_export(const struct sim_config *cfg, const char *master_key,
                     const struct sim_request *req, struct sim_reply *out)
{
    const char *name = sim_request_param(req, "certificate-name");
    const char *format = sim_request_param(req, "format");
    const char *incl = sim_request_param(req, "include-key");
    const char *pass = sim_request_param(req, "passphrase");
    if (name == NULL || name[0] == '\0') {
        sim_reply_400(out,
                      "Parameter \"certificate-name\" is required while exporting certificate");
        return;
    }
    if (format == NULL) {
        sim_reply_400(out, "Parameter \"format\" is required while exporting certificate");
        return;
    }
    int p12 = strcmp(format, "pkcs12") == 0;
    if (!p12 && strcmp(format, "pem") != 0) {
        sim_reply_400(out, "Illegal value for parameter \"format\" (pem or pkcs12)");
        return;
    }
    int with_key = p12 || (incl != NULL && strcmp(incl, "yes") == 0);
    if (with_key && (pass == NULL || pass[0] == '\0')) {
        sim_reply_400(out, "Parameter \"passphrase\" is required while exporting a private key");
        return;
    }
    xmlNodePtr e = find_cert(cfg, name);
    X509 *cert = NULL;
    EVP_PKEY *key = NULL;
    const char *why =
        e == NULL ? "does not exist" : load_entry(e, master_key, with_key, &cert, &key);
    char line[400];
    if (why != NULL) {
        snprintf(line, sizeof(line), "Certificate %.200s %s", name, why);
        sim_msg_line(out, "error", line);
    } else if ((p12 ? pkcs12_body(out, name, cert, key, pass) : pem_body(out, cert, key, pass)) !=
               0) {
        sim_reply_set(out, 500, "out of memory");
    } else {
        size_t n = (size_t)snprintf(out->disposition_buf, sizeof(out->disposition_buf),
                                    "attachment; filename=%.150s%s", name, p12 ? ".p12" : ".pem");
        for (size_t i = strlen("attachment; filename="); i < n && i < sizeof(out->disposition_buf);
             i++)
            if (out->disposition_buf[i] >= 'A' && out->disposition_buf[i] <= 'Z')
                out->disposition_buf[i] = (char)(out->disposition_buf[i] - 'A' + 'a');
        out->content_type = "application/octet-stream";
    }
    X509_free(cert);
    EVP_PKEY_free(key);
}
