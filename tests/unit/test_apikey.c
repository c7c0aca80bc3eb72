/* SPDX-License-Identifier: MIT */
/* test_apikey.c -- API key decode/mint and "-AQ==" envelopes against the published test vectors. */
#include <string.h>
#include <openssl/evp.h>
#include <panos/apikey.h>
#include "check.h"

/* Test vectors V1-V9 (docs/sources.md): yaklin.ca blog (V1-V3), PAN KB kA14u0000004LqvCAE (V4),
   anthony-balitrand.fr (V5), pan.dev panpython_apikey (V6), palo_secret_decryptor.py README
   (V7, V8) and Nothing4You/panos-crypto-tools tests/wasm.rs (V9). */
#define V1                                                                                         \
    "LUFRPT1Hd3dCOC80S3hqd1lMU01lbnBpOEN1MENkbEU9R25NSVgyYysyVEw4VmZRakdTazc2bnZNZnplcTdx"         \
    "VmpabGNTRnY3cENLNEEzaFpBbDM3N21xYlFYRjdJOFZOWDk1ajNTVTgrUGFlWU1PRmkvLzdtMFE9PQ=="
#define V2                                                                                         \
    "LUFRPT0xTFE0dHZzVEVMYUV4dlNuUi9GeFFjeVl4cE09R25NSVgyYysyVEw4VmZRakdTazc2cjFKK05HRGho"         \
    "VXIvRGFYN1lFMHlRUXVwaXhNNjRsTitDNWNaL2pWWjNPbzk5NXhzRGtsQy92NnRudjRyeDh0K3c9PQ=="
#define V3                                                                                         \
    "LUFRPT1IanVrY0k4aUFtUURsaks0MmZ5T2VxNytUckE9R25NSVgyYysyVEw4VmZRakdTazc2bnZNZnplcTdx"         \
    "VmpabGNTRnY3cENLNUl5ZXB4ZDhUVkNJR0Y4VTdXS2pRdFhtU2tPMnp5MEdKejgzTGJsbnpsRmc9PQ=="
#define V4                                                                                         \
    "LUFRPT1qQlFPKzMwcWloSXRjT2dMQ2p1T2k5VVR0cmc9QXIvT3BhL3gxUWVYS1VMWmNNc29oY2d4VmhrVEgz"         \
    "U2FMbnZ0ZlhBWDBQZ0R5bDlheHNDUjZqTHVkQW1IYnpaZA=="
#define V5                                                                                         \
    "LUFRPT0zc0wwS0NVcThKczJiS2lUSHRZaENmM0I5UDg9RHoyUHdiMkpob3BhaHg5bFo4ZEx1UUI4Q0dObVVs"         \
    "NkFRMTlXcVpKSUFEckNERlU1YzVmOFNBcWxrRXBJK01UYw=="
#define V6 "LUFRPT14MW5xOEo1R09KVlBZNnpnemh0VHRBOWl6TGM9bXcwM3JHUGVhRlNiY0dCR0srNERUQT09"
#define V7 "-AQ==4oaXexPxqJ4g0EWSB1RdFf4eugg=QB2FTzPzPnegOOdK2VtojQ=="
#define V8 "-AQ==4oaXexPxqJ4g0EWSB1RdFf4eugg=yicd7NMQ47s6u8/GgByLMQ=="
#define V9A "-AQ==Kq5sNclPz7QV2+lfQIuc6R7oRu0=hIhc0Phi+RYYxgpkbZ3rZA=="
#define V9B "-AQ==Kq5sNclPz7QV2+lfQIuc6R7oRu0=GT5qaYuXL6yWIY+AERV2QA=="
#define MK8 "1234567812345678"
#define MK9 "!._$%&/()=123456"
#define MK_OTHER "p1a2l3o4a5l6t7o9"

static panos_apikey_info info;
static panos_buf out;

static void expect_key(const char *key, const char *mk, panos_apikey_layout layout,
                       const char *user, const char *password, long long expiry_ms,
                       long long gentime)
{
    panos_apikey_info_clear(&info);
    CHECK_OK(panos_apikey_decode(&info, key, mk));
    CHECK_EQ(PANOS_APIKEY_ENVELOPE, info.format);
    CHECK_EQ(1, info.opened);
    CHECK_EQ(layout, info.layout);
    CHECK_STR(user, info.user);
    CHECK_STR(password, info.password);
    CHECK_EQ(expiry_ms, info.expiry_ms);
    CHECK_EQ(gentime, info.gentime);
}

static void expect_unrecognised(const char *key)
{
    panos_apikey_info_clear(&info);
    CHECK_OK(panos_apikey_decode(&info, key, NULL));
    CHECK_EQ(PANOS_APIKEY_UNRECOGNISED, info.format);
    CHECK_EQ(0, info.opened);
    CHECK_EQ(PANOS_APIKEY_LAYOUT_UNKNOWN, info.layout);
    CHECK_TRUE(info.user == NULL && info.password == NULL);
}

