/* SPDX-License-Identifier: MIT */
/* apikey.c -- mint and decode PAN-OS "-AQ==" API keys and config secrets with a master key. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <panos/apikey.h>
#include "sbuf.h"
#include "contract.h"

/*
 * Format (Nothing4You/panos-crypto-tools src/lib.rs; PAN KB kA14u0000004LqvCAE; yaklin.ca blog):
 *   key   = base64(inner)
 *   inner = "-" "AQ==" base64(SHA1(P)) base64(AES-256-CBC(K, IV=0, PKCS#7, P))
 *   K     = D || D, D = MD5(master_key || MD5("pannetwork"))
 * The SHA-1 of the plaintext decides whether a master key opened an envelope: a wrong key
 * passes the padding check about once in 256.
 */

#define ENV_PREFIX "-AQ=="
#define ENV_PREFIX_LEN 5
#define ENV_HASH_B64_LEN 28                               /* base64 of 20 bytes */
#define ENV_CT_OFFSET (ENV_PREFIX_LEN + ENV_HASH_B64_LEN) /* 33 */
#define ENV_MIN_LEN (ENV_CT_OFFSET + 24)                  /* one AES block is 24 base64 chars */
#define MASTER_KEY_LEN 16
#define AES_KEY_LEN 32
#define SHA1_LEN 20
#define SEP "]<>["
#define SEP_LEN 4
/* EVP takes int lengths; nothing PAN-OS keeps in an envelope comes near this. */
#define MAX_PLAINTEXT ((size_t)1 << 26)

/* Derive the AES-256 key from a 16-byte master key (NULL: the factory default). */
static panos_code derive_key(unsigned char key[AES_KEY_LEN], const char *master_key)
{
    static const char salt_src[] = "pannetwork";
    unsigned char in[MASTER_KEY_LEN + 16];
    unsigned int n = 0;

    if (master_key == NULL)
        master_key = PANOS_APIKEY_DEFAULT_MASTER_KEY;
    if (strlen(master_key) != MASTER_KEY_LEN)
        return PANOS_E_INVALID_ARG;
    memcpy(in, master_key, MASTER_KEY_LEN);
    if (EVP_Digest(salt_src, sizeof(salt_src) - 1, in + MASTER_KEY_LEN, &n, EVP_md5(), NULL) != 1 ||
        EVP_Digest(in, sizeof(in), key, &n, EVP_md5(), NULL) != 1) {
        panos_wipe(in, sizeof(in));
        return PANOS_E_FAILED;
    }
    memcpy(key + 16, key, 16);
    panos_wipe(in, sizeof(in));
    return PANOS_OK;
}

static int b64_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

/*
 * Strict base64 decode (RFC 4648 alphabet, '=' padding only at the end, length a multiple of
 * 4). The result is NUL-terminated (not counted). PANOS_E_PARSE when @p in is not base64.
 */
static panos_code b64_decode(unsigned char **out, size_t *out_len, const char *in, size_t n)
{
    size_t pad = 0;
    *out = NULL;
    *out_len = 0;
    if (n == 0 || n % 4 != 0 || n > (size_t)INT_MAX)
        return PANOS_E_PARSE;
    if (in[n - 1] == '=')
        pad = (in[n - 2] == '=') ? 2 : 1;
    for (size_t i = 0; i < n - pad; i++) {
        if (!b64_char((unsigned char)in[i]))
            return PANOS_E_PARSE;
    }
    unsigned char *buf = malloc(n / 4 * 3 + 1);
    if (buf == NULL)
        return PANOS_E_NOMEM;
    int got = EVP_DecodeBlock(buf, (const unsigned char *)in, (int)n);
    if (got < 0 || (size_t)got < pad) {
        free(buf);
        return PANOS_E_PARSE;
    }
    *out_len = (size_t)got - pad;
    buf[*out_len] = '\0';
    *out = buf;
    return PANOS_OK;
}

/* Append base64 of @p n bytes to @p sb. */
static void b64_append(panos__sb *sb, const unsigned char *in, size_t n)
{
    size_t cap = 4 * ((n + 2) / 3) + 1;
    unsigned char *tmp;
    if (n > (size_t)INT_MAX / 2) {
        sb->failed = 1;
        return;
    }
    tmp = malloc(cap);
    if (tmp == NULL) {
        sb->failed = 1;
        return;
    }
    int len = EVP_EncodeBlock(tmp, in, (int)n);
    if (len >= 0)
        panos__sb_append(sb, (const char *)tmp, (size_t)len);
    else
        sb->failed = 1;
    /* The bytes may be an API key: wipe them like everything else here. */
    panos_wipe(tmp, cap);
    free(tmp);
}

