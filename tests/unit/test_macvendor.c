/* SPDX-License-Identifier: MIT */
/* test_macvendor.c -- IEEE registry lookup: longest prefix, quoting, the I/G and U/L bits. */
#include <stdio.h>
#include <string.h>
#include <panos/macvendor.h>
#include "check.h"

static panos_macvendor *load_fixture(void)
{
    char dir[1024], err[256];
    panos_macvendor *db = NULL;
    snprintf(dir, sizeof(dir), "%s/unit/data/ieee", PANOS_TEST_DATA_DIR);
    CHECK_CODE(PANOS_OK, panos_macvendor_load(&db, dir, err, sizeof(err)));
    CHECK_STR("", err);
    return db;
}

static const char *vendor_of(const panos_macvendor *db, const char *mac, unsigned int bits)
{
    panos_macvendor_info i;
    CHECK_CODE(PANOS_OK, panos_macvendor_lookup(&i, db, mac));
    CHECK_EQ(bits, i.bits);
    return i.vendor ? i.vendor : "(none)";
}

static void test_longest_prefix(void **state)
{
    (void)state;
    panos_macvendor *db = load_fixture();
    CHECK_STR("Palo Alto Networks", vendor_of(db, "00:1b:17:00:00:01", 24));
    CHECK_STR("Cisco Systems, Inc", vendor_of(db, "F4-BD-9E-12-34-56", 24));
    /* 20:85:93:b? is the MA-M block; the rest of 20:85:93 is the registry's parent row. */
    CHECK_STR("IOG Products LLC", vendor_of(db, "20:85:93:b1:22:33", 28));
    CHECK_STR("IEEE Registration Authority", vendor_of(db, "20:85:93:c1:22:33", 24));
    CHECK_STR("2M Technology", vendor_of(db, "70b3.d571.9abc", 36));
    CHECK_STR("TELE \"PLATFORMS\"", vendor_of(db, "70:b3:d5:f2:f0:01", 36));
    CHECK_STR("IEEE Registration Authority", vendor_of(db, "70:b3:d5:72:00:01", 24));
    /* A quoted address spanning two lines does not end the record early. */
    CHECK_STR("Apple, Inc.", vendor_of(db, "3c:07:54:aa:bb:cc", 24));
    CHECK_STR("(none)", vendor_of(db, "00:00:5e:00:53:10", 0));
    panos_macvendor_free(db);
}

static void test_bits(void **state)
{
    (void)state;
    panos_macvendor *db = load_fixture();
    panos_macvendor_info i;
    /* 0x02 set: locally administered (randomized), never looked up. */
    CHECK_CODE(PANOS_OK, panos_macvendor_lookup(&i, db, "3e:07:54:aa:bb:cc"));
    CHECK_EQ(1, i.local);
    CHECK_EQ(0, i.multicast);
    CHECK_TRUE(i.vendor == NULL);
    CHECK_CODE(PANOS_OK, panos_macvendor_lookup(&i, db, "01:00:5e:00:00:fb"));
    CHECK_EQ(1, i.multicast);
    CHECK_EQ(0, i.local);
    CHECK_CODE(PANOS_OK, panos_macvendor_lookup(&i, NULL, "da:a1:19:00:00:01"));
    CHECK_EQ(1, i.local);
    panos_macvendor_free(db);
}

static void test_refusals(void **state)
{
    (void)state;
    panos_macvendor_info i;
    unsigned long long v;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_macvendor_lookup(&i, NULL, "00:1b:17:00:00"));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_macvendor_lookup(&i, NULL, "00:1b:17:00:00:01:02"));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_macvendor_lookup(&i, NULL, "00:1b-17:00:00:01"));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_macvendor_lookup(&i, NULL, "192.0.2.10"));
    CHECK_EQ(0, panos_mac_parse(&v, "001B17000001"));
    CHECK_TRUE(v == 0x001B17000001ULL);
    char err[256];
    panos_macvendor *db = NULL;
    CHECK_CODE(PANOS_E_NOT_FOUND, panos_macvendor_load(&db, "/nonexistent", err, sizeof(err)));
    CHECK_TRUE(db == NULL);
    CHECK_STR("/nonexistent/oui.csv not found (Debian package ieee-data)", err);
}

static void test_system_registry(void **state)
{
    (void)state;
    char err[256];
    panos_macvendor *db = NULL;
    if (panos_macvendor_load(&db, NULL, err, sizeof(err)) != PANOS_OK)
        skip(); /* ieee-data not installed */
    CHECK_STR("Palo Alto Networks", vendor_of(db, "00:1b:17:00:00:01", 24));
    panos_macvendor_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_prefix),
        cmocka_unit_test(test_bits),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_system_registry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