static void expect_envelope(const char *inner, const char *mk, const char *plaintext)
{
    panos_buf_dispose_secret(&out);
    CHECK_OK(panos_envelope_decrypt(&out, inner, mk));
    CHECK_EQ(strlen(plaintext), out.size);
    CHECK_STR(plaintext, out.ptr);
}

static void test_vector_keys(void **state)
{
    (void)state;
    expect_key(V1, NULL, PANOS_APIKEY_LAYOUT_V90, "apiuser", "JNn0Sg444s7D0jy5&", 1746048128270LL,
               1746046928LL);
    expect_key(V2, NULL, PANOS_APIKEY_LAYOUT_V90, "apiuser", "JNn0Sg444s7D0jy5", 1746012130950LL,
               1746010930LL);
    expect_key(V3, PANOS_APIKEY_DEFAULT_MASTER_KEY, PANOS_APIKEY_LAYOUT_V90, "apiuser",
               "JNn0Sg444s7D0jy5&", 1746152503290LL, 1746151303LL);
    expect_key(V4, NULL, PANOS_APIKEY_LAYOUT_V90, "api", "password", -1, 1641087700LL);
    expect_key(V5, NULL, PANOS_APIKEY_LAYOUT_V90, "localapiuser", "local@piuser", -1, 1673903320LL);
    /* Pre-9.0: no expiry information (-1, never expires by itself), no gentime. */
    expect_key(V6, NULL, PANOS_APIKEY_LAYOUT_PRE90, "admin", "admin", -1, 0);
    /* Pasted pretty-printed or from a query string (%3D is '='). */
    expect_key("  LUFRPT14MW5xOEo1R09KVlBZNnpnemh0VHRBOWl6TGM9\n"
               "bXcwM3JHUGVhRlNiY0dCR0srNERUQT09\r\n",
               NULL, PANOS_APIKEY_LAYOUT_PRE90, "admin", "admin", -1, 0);
    expect_key("LUFRPT14MW5xOEo1R09KVlBZNnpnemh0VHRBOWl6TGM9bXcwM3JHUGVhRlNiY0dCR0srNERUQT09", NULL,
               PANOS_APIKEY_LAYOUT_PRE90, "admin", "admin", -1, 0);
    expect_key("LUFRPT1qQlFPKzMwcWloSXRjT2dMQ2p1T2k5VVR0cmc9QXIvT3BhL3gxUWVYS1VMWmNNc29oY2d4Vm"
               "hrVEgzU2FMbnZ0ZlhBWDBQZ0R5bDlheHNDUjZqTHVkQW1IYnpaZA%3D%3D",
               NULL, PANOS_APIKEY_LAYOUT_V90, "api", "password", -1, 1641087700LL);
}

static void test_vector_envelopes(void **state)
{
    (void)state;
    expect_envelope(V7, NULL, "letmein123");
    expect_envelope(V8, MK8, "letmein123");
    expect_envelope(V9A, NULL, "hello world");
    expect_envelope(V9B, MK9, "hello world");
    /* The same hash, other master keys: the wrong one never opens. */
    panos_buf_dispose_secret(&out);
    CHECK_CODE(PANOS_E_AUTH, panos_envelope_decrypt(&out, V7, MK8));
    CHECK_TRUE(out.ptr == NULL);
    CHECK_CODE(PANOS_E_AUTH, panos_envelope_decrypt(&out, V8, NULL));
    CHECK_CODE(PANOS_E_AUTH, panos_envelope_decrypt(&out, V9B, NULL));
    /* Negative vector: V6 / V7 with master key p1a2l3o4a5l6t7o9. */
    CHECK_CODE(PANOS_E_AUTH, panos_envelope_decrypt(&out, V7, MK_OTHER));
    panos_apikey_info_clear(&info);
    CHECK_OK(panos_apikey_decode(&info, V6, MK_OTHER));
    CHECK_EQ(PANOS_APIKEY_ENVELOPE, info.format);
    CHECK_EQ(0, info.opened);
    CHECK_EQ(PANOS_APIKEY_LAYOUT_UNKNOWN, info.layout);
    CHECK_TRUE(info.user == NULL && info.password == NULL);
}

static void expect_mint(const char *want, const char *user, const char *password, long long now_ms,
                        long lifetime_min, int pre90)
{
    panos_buf_dispose_secret(&out);
    CHECK_OK(panos_apikey_mint(&out, user, password, NULL, now_ms, lifetime_min, pre90));
    CHECK_EQ(strlen(want), out.size);
    CHECK_STR(want, out.ptr);
}