/*
 * AES-256-CBC with a zero IV and PKCS#7. @p out must hold n + 16 bytes. For decryption a
 * padding failure returns PANOS_E_AUTH (the usual sign of the wrong master key).
 */
static panos_code aes_cbc(int enc, const unsigned char key[AES_KEY_LEN], const unsigned char *in,
                          size_t n, unsigned char *out, size_t *out_len)
{
    static const unsigned char iv[16] = {0};
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    panos_code rc = PANOS_E_FAILED;
    int l1 = 0, l2 = 0;

    if (ctx == NULL)
        return PANOS_E_NOMEM;
    if (EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv, enc) != 1)
        goto done;
    if (EVP_CipherUpdate(ctx, out, &l1, in, (int)n) != 1)
        goto done;
    if (EVP_CipherFinal_ex(ctx, out + l1, &l2) != 1) {
        rc = enc ? PANOS_E_FAILED : PANOS_E_AUTH;
        goto done;
    }
    *out_len = (size_t)l1 + (size_t)l2;
    rc = PANOS_OK;
done:
    EVP_CIPHER_CTX_free(ctx);
    return rc;
}

/* Append the inner envelope "-AQ==<b64 sha1><b64 ct>" for @p pt to @p sb. */
static panos_code seal(panos__sb *sb, const unsigned char *pt, size_t n,
                       const unsigned char key[AES_KEY_LEN])
{
    unsigned char hash[SHA1_LEN];
    unsigned int hlen = 0;
    unsigned char *ct;
    size_t ct_len = 0;
    panos_code rc;

    if (n > MAX_PLAINTEXT)
        return PANOS_E_TOO_LARGE;
    if (EVP_Digest(pt, n, hash, &hlen, EVP_sha1(), NULL) != 1)
        return PANOS_E_FAILED;
    ct = malloc(n + 16);
    if (ct == NULL)
        return PANOS_E_NOMEM;
    rc = aes_cbc(1, key, pt, n, ct, &ct_len);
    if (rc == PANOS_OK) {
        panos__sb_append(sb, ENV_PREFIX, ENV_PREFIX_LEN);
        b64_append(sb, hash, sizeof(hash));
        b64_append(sb, ct, ct_len);
        if (sb->failed)
            rc = PANOS_E_NOMEM;
    }
    free(ct);
    return rc;
}

/*
 * Open an inner envelope of @p n bytes. PANOS_E_PARSE when it is not a well-formed envelope,
 * PANOS_E_AUTH when the key does not open it. On success *pt (NUL-terminated, not counted in
 * *pt_len) is a secret the caller wipes and frees.
 */
static panos_code open_inner(unsigned char **pt, size_t *pt_len, const char *inner, size_t n,
                             const unsigned char key[AES_KEY_LEN])
{
    unsigned char *want = NULL, *ct = NULL, *buf = NULL;
    size_t want_len = 0, ct_len = 0, len = 0;
    unsigned char hash[SHA1_LEN];
    unsigned int hlen = 0;
    panos_code rc;

    *pt = NULL;
    *pt_len = 0;
    if (n < ENV_MIN_LEN || memcmp(inner, ENV_PREFIX, ENV_PREFIX_LEN) != 0)
        return PANOS_E_PARSE;
    rc = b64_decode(&want, &want_len, inner + ENV_PREFIX_LEN, ENV_HASH_B64_LEN);
    if (rc != PANOS_OK)
        goto done;
    rc = b64_decode(&ct, &ct_len, inner + ENV_CT_OFFSET, n - ENV_CT_OFFSET);
    if (rc != PANOS_OK)
        goto done;
    if (want_len != SHA1_LEN || ct_len == 0 || ct_len % 16 != 0) {
        rc = PANOS_E_PARSE;
        goto done;
    }
    buf = malloc(ct_len + 16 + 1);
    if (buf == NULL) {
        rc = PANOS_E_NOMEM;
        goto done;
    }
    rc = aes_cbc(0, key, ct, ct_len, buf, &len);
    if (rc != PANOS_OK)
        goto done;
    if (EVP_Digest(buf, len, hash, &hlen, EVP_sha1(), NULL) != 1) {
        rc = PANOS_E_FAILED;
        goto done;
    }
    /* The padding passes for a wrong key now and then; the hash is the final word. */
    if (CRYPTO_memcmp(hash, want, SHA1_LEN) != 0) {
        rc = PANOS_E_AUTH;
        goto done;
    }
    buf[len] = '\0';
    *pt = buf;
    *pt_len = len;
    buf = NULL;
done:
    if (buf != NULL) {
        panos_wipe(buf, ct_len + 16 + 1);
        free(buf);
    }
    free(want);
    free(ct);
    return rc;
}

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Last occurrence of "]<>[" in s[0..n), or NULL. */
static const char *find_sep_rev(const char *s, size_t n)
{
    if (n < SEP_LEN)
        return NULL;
    for (size_t i = n - SEP_LEN + 1; i-- > 0;) {
        if (memcmp(s + i, SEP, SEP_LEN) == 0)
            return s + i;
    }
    return NULL;
}

