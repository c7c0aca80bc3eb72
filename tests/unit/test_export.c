/* SPDX-License-Identifier: MIT */
/* test_export.c -- panos_file_sha256 and the argument checks of the export calls (the downloads
 * themselves are pinned by cases 0250-0259 against pansim). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <panos/panos.h>
#include "check.h"

static void test_sha256(void **state)
{
    (void)state;
    char path[] = "/tmp/test_export.XXXXXX";
    int fd = mkstemp(path);
    CHECK_TRUE(fd >= 0);
    CHECK_EQ(3, (int)write(fd, "abc", 3));
    close(fd);
    unsigned char h[32];
    char err[256];
    CHECK_OK(panos_file_sha256(h, path, err, sizeof(err)));
    /* FIPS 180-2, appendix B.1: SHA-256("abc"). */
    static const unsigned char want[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22,
        0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00,
        0x15, 0xad};
    CHECK_TRUE(memcmp(h, want, 32) == 0);
    CHECK_STR("", err);
    unlink(path);
    CHECK_CODE(PANOS_E_NOT_FOUND, panos_file_sha256(h, path, err, sizeof(err)));
    CHECK_TRUE(strstr(err, "cannot open") != NULL);
}

static void test_bad_args(void **state)
{
    (void)state;
    panos_client *c = NULL;
    panos_client_options o = PANOS_CLIENT_OPTIONS_INIT;
    o.host = "127.0.0.1";
    CHECK_OK(panos_client_new(&c, &o));
    panos_export_result r;
    memset(&r, 0xff, sizeof(r));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_export_to_fd(&r, c, "", NULL, 0, 1));
    CHECK_EQ(0, (int)r.bytes);
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_export_to_fd(NULL, c, "configuration", NULL, 0, -1));
    CHECK_CODE(PANOS_E_IO, panos_export_to_file(&r, c, "configuration", NULL, 0, "dir/"));
    CHECK_CODE(PANOS_E_IO,
               panos_export_to_file(NULL, c, "configuration", NULL, 0, "/nonexistent-dir/x.xml"));
    CHECK_TRUE(strstr(panos_client_last_error(c)->message, "temporary file") != NULL);
    panos_client_free(c);
}

/* The two published pcap ids (docs/sources.md): pan-os-ansible's example, sent with search-time
 * 2020/07/20 18:20:19 from a UTC-4 firewall, and pan-python's, sent with 2015/01/20 10:51:09
 * from a UTC-7 one. */
static void test_pcap_search_time(void **state)
{
    (void)state;
    char t[32], err[128];
    long long epoch = 0;
    CHECK_OK(
        panos_pcap_search_time(t, sizeof(t), &epoch, "1206450340254187521", 0, err, sizeof(err)));
    CHECK_STR("2020/07/20 22:20:17", t);
    CHECK_EQ(1595283617LL, epoch);
    CHECK_OK(panos_pcap_search_time(t, sizeof(t), NULL, "1206450340254187521", -4 * 3600, err,
                                    sizeof(err)));
    CHECK_STR("2020/07/20 18:20:17", t);
    CHECK_OK(panos_pcap_search_time(t, sizeof(t), &epoch, "1200628399744221211", -7 * 3600, err,
                                    sizeof(err)));
    CHECK_STR("2015/01/20 10:51:09", t);
    CHECK_STR("", err);
    static const char *const bad[] = {"0", "", "12x", "-5", "33554431", "99999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_CODE(PANOS_E_INVALID_ARG,
                   panos_pcap_search_time(t, sizeof(t), NULL, bad[i], 0, err, sizeof(err)));
        CHECK_STR("", t);
        CHECK_TRUE(strstr(err, "pcap id") != NULL);
    }
    CHECK_CODE(PANOS_E_INVALID_ARG,
               panos_pcap_search_time(t, sizeof(t), NULL, NULL, 0, err, sizeof(err)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_bad_args),
        cmocka_unit_test(test_pcap_search_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
