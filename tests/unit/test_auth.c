/* SPDX-License-Identifier: MIT */
/* test_auth.c -- when a refused key is renewed, and what the error says when renewal fails. */
#include <stdlib.h>
#include <string.h>
#include <panos/panos.h>
#include "client_priv.h"
#include "check.h"
#include "closedport.h"

static int creds_calls;
static panos_code creds_answer;

/* Credentials for renewal, or a refusal when creds_answer says so. */
static panos_code creds(void *payload, panos_buf *user, panos_buf *password)
{
    (void)payload;
    creds_calls++;
    if (creds_answer != PANOS_OK)
        return creds_answer;
    user->ptr = strdup("admin");
    user->size = 5;
    password->ptr = strdup("s3cret-pw");
    password->size = 9;
    return PANOS_OK;
}

/* A client for a loopback port nothing listens on: every request is refused. */
static panos_client *refused_client(void)
{
    panos_client_options o = PANOS_CLIENT_OPTIONS_INIT;
    o.host = "127.0.0.1";
    o.port = closed_port();
    o.use_http = 1;
    o.max_retries = 0;
    panos_client *c = NULL;
    CHECK_OK(panos_client_new(&c, &o));
    return c;
}

static void test_renewable(void **state)
{
    (void)state;
    panos_param op[] = {{"type", "op"}, {"cmd", "<show><clock/></show>"}};
    panos_param keygen[] = {{"type", "keygen"}, {"user", "a"}, {"password", "b"}};
    panos_client *c = refused_client();
    CHECK_TRUE(!panos__auth_renewable(c, PANOS_E_KEY_EXPIRED, op, 2)); /* no callback */
    panos_client_set_rekey(c, creds, NULL, NULL);
    CHECK_TRUE(!panos__auth_renewable(c, PANOS_E_KEY_EXPIRED, op, 2)); /* no key */
    CHECK_OK(panos_client_set_key(c, "LUFRPTold"));
    CHECK_TRUE(panos__auth_renewable(c, PANOS_E_KEY_EXPIRED, op, 2));
    CHECK_TRUE(panos__auth_renewable(c, PANOS_E_AUTH, op, 2));
    CHECK_TRUE(!panos__auth_renewable(c, PANOS_E_UNAVAILABLE, op, 2));
    CHECK_TRUE(!panos__auth_renewable(c, PANOS_E_KEY_EXPIRED, keygen, 3));
    /* PAN-OS codes 16 and 22 (unauthorized, session timed out) under another class. */
    panos__client_set_error(c, PANOS_E_API, 200, 22, "error", "Session timed out");
    CHECK_TRUE(panos__auth_renewable(c, PANOS_E_API, op, 2));
    panos__client_set_error(c, PANOS_E_API, 200, 17, "error", "invalid command");
    CHECK_TRUE(!panos__auth_renewable(c, PANOS_E_API, op, 2));
    /* Basic auth is not renewed by keygen. */
    CHECK_OK(panos_client_set_basic_auth(c, "admin", "pw"));
    CHECK_TRUE(!panos__auth_renewable(c, PANOS_E_AUTH, op, 2));
    panos_client_free(c);
}

static void test_renew_failures(void **state)
{
    (void)state;
    panos_param op[] = {{"type", "op"}, {"cmd", "<show><clock/></show>"}};
    panos_client *c = refused_client();
    panos_client_set_rekey(c, creds, NULL, NULL);
    CHECK_OK(panos_client_set_key(c, "LUFRPTold"));

    /* The user declines: the first failure stands, message untouched. */
    panos__client_set_error(c, PANOS_E_KEY_EXPIRED, 400, 400, "error", "Key Expired");
    creds_calls = 0;
    creds_answer = PANOS_E_AUTH;
    CHECK_CODE(PANOS_E_KEY_EXPIRED, panos__auth_renew(c, PANOS_E_KEY_EXPIRED, op, 2, NULL));
    CHECK_EQ(1, creds_calls);
    CHECK_STR("Key Expired", panos_client_last_error(c)->message);

    /* Credentials given, but keygen cannot reach the device: both failures are named, the
     * password is not, and the old key stays. */
    creds_answer = PANOS_OK;
    CHECK_CODE(PANOS_E_TRANSPORT, panos__auth_renew(c, PANOS_E_KEY_EXPIRED, op, 2, NULL));
    const char *m = panos_client_last_error(c)->message;
    CHECK_TRUE(strstr(m, "the key was refused (Key Expired) and keygen failed too: ") == m);
    CHECK_TRUE(strstr(m, "s3cret-pw") == NULL);
    panos_buf k = PANOS_BUF_INIT;
    CHECK_OK(panos_client_get_key(c, &k));
    CHECK_STR("LUFRPTold", k.ptr);
    panos_buf_dispose_secret(&k);
    panos_client_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_renewable),
        cmocka_unit_test(test_renew_failures),
    };
    panos_global_init();
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_global_cleanup();
    return rc;
}