/* Unsigned decimal digits only, no overflow. */
static int parse_uint(const char *s, size_t n, long long *out)
{
    long long v = 0;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        if (v > (LLONG_MAX - (s[i] - '0')) / 10)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/*
 * EXPIRY: "-1", or epoch ms as C's "%.12G" prints it ("1.74604812827E+12", or plain digits for
 * small values). Parsed by hand so the result is exact and the locale does not matter.
 */
static int parse_expiry(const char *s, size_t n, long long *out)
{
    unsigned long long mant = 0;
    int digits = 0, frac = 0, exp = 0, exp_neg = 0;
    size_t i = 0;

    if (n == 2 && memcmp(s, "-1", 2) == 0) {
        *out = -1;
        return 0;
    }
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
        if (digits >= 18)
            return -1;
        mant = mant * 10 + (unsigned)(s[i] - '0');
    }
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++, frac++) {
            if (digits >= 18)
                return -1;
            mant = mant * 10 + (unsigned)(s[i] - '0');
        }
    }
    if (digits == 0)
        return -1;
    if (i < n && (s[i] == 'E' || s[i] == 'e')) {
        int ed = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            exp_neg = (s[i++] == '-');
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, ed++) {
            if (ed >= 3)
                return -1;
            exp = exp * 10 + (s[i] - '0');
        }
        if (ed == 0)
            return -1;
    }
    if (i != n)
        return -1;
    int scale = (exp_neg ? -exp : exp) - frac;
    for (; scale > 0; scale--) {
        if (mant > (unsigned long long)LLONG_MAX / 10)
            return -1;
        mant *= 10;
    }
    for (; scale < 0; scale++) {
        int round_up = (scale == -1) && (mant % 10 >= 5);
        mant = mant / 10 + (unsigned)round_up;
    }
    if (mant > (unsigned long long)LLONG_MAX)
        return -1;
    *out = (long long)mant;
    return 0;
}

/*
 * Fill user, password, layout, expiry_ms and gentime from an opened plaintext (PAN KB
 * kA14u0000004LqvCAE): split from the right on "]<>[" at most twice, so a password holding "]<>["
 * survives; when the last two fields are not EXPIRY and GENTIME the key is pre-9.0. Then split at
 * the first ':'.
 */
static panos_code parse_plaintext(panos_apikey_info *out, const char *pt, size_t n)
{
    size_t cred_len = n;
    const char *colon;

    out->layout = PANOS_APIKEY_LAYOUT_PRE90;
    /* A pre-9.0 key has no expiry information: it never expires by itself. */
    out->expiry_ms = -1;
    out->gentime = 0;
    if (memchr(pt, '\0', n) != NULL) {
        /* Not text: PAN-OS never makes this. Report it opened but unparsed. */
        out->layout = PANOS_APIKEY_LAYOUT_UNKNOWN;
        out->expiry_ms = 0;
        return PANOS_OK;
    }
    const char *s2 = find_sep_rev(pt, n);
    const char *s1 = s2 != NULL ? find_sep_rev(pt, (size_t)(s2 - pt)) : NULL;
    if (s1 != NULL) {
        long long expiry = 0, gentime = 0;
        const char *e = s1 + SEP_LEN, *g = s2 + SEP_LEN;
        if (parse_expiry(e, (size_t)(s2 - e), &expiry) == 0 &&
            parse_uint(g, n - (size_t)(g - pt), &gentime) == 0) {
            out->layout = PANOS_APIKEY_LAYOUT_V90;
            out->expiry_ms = expiry;
            out->gentime = gentime;
            cred_len = (size_t)(s1 - pt);
        }
    }
    colon = memchr(pt, ':', cred_len);
    if (colon != NULL) {
        out->user = dup_n(pt, (size_t)(colon - pt));
        out->password = dup_n(colon + 1, cred_len - (size_t)(colon - pt) - 1);
    } else {
        /* No ':' (PAN-OS always writes one): all of it is the user, the password is empty. */
        out->user = dup_n(pt, cred_len);
        out->password = dup_n("", 0);
    }
    if (out->user == NULL || out->password == NULL)
        return PANOS_E_NOMEM;
    return PANOS_OK;
}

