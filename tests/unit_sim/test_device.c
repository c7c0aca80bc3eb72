/* SPDX-License-Identifier: MIT */
/* test_device.c -- pansim's device: keygen, key checks and the API-key lifecycle hooks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <panos/apikey.h>
#include <panos/buf.h>
#include "check.h"
#include "sim.h"

#define INVALID_CREDENTIAL                                                                         \
    "<response status = 'error' code = '403'><result><msg>Invalid Credential</msg></result>"       \
    "</response>"

/* The injected device clock (epoch ms). */
static long long clk;

static long long test_clock(void)
{
    return clk;
}

static long long real_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct fx {
    char dir[64];
    char users[96];
    struct sim_device *dev;
};

static void setup_dev(struct fx *f, const char *users, int revokes, long lifetime)
{
    char err[256] = "";
    memset(f, 0, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/test_device.XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        fail_msg("mkdtemp failed");
    snprintf(f->users, sizeof(f->users), "%s/users", f->dir);
    FILE *u = fopen(f->users, "w");
    CHECK_TRUE(u != NULL);
    fputs(users, u);
    fclose(u);
    clk = real_ms();
    struct sim_device_options o = {0};
    o.users_file = f->users;
    o.log_count = 100;
    o.log_rate = 0;
    o.seed = 1;
    o.keygen_revokes = revokes;
    o.key_lifetime_min = lifetime;
    o.now_ms = test_clock;
    if (sim_device_new(&f->dev, &o, err, sizeof(err)) != 0)
        fail_msg("sim_device_new: %s", err);
}

static void teardown_dev(struct fx *f)
{
    sim_device_free(f->dev);
    unlink(f->users);
    rmdir(f->dir);
}

/* One request: @p kv is name,value,...,NULL. */
static void call(struct fx *f, const char *method, const char *path, const char *key,
                 const char *cookie, struct sim_reply *r, const char *const *kv)
{
    struct sim_param ps[8];
    size_t n = 0;
    for (; kv[2 * n] != NULL; n++) {
        ps[n].name = (char *)kv[2 * n];
        ps[n].value = (char *)kv[2 * n + 1];
    }
    struct sim_request req = {0};
    req.method = method;
    req.path = path;
    req.params = ps;
    req.nparams = n;
    req.key = key;
    req.auth = key ? SIM_AUTH_HEADER : cookie ? SIM_AUTH_COOKIE : SIM_AUTH_NONE;
    req.cookie = cookie;
    memset(r, 0, sizeof(*r));
    r->status = 200;
    sim_device_handle(f->dev, &req, r);
    CHECK_TRUE(r->body != NULL);
}

static void reply_free(struct sim_reply *r)
{
    free(r->body);
    free(r->set_cookie);
    memset(r, 0, sizeof(*r));
}

/* Keygen; on 200 copies the key into @p key and the session id into @p sid. Returns the status. */
static unsigned keygen(struct fx *f, const char *user, const char *pw, char key[512],
                       char sid[33])
{
    struct sim_reply r;
    const char *kv[] = {"type", "keygen", "user", user, "password", pw, NULL};
    call(f, "POST", "/api/", NULL, NULL, &r, kv);
    unsigned st = r.status;
    if (st == 200) {
        const char *a = strstr(r.body, "<key>"), *b = strstr(r.body, "</key>");
        CHECK_TRUE(strncmp(r.body, "<response status = 'success'><result><key>", 42) == 0);
        CHECK_TRUE(a && b && b - a - 5 < 512);
        snprintf(key, 512, "%.*s", (int)(b - a - 5), a + 5);
        CHECK_TRUE(r.set_cookie != NULL);
        CHECK_TRUE(strncmp(r.set_cookie, "PHPSESSID=", 10) == 0);
        CHECK_STR("; path=/; secure; HttpOnly", r.set_cookie + 42);
        for (int i = 0; i < 32; i++)
            CHECK_TRUE(strchr("0123456789abcdef", r.set_cookie[10 + i]) != NULL);
        snprintf(sid, 33, "%.32s", r.set_cookie + 10);
    } else {
        CHECK_EQ(403, st);
        CHECK_STR(INVALID_CREDENTIAL, r.body);
        CHECK_TRUE(r.set_cookie == NULL);
    }
    reply_free(&r);
    return st;
}

/* type=version with @p key (and @p cookie); returns the status, checking the 403 body. */
static unsigned use(struct fx *f, const char *key, const char *cookie)
{
    struct sim_reply r;
    const char *kv[] = {"type", "version", NULL};
    call(f, "GET", "/api/", key, cookie, &r, kv);
    unsigned st = r.status;
    if (st == 403)
        CHECK_STR(INVALID_CREDENTIAL, r.body);
    else if (st == 200)
        CHECK_TRUE(strstr(r.body, "<sw-version>") != NULL);
    reply_free(&r);
    return st;
}

/* POST /pansim/admin; returns the status, checking "ok\n" on 200 and text/plain. */
static unsigned control(struct fx *f, const char *const *kv)
{
    struct sim_reply r;
    call(f, "POST", "/pansim/admin", NULL, NULL, &r, kv);
    unsigned st = r.status;
    CHECK_STR("text/plain", r.content_type);
    if (st == 200)
        CHECK_STR("ok\n", r.body);
    else
        CHECK_TRUE(strchr(r.body, '\n') == r.body + r.len - 1);
    reply_free(&r);
    return st;
}

#define USERS "admin:admin\nops:Tok:en1:otp\nbob:s3cret\n"

static void test_keygen_and_key(void **state)
{
    (void)state;
    struct fx f;
    char key[512], sid[33];
    setup_dev(&f, USERS, 0, 0);
    CHECK_EQ(403, keygen(&f, "admin", "wrong", key, sid));
    CHECK_EQ(403, keygen(&f, "nobody", "admin", key, sid));
    CHECK_EQ(200, keygen(&f, "admin", "admin", key, sid));
    CHECK_EQ(200, use(&f, key, NULL));
    CHECK_EQ(403, use(&f, NULL, NULL));
    CHECK_EQ(403, use(&f, "LUFRPT0xbm90YWtleQ==", NULL));
    /* a normal user's key works without its cookie and after a later keygen */
    char key2[512], sid2[33];
    clk += 2000;
    CHECK_EQ(200, keygen(&f, "admin", "admin", key2, sid2));
    CHECK_TRUE(strcmp(sid, sid2) != 0);
    CHECK_EQ(200, use(&f, key, NULL));
    CHECK_EQ(200, use(&f, key2, NULL));
    struct sim_reply r;
    const char *kv[] = {"type", "keygen", "user", "admin", NULL};
    call(&f, "POST", "/api/", NULL, NULL, &r, kv);
    CHECK_EQ(400, r.status);
    CHECK_STR("<response status = 'error' code = '400'><result><msg>Missing parameter "
              "&quot;password&quot;</msg></result></response>",
              r.body);
    reply_free(&r);
    teardown_dev(&f);
}

static void test_expire_all(void **state)
{
    (void)state;
    struct fx f;
    char key[512], sid[33];
    panos_buf old = PANOS_BUF_INIT;
    setup_dev(&f, USERS, 0, 0);
    CHECK_OK(panos_apikey_mint(&old, "admin", "admin", PANOS_APIKEY_DEFAULT_MASTER_KEY, clk, 0,
                               1));
    CHECK_EQ(200, keygen(&f, "admin", "admin", key, sid));
    CHECK_EQ(200, use(&f, key, NULL));
    CHECK_EQ(200, use(&f, old.ptr, NULL));
    clk += 1000;
    const char *kv[] = {"action", "expire-all", NULL};
    CHECK_EQ(200, control(&f, kv));
    CHECK_EQ(403, use(&f, key, NULL));
    char cookie[64];
    snprintf(cookie, sizeof(cookie), "PHPSESSID=%s", sid);
    CHECK_EQ(403, use(&f, key, cookie)); /* the session ended too */
    CHECK_EQ(403, use(&f, old.ptr, NULL)); /* pre-9.0 keys too */
    /* a keygen in the same second still gives a working key */
    CHECK_EQ(200, keygen(&f, "admin", "admin", key, sid));
    CHECK_EQ(200, use(&f, key, NULL));
    clk += 1000;
    CHECK_EQ(200, use(&f, key, NULL));
    panos_buf_dispose_secret(&old);
    teardown_dev(&f);
}

static void test_password_change(void **state)
{
    (void)state;
    struct fx f;
    char key[512], sid[33];
    setup_dev(&f, USERS, 0, 0);
    CHECK_EQ(200, keygen(&f, "bob", "s3cret", key, sid));
    const char *chg[] = {"action", "set-password", "user", "bob", "password", "n3w", NULL};
    CHECK_EQ(200, control(&f, chg));
    CHECK_EQ(403, use(&f, key, NULL));
    CHECK_EQ(403, keygen(&f, "bob", "s3cret", key, sid));
    const char *back[] = {"action", "set-password", "user", "bob", "password", "s3cret", NULL};
    CHECK_EQ(200, control(&f, back));
    CHECK_EQ(200, use(&f, key, NULL));
    const char *nouser[] = {"action", "set-password", "user", "eve", "password", "x", NULL};
    CHECK_EQ(400, control(&f, nouser));
    const char *nopw[] = {"action", "set-password", "user", "bob", NULL};
    CHECK_EQ(400, control(&f, nopw));
    teardown_dev(&f);
}

static void test_master_key_change(void **state)
{
    (void)state;
    struct fx f;
    char key[512], sid[33], key2[512];
    setup_dev(&f, USERS, 0, 0);
    CHECK_EQ(200, keygen(&f, "admin", "admin", key, sid));
    const char *bad[] = {"action", "set-master-key", "key", "short", NULL};
    CHECK_EQ(400, control(&f, bad));
    CHECK_EQ(200, use(&f, key, NULL));
    const char *mk[] = {"action", "set-master-key", "key", "1234567812345678", NULL};
    CHECK_EQ(200, control(&f, mk));
    CHECK_EQ(403, use(&f, key, NULL));
    CHECK_EQ(200, keygen(&f, "admin", "admin", key2, sid));
    CHECK_EQ(200, use(&f, key2, NULL));
    panos_apikey_info info;
    CHECK_OK(panos_apikey_decode(&info, key2, "1234567812345678"));
    CHECK_EQ(1, info.opened);
    panos_apikey_info_clear(&info);
    teardown_dev(&f);
}

static void test_otp(void **state)
{
    (void)state;
    struct fx f;
    char key[512], sid[33], key2[512], sid2[33], cookie[96];
    setup_dev(&f, USERS, 0, 0);
    CHECK_EQ(200, keygen(&f, "ops", "Tok:en1", key, sid));
    CHECK_EQ(403, keygen(&f, "ops", "Tok:en1", key2, sid2)); /* spent */
    CHECK_EQ(403, use(&f, key, NULL));
    snprintf(cookie, sizeof(cookie), "lang=en; PHPSESSID=%s", sid);
    CHECK_EQ(200, use(&f, key, cookie));
    CHECK_EQ(403, use(&f, key, "PHPSESSID=00000000000000000000000000000000"));
    /* another user's session does not open ops' key */
    char akey[512], asid[33], acookie[64];
    CHECK_EQ(200, keygen(&f, "admin", "admin", akey, asid));
    snprintf(acookie, sizeof(acookie), "PHPSESSID=%s", asid);
    CHECK_EQ(403, use(&f, key, acookie));
    CHECK_EQ(200, use(&f, akey, acookie));
    CHECK_EQ(200, use(&f, key, cookie));
    /* end-sessions for ops ends only ops' session */
    const char *end[] = {"action", "end-sessions", "user", "ops", NULL};
    CHECK_EQ(200, control(&f, end));
    CHECK_EQ(403, use(&f, key, cookie));
    CHECK_EQ(200, use(&f, akey, acookie));
    /* a new one-time password (set-password) gives one more keygen */
    const char *chg[] = {"action", "set-password", "user", "ops", "password", "987654", NULL};
    CHECK_EQ(200, control(&f, chg));
    CHECK_EQ(200, keygen(&f, "ops", "987654", key2, sid2));
    snprintf(cookie, sizeof(cookie), "PHPSESSID=%s", sid2);
    CHECK_EQ(200, use(&f, key2, cookie));
    CHECK_EQ(403, keygen(&f, "ops", "987654", key, sid));
    CHECK_EQ(200, use(&f, key2, cookie)); /* a refused keygen ends no session */
    const char *all[] = {"action", "end-sessions", NULL};
    CHECK_EQ(200, control(&f, all));
    CHECK_EQ(403, use(&f, key2, cookie));
    CHECK_EQ(200, use(&f, akey, NULL));
    teardown_dev(&f);
}

static void test_keygen_revokes(void **state)
{
    (void)state;
    struct fx f;
    char k1[512], k2[512], k3[512], b1[512], sid[33];
    for (int revokes = 0; revokes <= 1; revokes++) {
        setup_dev(&f, USERS, revokes, 0);
        CHECK_EQ(200, keygen(&f, "admin", "admin", k1, sid));
        CHECK_EQ(200, keygen(&f, "bob", "s3cret", b1, sid));
        CHECK_EQ(200, keygen(&f, "admin", "admin", k2, sid)); /* same second */
        clk += 1500;
        CHECK_EQ(200, keygen(&f, "admin", "admin", k3, sid));
        CHECK_EQ(revokes ? 403 : 200, use(&f, k1, NULL));
        CHECK_EQ(revokes ? 403 : 200, use(&f, k2, NULL));
        CHECK_EQ(200, use(&f, k3, NULL));
        CHECK_EQ(200, use(&f, b1, NULL)); /* other users keep theirs */
        teardown_dev(&f);
    }
}

static void test_expired_key(void **state)
{
    (void)state;
    struct fx f;
    char key[512], sid[33], want[1024];
    panos_buf old = PANOS_BUF_INIT;
    setup_dev(&f, USERS, 0, 1);
    CHECK_OK(panos_apikey_mint(&old, "admin", "admin", PANOS_APIKEY_DEFAULT_MASTER_KEY,
                               clk - 120000, 1, 0));
    struct sim_reply r;
    const char *kv[] = {"type", "version", NULL};
    call(&f, "GET", "/api/", old.ptr, NULL, &r, kv);
    CHECK_EQ(400, r.status);
    snprintf(want, sizeof(want),
             "<response status = 'error' code = '400'><result><msg>Key Expired: %s has "
             "expired.</msg></result></response>",
             old.ptr);
    CHECK_STR(want, r.body);
    reply_free(&r);
    CHECK_EQ(200, keygen(&f, "admin", "admin", key, sid));
    CHECK_EQ(200, use(&f, key, NULL));
    clk += 61000;
    call(&f, "GET", "/api/", key, NULL, &r, kv);
    CHECK_EQ(400, r.status);
    reply_free(&r);
    panos_buf_dispose_secret(&old);
    teardown_dev(&f);
}

static void test_control_errors(void **state)
{
    (void)state;
    struct fx f;
    struct sim_reply r;
    setup_dev(&f, USERS, 0, 0);
    const char *none[] = {NULL};
    CHECK_EQ(400, control(&f, none));
    const char *unk[] = {"action", "reboot\nnow", NULL};
    CHECK_EQ(400, control(&f, unk));
    const char *noone[] = {"action", "end-sessions", "user", "eve", NULL};
    CHECK_EQ(400, control(&f, noone));
    const char *kv[] = {"action", "expire-all", NULL};
    call(&f, "GET", "/pansim/admin", NULL, NULL, &r, kv);
    CHECK_EQ(400, r.status);
    CHECK_STR("text/plain", r.content_type);
    reply_free(&r);
    call(&f, "POST", "/pansim/other", NULL, NULL, &r, kv);
    CHECK_EQ(404, r.status);
    reply_free(&r);
    teardown_dev(&f);
}

static void test_users_file_errors(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_device.XXXXXX", path[64], err[256] = "";
    struct sim_device *dev = NULL;
    CHECK_TRUE(mkdtemp(dir) != NULL);
    snprintf(path, sizeof(path), "%s/users", dir);
    FILE *u = fopen(path, "w");
    CHECK_TRUE(u != NULL);
    fputs("# comment\n:nopass\n", u);
    fclose(u);
    struct sim_device_options o = {0};
    o.users_file = path;
    o.log_count = 10;
    CHECK_EQ(-1, sim_device_new(&dev, &o, err, sizeof(err)));
    CHECK_TRUE(strstr(err, ":2: expected name:password") != NULL);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keygen_and_key),   cmocka_unit_test(test_expire_all),
        cmocka_unit_test(test_password_change),  cmocka_unit_test(test_master_key_change),
        cmocka_unit_test(test_otp),              cmocka_unit_test(test_keygen_revokes),
        cmocka_unit_test(test_expired_key),      cmocka_unit_test(test_control_errors),
        cmocka_unit_test(test_users_file_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
