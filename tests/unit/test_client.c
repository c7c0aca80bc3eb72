/* SPDX-License-Identifier: MIT */
/* test_client.c -- client options (versions, pin with insecure, deadline), key checks, redaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/panos.h>
#include "stream.h"
#include "client_priv.h"
#include "check.h"

static panos_client *new_client(long deadline_ms)
{
    panos_client_options o = PANOS_CLIENT_OPTIONS_INIT;
    o.host = "127.0.0.1";
    o.use_http = 1;
    o.deadline_ms = deadline_ms;
    panos_client *c = NULL;
    CHECK_OK(panos_client_new(&c, &o));
    return c;
}

/* A pin (trust exactly this certificate) with insecure (trust any) is refused. */
static void test_pin_with_insecure(void **state)
{
    (void)state;
    panos_client_options o;
    panos_client_options_init(&o);
    o.host = "127.0.0.1";
    o.pin_sha256 = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    o.insecure = 1;
    panos_client *c = NULL;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_client_new(&c, &o));
    CHECK_TRUE(c == NULL);
    o.insecure = 0;
    CHECK_OK(panos_client_new(&c, &o));
    panos_client_free(c);
}

/* Version 1 callers (no deadline_ms member) still work; unknown versions and a negative
 * deadline do not. */
static void test_options_versions(void **state)
{
    (void)state;
    panos_client_options o = PANOS_CLIENT_OPTIONS_INIT;
    CHECK_EQ(2, (int)o.version);
    CHECK_EQ(0, (int)o.deadline_ms);
    o.host = "127.0.0.1";
    panos_client *c = NULL;
    o.version = 1;
    o.deadline_ms = -5; /* not read for version 1 */
    CHECK_OK(panos_client_new(&c, &o));
    CHECK_EQ(-1, (int)panos__client_deadline_left(c));
    panos_client_free(c);
    o.version = 2;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_client_new(&c, &o));
    o.version = 3;
    o.deadline_ms = 0;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_client_new(&c, &o));
    o.version = 0;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_client_new(&c, &o));
}

static void test_deadline_left(void **state)
{
    (void)state;
    panos_client *c = new_client(60000);
    long left = panos__client_deadline_left(c);
    CHECK_TRUE(left > 50000 && left <= 60000);
    panos_client_free(c);
    c = new_client(0);
    CHECK_EQ(-1, (int)panos__client_deadline_left(c));
    panos_client_free(c);
}

static long long fake_now(void *payload)
{
    return *(const long long *)payload;
}

/* panos_client_restart_deadline() (panctl batch): the same budget again, counted from now. */
static void test_deadline_restart(void **state)
{
    (void)state;
    long long now = 0;
    panos_client *c = new_client(1000);
    c->clock.now_ms = fake_now;
    c->clock.payload = &now;
    panos_client_restart_deadline(c);
    now = 400;
    CHECK_EQ(600, (int)panos__client_deadline_left(c));
    now = 1500;
    CHECK_EQ(0, (int)panos__client_deadline_left(c));
    panos_client_restart_deadline(c);
    CHECK_EQ(1000, (int)panos__client_deadline_left(c));
    panos_client_free(c);
    c = new_client(0);
    panos_client_restart_deadline(c);
    CHECK_EQ(-1, (int)panos__client_deadline_left(c));
    panos_client_free(c);
}

/* A key with CR, LF or another control byte would split the X-PAN-KEY header. */
static void test_key_control_bytes(void **state)
{
    (void)state;
    panos_client *c = new_client(0);
    panos_buf k = PANOS_BUF_INIT;
    CHECK_OK(panos_client_set_key(c, "LUFRPTgood"));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_client_set_key(c, "LUFRPT\r\nX-Injected: 1"));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_client_set_key(c, "LUFRPT\tx"));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_client_set_key(c, "LUFRPT\x7f"));
    CHECK_EQ(PANOS_E_INVALID_ARG, panos_client_last_error(c)->code);
    CHECK_TRUE(strstr(panos_client_last_error(c)->message, "control character") != NULL);
    CHECK_OK(panos_client_get_key(c, &k)); /* the old key stays */
    CHECK_STR("LUFRPTgood", k.ptr);
    panos_buf_dispose_secret(&k);
    CHECK_OK(panos_client_set_key(c, NULL));
    panos_client_free(c);
}

/* The key is redacted from the whole message before it is cut, so no prefix survives. */
static void test_redact_before_cut(void **state)
{
    (void)state;
    char key[133];
    for (int i = 0; i < 132; i++)
        key[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64];
    key[132] = '\0';
    panos_client *c = new_client(0);
    CHECK_OK(panos_client_set_key(c, key));
    char pad[1001];
    for (size_t pl = 300; pl <= 1000; pl += 100) { /* the key straddles every cut point */
        memset(pad, '.', pl);
        pad[pl] = '\0';
        panos__client_set_error(c, PANOS_E_KEY_EXPIRED, 400, 400, "error",
                                "Key Expired: %s %s has expired.", pad, key);
        const char *m = panos_client_last_error(c)->message;
        CHECK_TRUE(strlen(m) <= 1024);
        char prefix[9];
        memcpy(prefix, key, 8); /* "ABCDEFGH" */
        prefix[8] = '\0';
        if (strstr(m, prefix) != NULL)
            fail_msg("a prefix of the key is in the message (padding %zu)", pl);
        if (pl + 16 < 1000)
            CHECK_TRUE(strstr(m, "*** has expired.") != NULL);
    }
    panos_client_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pin_with_insecure), cmocka_unit_test(test_options_versions),
        cmocka_unit_test(test_deadline_left),     cmocka_unit_test(test_key_control_bytes),
        cmocka_unit_test(test_redact_before_cut), cmocka_unit_test(test_deadline_restart),
    };
    panos_global_init();
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_global_cleanup();
    return rc;
}