/*
 * Copy @p key without whitespace (keys are pasted pretty-printed) and with %XX decoded (keys
 * are pasted from query strings). Base64 holds neither, so this cannot change a valid key.
 */
static char *normalise_key(const char *key, size_t *out_len)
{
    size_t n = strlen(key), j = 0;
    char *p = malloc(n + 1);
    if (p == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)key[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f')
            continue;
        if (c == '%' && i + 2 < n && panos__hexval((unsigned char)key[i + 1]) >= 0 &&
            panos__hexval((unsigned char)key[i + 2]) >= 0) {
            p[j++] = (char)(panos__hexval((unsigned char)key[i + 1]) * 16 +
                            panos__hexval((unsigned char)key[i + 2]));
            i += 2;
            continue;
        }
        p[j++] = (char)c;
    }
    p[j] = '\0';
    *out_len = j;
    return p;
}

panos_code panos_apikey_decode(panos_apikey_info *out, const char *key, const char *master_key)
{
    PANOS_ASSERT(out != NULL);
    unsigned char aes_key[AES_KEY_LEN];
    unsigned char *inner = NULL, *pt = NULL;
    size_t norm_len = 0, inner_len = 0, pt_len = 0;
    char *norm = NULL;
    panos_code rc;

    if (out == NULL)
        return PANOS_E_INVALID_ARG;
    memset(out, 0, sizeof(*out));
    if (key == NULL)
        return PANOS_E_INVALID_ARG;
    rc = derive_key(aes_key, master_key);
    if (rc != PANOS_OK)
        return rc;
    norm = normalise_key(key, &norm_len);
    if (norm == NULL) {
        rc = PANOS_E_NOMEM;
        goto done;
    }
    rc = b64_decode(&inner, &inner_len, norm, norm_len);
    if (rc == PANOS_E_PARSE) {
        rc = PANOS_OK; /* not base64: unrecognised */
        goto done;
    }
    if (rc != PANOS_OK)
        goto done;
    if (memchr(inner, '\0', inner_len) != NULL)
        goto done; /* binary: certificate-style key or garbage */
    rc = open_inner(&pt, &pt_len, (const char *)inner, inner_len, aes_key);
    if (rc == PANOS_E_PARSE) {
        /* No "-AQ==" prefix, or a broken body after it: not an envelope we know. */
        rc = PANOS_OK;
        goto done;
    }
    out->format = PANOS_APIKEY_ENVELOPE;
    if (rc == PANOS_E_AUTH) {
        rc = PANOS_OK; /* an envelope, but not for this master key */
        goto done;
    }
    if (rc != PANOS_OK)
        goto done;
    out->opened = 1;
    rc = parse_plaintext(out, (const char *)pt, pt_len);
done:
    if (rc != PANOS_OK)
        panos_apikey_info_clear(out);
    if (pt != NULL) {
        panos_wipe(pt, pt_len);
        free(pt);
    }
    if (inner != NULL) {
        panos_wipe(inner, inner_len);
        free(inner);
    }
    if (norm != NULL) {
        panos_wipe(norm, norm_len);
        free(norm);
    }
    panos_wipe(aes_key, sizeof(aes_key));
    return rc;
}

void panos_apikey_info_clear(panos_apikey_info *info)
{
    if (info == NULL)
        return;
    panos_free_secret(info->user);
    panos_free_secret(info->password);
    memset(info, 0, sizeof(*info));
}