static void test_mint_reproduces_vectors(void **state)
{
    (void)state;
    /* Minting the decrypted plaintexts (the Nothing4You/panos-crypto-tools envelope) gives back
       the published keys byte for byte. */
    expect_mint(V1, "apiuser", "JNn0Sg444s7D0jy5&", 1746046928270LL, 20, 0);
    expect_mint(V2, "apiuser", "JNn0Sg444s7D0jy5", 1746010930950LL, 20, 0);
    expect_mint(V4, "api", "password", 1641087700999LL, 0, 0);
    expect_mint(V5, "localapiuser", "local@piuser", 1673903320000LL, 0, 0);
    expect_mint(V6, "admin", "admin", 0, 0, 1);
}

static void test_mint_round_trip(void **state)
{
    (void)state;
    const char *pw = "p:ss]<>[w0rd&%";
    /* A 60-minute lifetime: the expiry keeps 12 significant digits, i.e. 10 ms. */
    panos_buf_dispose_secret(&out);
    CHECK_OK(panos_apikey_mint(&out, "ops", pw, NULL, 1700000000123LL, 60, 0));
    CHECK_TRUE(strncmp(out.ptr, "LUFRPT", 6) == 0);
    expect_key(out.ptr, NULL, PANOS_APIKEY_LAYOUT_V90, "ops", pw, 1700003600120LL, 1700000000LL);
    /* Lifetime 0: never expires. */
    panos_buf_dispose_secret(&out);
    CHECK_OK(panos_apikey_mint(&out, "ops", pw, MK9, 1700000000999LL, 0, 0));
    expect_key(out.ptr, MK9, PANOS_APIKEY_LAYOUT_V90, "ops", pw, -1, 1700000000LL);
    /* Pre-9.0 layout: deterministic. */
    panos_buf_dispose_secret(&out);
    CHECK_OK(panos_apikey_mint(&out, "ops", pw, NULL, 1700000000999LL, 60, 1));
    expect_key(out.ptr, NULL, PANOS_APIKEY_LAYOUT_PRE90, "ops", pw, -1, 0);
    /* Empty password. */
    panos_buf_dispose_secret(&out);
    CHECK_OK(panos_apikey_mint(&out, "ops", "", NULL, 1000, 1, 0));
    expect_key(out.ptr, NULL, PANOS_APIKEY_LAYOUT_V90, "ops", "", 61000, 1);
    /* Refusals: a ':' in the user would not survive decode; negative times. */
    panos_buf_dispose_secret(&out);
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_apikey_mint(&out, "a:b", "x", NULL, 0, 0, 0));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_apikey_mint(&out, "a", NULL, NULL, 0, 0, 0));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_apikey_mint(&out, "a", "x", NULL, -1, 0, 0));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_apikey_mint(&out, "a", "x", NULL, 0, -5, 0));
    CHECK_TRUE(out.ptr == NULL);
}

static void test_other_master_key(void **state)
{
    (void)state;
    panos_buf_dispose_secret(&out);
    CHECK_OK(panos_apikey_mint(&out, "admin", "Secret#1", NULL, 1746046928270LL, 0, 0));
    panos_apikey_info_clear(&info);
    CHECK_OK(panos_apikey_decode(&info, out.ptr, "0123456789abcdef"));
    CHECK_EQ(PANOS_APIKEY_ENVELOPE, info.format);
    CHECK_EQ(0, info.opened);
    CHECK_EQ(PANOS_APIKEY_LAYOUT_UNKNOWN, info.layout);
    CHECK_TRUE(info.user == NULL && info.password == NULL);
    CHECK_EQ(0, info.gentime);
}

/* base64 of @p n bytes into a static buffer. */
static const char *b64(const void *p, size_t n)
{
    static unsigned char enc[1024];
    assert_true(4 * ((n + 2) / 3) < sizeof(enc));
    EVP_EncodeBlock(enc, p, (int)n);
    return (const char *)enc;
}

static void test_unrecognised(void **state)
{
    (void)state;
    unsigned char cert[384];
    unsigned int x = 12345;
    for (size_t i = 0; i < sizeof(cert); i++) {
        x = x * 1103515245u + 12345u;
        cert[i] = (unsigned char)(x >> 16);
    }
    expect_unrecognised("");
    expect_unrecognised("garbage");
    expect_unrecognised("not base64 at all!");
    expect_unrecognised("LUFRPT1Hd3dCOC80S3hqd1lMU01lbnBpOEN1MENkbEU9R25NSVgyYysy*Tw==");
    expect_unrecognised("LUFRPT1=Hd3d");
    expect_unrecognised(V7); /* an inner envelope is not a key */
    /* Base64 of opaque binary, as a certificate-encrypted (11.1+) key would be. */
    expect_unrecognised(b64(cert, sizeof(cert)));
    /* Base64 of text that is not an envelope, or a truncated / broken one. */
    expect_unrecognised(b64("hello world, this is a token", 28));
    expect_unrecognised(b64("-AQ==short", 10));
    expect_unrecognised(b64("-AQ==4oaXexPxqJ4g0EWSB1RdFf4eugg=QB2FTzPzPnegOOdK2Vto", 51));
    expect_unrecognised(b64("-AQ==4oaXexPxqJ4g0EWSB1RdFf4eugg=QB2FTzPzPnegOOdK2VtojQ==AAAA", 60));
    expect_unrecognised(b64("-AQ==4oaXexPxqJ4g0EWSB1RdFf4eugg!QB2FTzPzPnegOOdK2VtojQ==", 57));
    /* The same inner re-wrapped is a key again. */
    expect_key(b64(V7, strlen(V7)), NULL, PANOS_APIKEY_LAYOUT_PRE90, "letmein123", "", -1, 0);
}

