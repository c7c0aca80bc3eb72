/* SPDX-License-Identifier: MIT */
/* test_simimport.c -- pansim's type=import (saved configs, certificates, key pairs), load config
 * from, and the certificate and device-state exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <libxml/tree.h>
#include <openssl/pkcs12.h>
#include "check.h"
#include "simexport.h"
#include "simimport.h"

#define MK "p1a2l3o4a5l6t7o8"
#define CERT "/config/shared/certificate/entry[@name='web']"

static const struct sim_state st = {.hostname = "fw1", .sw_version = "10.2.11", .seed = 1};

/* A fixture of tests/fixtures/import, whole (the caller frees it). */
static char *fixture(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/tests/fixtures/import/%s", PANOS_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    CHECK_TRUE(f != NULL);
    char *buf = malloc(8192);
    *len = fread(buf, 1, 8191, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* A multipart request of @p params (name, value pairs, NULL-terminated) and the file. */
struct req {
    struct sim_param p[8];
    struct sim_request r;
};

static void req_init(struct req *q, const char *const *kv, const char *file, size_t len,
                     const char *filename)
{
    memset(q, 0, sizeof(*q));
    size_t n = 0;
    for (; kv[2 * n] != NULL; n++) {
        q->p[n].name = (char *)kv[2 * n];
        q->p[n].value = (char *)kv[2 * n + 1];
    }
    q->r.method = "POST";
    q->r.path = "/api/";
    q->r.params = q->p;
    q->r.nparams = n;
    q->r.multipart = 1;
    q->r.upload = file;
    q->r.upload_len = len;
    q->r.upload_name = filename;
}

static char *import(struct sim_saved *saved, struct sim_config *cfg, const char *const *kv,
                    const char *file, size_t len, const char *filename)
{
    struct req q;
    struct sim_reply out;
    memset(&out, 0, sizeof(out));
    req_init(&q, kv, file, len, filename);
    sim_import_handle(saved, cfg, MK, &q.r, &out);
    return out.body;
}

static struct sim_reply export(struct sim_config *cfg, const char *const *kv)
{
    struct req q;
    struct sim_reply out;
    memset(&out, 0, sizeof(out));
    req_init(&q, kv, NULL, 0, NULL);
    q.r.multipart = 0;
    sim_export_handle(cfg, MK, &q.r, &out);
    return out;
}

#define EXPECT(body_expr, want)                                                                    \
    do {                                                                                           \
        char *b_ = (body_expr);                                                                    \
        CHECK_STR(want, b_);                                                                       \
        free(b_);                                                                                  \
    } while (0)

static char *op(struct sim_saved *saved, struct sim_config *cfg, const char *cmd)
{
    struct sim_reply out;
    memset(&out, 0, sizeof(out));
    CHECK_EQ(1, sim_import_op(saved, cfg, cmd, &out));
    return out.body;
}

static void test_config_saved_and_loaded(void **state)
{
    (void)state;
    struct sim_config *cfg;
    struct sim_saved *saved;
    CHECK_EQ(0, sim_config_new(&cfg, &st));
    CHECK_EQ(0, sim_saved_new(&saved));
    static const char doc[] = "<config version=\"10.2.0\"><shared><marker/></shared></config>";
    const char *kv[] = {"type", "import", "category", "configuration", NULL};
    EXPECT(import(saved, cfg, kv, doc, sizeof(doc) - 1, "backup"),
           "<response status=\"error\"><msg><line>cannot upload to reserved file name "
           "\"backup\", which doesn't have expected extension \".xml\"</line></msg></response>");
    EXPECT(import(saved, cfg, kv, "<notes/>", 8, "n.xml"),
           "<response status=\"error\"><msg><line>n.xml is not a valid configuration "
           "file</line></msg></response>");
    EXPECT(import(saved, cfg, kv, doc, sizeof(doc) - 1, "a.xml"),
           "<response status=\"success\"><msg><line>a.xml saved</line></msg></response>");
    EXPECT(op(saved, cfg, "<load><config><from>b.xml</from></config></load>"),
           "<response status=\"error\"><msg><line>Config file b.xml does not exist</line></msg>"
           "</response>");
    CHECK_TRUE(xmlDocGetRootElement(sim_config_doc(cfg, 0))->children != NULL);
    EXPECT(op(saved, cfg, "<load><config><from>a.xml</from></config></load>"),
           "<response status=\"success\"><result><msg><line>Config loaded from a.xml</line></msg>"
           "</result></response>");
    xmlNodePtr shared = xmlDocGetRootElement(sim_config_doc(cfg, 0))->children;
    CHECK_STR("shared", (const char *)shared->name);
    CHECK_STR("marker", (const char *)shared->children->name);
    /* The running config is untouched until a commit. */
    CHECK_TRUE(xmlDocGetRootElement(sim_config_doc(cfg, 1))->children != shared);
    EXPECT(op(saved, cfg, "<delete><config><saved>a.xml</saved></config></delete>"),
           "<response status=\"success\"></response>");
    struct sim_reply out;
    memset(&out, 0, sizeof(out));
    CHECK_EQ(0, sim_import_op(saved, cfg, "<show><system><info/></system></show>", &out));
    CHECK_TRUE(out.body == NULL);
    sim_saved_free(saved);
    sim_config_free(cfg);
}

static void test_certificate_pem_round_trip(void **state)
{
    (void)state;
    struct sim_config *cfg;
    CHECK_EQ(0, sim_config_new(&cfg, &st));
    size_t len;
    char *pem = fixture("web.pem", &len);
    const char *kv[] = {"type", "import", "category", "certificate", "certificate-name",
                        "web",  "format", "pem",      NULL};
    EXPECT(import(NULL, cfg, kv, pem, len, "web.pem"),
           "<response status=\"success\"><msg><line>Successfully imported web into candidate "
           "configuration</line></msg></response>");
    struct sim_reply r;
    memset(&r, 0, sizeof(r));
    sim_config_handle(cfg, "get", CERT "/common-name", &r);
    CHECK_TRUE(strstr(r.body, "<common-name>web.example.test</common-name>") != NULL);
    free(r.body);
    memset(&r, 0, sizeof(r));
    sim_config_handle(cfg, "get", CERT "/private-key", &r);
    CHECK_TRUE(strstr(r.body, "code=\"7\"") != NULL); /* a certificate alone has no key */
    free(r.body);
    const char *ex[] = {"type", "export", "category", "certificate", "certificate-name",
                        "web",  "format", "pem",      NULL};
    r = export(cfg, ex);
    CHECK_EQ(200, r.status);
    CHECK_EQ(len, r.len);
    CHECK_TRUE(memcmp(pem, r.body, len) == 0);
    CHECK_STR("attachment; filename=web.pem", r.disposition_buf);
    free(r.body);
    const char *nofmt[] = {"type", "export", "category", "certificate", "certificate-name",
                           "web",  NULL};
    r = export(cfg, nofmt);
    CHECK_EQ(400, r.status);
    CHECK_TRUE(strstr(r.body, "Parameter \"format\" is required while exporting certificate"));
    free(r.body);
    free(pem);
    sim_config_free(cfg);
}

static void test_pkcs12_passphrase(void **state)
{
    (void)state;
    struct sim_config *cfg;
    CHECK_EQ(0, sim_config_new(&cfg, &st));
    size_t len;
    char *p12 = fixture("web.p12", &len);
    const char *bad[] = {"type", "import", "category", "keypair",    "certificate-name",
                         "web",  "format", "pkcs12",   "passphrase", "wrong horse",
                         NULL};
    EXPECT(import(NULL, cfg, bad, p12, len, "web.p12"),
           "<response status=\"error\"><msg><line>Import of web failed. Wrong "
           "passphrase</line></msg></response>");
    const char *good[] = {"type", "import", "category", "keypair",    "certificate-name",
                          "web",  "format", "pkcs12",   "passphrase", "correct horse",
                          NULL};
    char *b = import(NULL, cfg, good, p12, len, "web.p12");
    CHECK_TRUE(strstr(b, "status=\"success\"") != NULL);
    free(b);
    struct sim_reply r;
    memset(&r, 0, sizeof(r));
    sim_config_handle(cfg, "get", CERT "/private-key", &r);
    CHECK_TRUE(strstr(r.body, "<private-key>-AQ==") != NULL); /* sealed, never clear */
    CHECK_TRUE(strstr(r.body, "PRIVATE KEY") == NULL);
    free(r.body);
    const char *ex[] = {"type", "export", "category", "certificate", "certificate-name",
                        "web",  "format", "pkcs12",   "passphrase",  "other",
                        NULL};
    r = export(cfg, ex);
    CHECK_EQ(200, r.status);
    const unsigned char *p = (const unsigned char *)r.body;
    PKCS12 *out = d2i_PKCS12(NULL, &p, (long)r.len);
    EVP_PKEY *key = NULL;
    X509 *cert = NULL;
    CHECK_TRUE(out != NULL && PKCS12_parse(out, "other", &key, &cert, NULL) == 1);
    CHECK_TRUE(key != NULL && X509_check_private_key(cert, key) == 1);
    EVP_PKEY_free(key);
    X509_free(cert);
    PKCS12_free(out);
    free(r.body);
    free(p12);
    sim_config_free(cfg);
}

static void test_device_state_is_a_tgz(void **state)
{
    (void)state;
    struct sim_config *cfg;
    CHECK_EQ(0, sim_config_new(&cfg, &st));
    const char *kv[] = {"type", "export", "category", "device-state", NULL};
    struct sim_reply r = export(cfg, kv);
    CHECK_EQ(200, r.status);
    CHECK_STR("attachment; filename=device_state_cfg.tgz", r.disposition);
    struct archive *a = archive_read_new();
    archive_read_support_filter_gzip(a);
    archive_read_support_format_tar(a);
    CHECK_EQ(ARCHIVE_OK, archive_read_open_memory(a, r.body, r.len));
    struct archive_entry *e;
    CHECK_EQ(ARCHIVE_OK, archive_read_next_header(a, &e));
    CHECK_STR("running-config.xml", archive_entry_pathname(e));
    CHECK_TRUE(archive_entry_size(e) > 100);
    archive_read_free(a);
    free(r.body);
    sim_config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_saved_and_loaded),
        cmocka_unit_test(test_certificate_pem_round_trip),
        cmocka_unit_test(test_pkcs12_passphrase),
        cmocka_unit_test(test_device_state_is_a_tgz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