panos_code panos_apikey_mint(panos_buf *out, const char *user, const char *password,
                             const char *master_key, long long now_ms, long lifetime_min, int pre90)
{
    PANOS_ASSERT(out != NULL);
    unsigned char aes_key[AES_KEY_LEN];
    panos__sb pt = PANOS__SB_INIT, inner = PANOS__SB_INIT, key = PANOS__SB_INIT;
    panos_code rc;

    if (out == NULL)
        return PANOS_E_INVALID_ARG;
    out->ptr = NULL;
    out->size = 0;
    /* A ':' in the user would move the split point on decode (PAN KB kA14u0000004LqvCAE). */
    if (user == NULL || password == NULL || strchr(user, ':') != NULL)
        return PANOS_E_INVALID_ARG;
    if (!pre90 &&
        (now_ms < 0 || lifetime_min < 0 || (long long)lifetime_min > (LLONG_MAX - now_ms) / 60000))
        return PANOS_E_INVALID_ARG;
    rc = derive_key(aes_key, master_key);
    if (rc != PANOS_OK)
        return rc;

    panos__sb_puts(&pt, user);
    panos__sb_append(&pt, ":", 1);
    panos__sb_puts(&pt, password);
    if (!pre90) {
        panos__sb_append(&pt, SEP, SEP_LEN);
        if (lifetime_min == 0)
            panos__sb_puts(&pt, "-1");
        else
            /* PAN-OS prints the expiry as "%.12G" of epoch ms: exact to 10 ms (PAN-OS 9.0 release
             * notes; keys in the yaklin.ca blog). */
            panos__sb_printf(&pt, "%.12G", (double)(now_ms + (long long)lifetime_min * 60000));
        panos__sb_append(&pt, SEP, SEP_LEN);
        panos__sb_printf(&pt, "%lld", now_ms / 1000);
    }
    if (pt.failed) {
        rc = PANOS_E_NOMEM;
        goto done;
    }
    rc = seal(&inner, (const unsigned char *)pt.ptr, pt.len, aes_key);
    if (rc != PANOS_OK)
        goto done;
    b64_append(&key, (const unsigned char *)inner.ptr, inner.len);
    rc = panos__sb_finish(&key, out);
done:
    panos__sb_dispose(&pt, 1);
    panos__sb_dispose(&inner, 1);
    panos__sb_dispose(&key, 1);
    panos_wipe(aes_key, sizeof(aes_key));
    return rc;
}

panos_code panos_envelope_encrypt(panos_buf *out, const char *plaintext, size_t len,
                                  const char *master_key)
{
    PANOS_ASSERT(out != NULL);
    unsigned char aes_key[AES_KEY_LEN];
    panos__sb inner = PANOS__SB_INIT;
    panos_code rc;

    if (out == NULL)
        return PANOS_E_INVALID_ARG;
    out->ptr = NULL;
    out->size = 0;
    if (plaintext == NULL && len != 0)
        return PANOS_E_INVALID_ARG;
    rc = derive_key(aes_key, master_key);
    if (rc != PANOS_OK)
        return rc;
    rc = seal(&inner, (const unsigned char *)(plaintext != NULL ? plaintext : ""), len, aes_key);
    if (rc == PANOS_OK)
        rc = panos__sb_finish(&inner, out);
    panos__sb_dispose(&inner, 1);
    panos_wipe(aes_key, sizeof(aes_key));
    return rc;
}

panos_code panos_envelope_decrypt(panos_buf *out, const char *inner, const char *master_key)
{
    PANOS_ASSERT(out != NULL);
    unsigned char aes_key[AES_KEY_LEN];
    unsigned char *pt = NULL;
    size_t pt_len = 0;
    panos_code rc;

    if (out == NULL)
        return PANOS_E_INVALID_ARG;
    out->ptr = NULL;
    out->size = 0;
    if (inner == NULL)
        return PANOS_E_INVALID_ARG;
    rc = derive_key(aes_key, master_key);
    if (rc != PANOS_OK)
        return rc;
    rc = open_inner(&pt, &pt_len, inner, strlen(inner), aes_key);
    panos_wipe(aes_key, sizeof(aes_key));
    if (rc != PANOS_OK)
        return rc;
    out->ptr = (char *)pt;
    out->size = pt_len;
    return PANOS_OK;
}