static void test_bad_master_key(void **state)
{
    (void)state;
    panos_apikey_info_clear(&info);
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_apikey_decode(&info, V6, "short"));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_apikey_decode(&info, "garbage", "p1a2l3o4a5l6t7o8x"));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_apikey_decode(&info, V6, ""));
    CHECK_EQ(PANOS_APIKEY_UNRECOGNISED, info.format);
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_apikey_decode(&info, NULL, NULL));
    panos_buf_dispose_secret(&out);
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_apikey_mint(&out, "a", "b", "short", 0, 0, 0));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_envelope_encrypt(&out, "x", 1, "0123456789abcdefg"));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_envelope_decrypt(&out, V7, "0123456789abcde"));
    CHECK_TRUE(out.ptr == NULL);
}

static void test_envelope_round_trip(void **state)
{
    (void)state;
    panos_buf sealed = PANOS_BUF_INIT;
    static const char bin[] = "a\0b\0c";

    CHECK_OK(panos_envelope_encrypt(&sealed, "letmein123", 10, NULL));
    CHECK_STR(V7, sealed.ptr); /* zero IV: deterministic, so V7 comes back */
    panos_buf_dispose_secret(&sealed);

    CHECK_OK(panos_envelope_encrypt(&sealed, "bind password", 13, MK9));
    CHECK_TRUE(strncmp(sealed.ptr, "-AQ==", 5) == 0);
    expect_envelope(sealed.ptr, MK9, "bind password");
    panos_buf_dispose_secret(&out);
    CHECK_CODE(PANOS_E_AUTH, panos_envelope_decrypt(&out, sealed.ptr, NULL));
    CHECK_CODE(PANOS_E_AUTH, panos_envelope_decrypt(&out, sealed.ptr, MK8));
    CHECK_TRUE(out.ptr == NULL);
    panos_buf_dispose_secret(&sealed);

    /* Binary and empty plaintexts (an empty one still pads to one block). */
    CHECK_OK(panos_envelope_encrypt(&sealed, bin, sizeof(bin), NULL));
    CHECK_OK(panos_envelope_decrypt(&out, sealed.ptr, NULL));
    CHECK_EQ(sizeof(bin), out.size);
    CHECK_TRUE(memcmp(bin, out.ptr, sizeof(bin)) == 0);
    panos_buf_dispose_secret(&out);
    panos_buf_dispose_secret(&sealed);
    CHECK_OK(panos_envelope_encrypt(&sealed, NULL, 0, NULL));
    expect_envelope(sealed.ptr, NULL, "");
    panos_buf_dispose_secret(&sealed);

    /* Not an envelope. */
    panos_buf_dispose_secret(&out);
    CHECK_CODE(PANOS_E_PARSE, panos_envelope_decrypt(&out, "letmein123", NULL));
    CHECK_CODE(PANOS_E_PARSE, panos_envelope_decrypt(&out, V6, NULL));
    CHECK_CODE(PANOS_E_PARSE,
               panos_envelope_decrypt(&out, "-AQ==4oaXexPxqJ4g0EWSB1RdFf4eugg=QB2F", NULL));
    CHECK_CODE(PANOS_E_PARSE, panos_envelope_decrypt(&out,
                                                     "-AQ==4oaXexPxqJ4g0EWSB1RdFf4eugg="
                                                     "QB2FTzPzPnegOOdK2VtojQ==QB2F",
                                                     NULL));
    CHECK_TRUE(out.ptr == NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vector_keys),
        cmocka_unit_test(test_vector_envelopes),
        cmocka_unit_test(test_mint_reproduces_vectors),
        cmocka_unit_test(test_mint_round_trip),
        cmocka_unit_test(test_other_master_key),
        cmocka_unit_test(test_unrecognised),
        cmocka_unit_test(test_bad_master_key),
        cmocka_unit_test(test_envelope_round_trip),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_apikey_info_clear(&info);
    panos_buf_dispose_secret(&out);
    return rc;
}
