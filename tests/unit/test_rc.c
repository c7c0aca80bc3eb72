/* SPDX-License-Identifier: MIT */
/* test_rc.c -- .panrc parsing, permission refusals, secret files and atomic writes. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <panos/rc.h>
#include "check.h"

static char dir[64];
static char err[512];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/test_rc.XXXXXX");
    return mkdtemp(dir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    if (d != NULL) {
        struct dirent *e;
        char p[512];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    return rmdir(dir);
}

/* Write @p text to dir/name with @p mode (set with chmod so the umask does not matter). */
static const char *put(const char *name, const char *text, mode_t mode)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    CHECK_EQ(0, chmod(path, mode));
    return path;
}

static const char panrc[] = "# panrc for the lab\n"
                            "\n"
                            "hostname=192.0.2.1\n"
                            "   api_key  =  LUFRPT1abc==%2B/x=  \n"
                            "port=8443\r\n"
                            "hostname%lab=fw-lab.example\n"
                            "api_key%lab=a%b=c\n"
                            "serial%other=0001\n"
                            "  # api_key=commented\n"
                            "#serial=0002\n"
                            "not a setting\n"
                            "api_key%port=SECRET\n"
                            "last=no newline";

static void test_untagged(void **state)
{
    (void)state;
    panos_rc *rc = NULL;
    CHECK_OK(panos_rc_load(&rc, put("panrc", panrc, 0600), NULL, err, sizeof(err)));
    CHECK_STR("192.0.2.1", panos_rc_get(rc, "hostname"));
    CHECK_STR("LUFRPT1abc==%2B/x=", panos_rc_get(rc, "api_key"));
    /* The CR is trimmed, and "api_key%port=" does not leak into "port" (pan-python does). */
    CHECK_STR("8443", panos_rc_get(rc, "port"));
    CHECK_TRUE(panos_rc_get(rc, "serial") == NULL);
    CHECK_STR("no newline", panos_rc_get(rc, "last"));
    CHECK_TRUE(panos_rc_get(rc, "not a setting") == NULL);
    CHECK_TRUE(panos_rc_get(rc, "absent") == NULL);
    panos_rc_free(rc);
    panos_rc_free(NULL);
}

static void test_tagged(void **state)
{
    (void)state;
    panos_rc *rc = NULL;
    CHECK_OK(panos_rc_load(&rc, put("panrc", panrc, 0600), "lab", err, sizeof(err)));
    CHECK_STR("fw-lab.example", panos_rc_get(rc, "hostname"));
    CHECK_STR("a%b=c", panos_rc_get(rc, "api_key"));
    CHECK_TRUE(panos_rc_get(rc, "port") == NULL);
    CHECK_TRUE(panos_rc_get(rc, "serial") == NULL);
    CHECK_EQ(2, panos_rc_count(rc));
    panos_rc_free(rc);
    /* A tag with no line at all: loaded, but empty (panctl says the tag is not there). */
    CHECK_OK(panos_rc_load(&rc, put("panrc", panrc, 0600), "nosuch", err, sizeof(err)));
    CHECK_EQ(0, panos_rc_count(rc));
    panos_rc_free(rc);
    CHECK_EQ(0, panos_rc_count(NULL));

    CHECK_OK(panos_rc_load(&rc, put("panrc", panrc, 0400), "port", err, sizeof(err)));
    CHECK_STR("SECRET", panos_rc_get(rc, "api_key"));
    CHECK_TRUE(panos_rc_get(rc, "hostname") == NULL);
    panos_rc_free(rc);

    /* Empty file, and a repeated variable (the last one wins). */
    CHECK_OK(panos_rc_load(&rc, put("empty", "", 0600), NULL, err, sizeof(err)));
    CHECK_TRUE(panos_rc_get(rc, "hostname") == NULL);
    panos_rc_free(rc);
    CHECK_OK(panos_rc_load(&rc, put("dup", "port=1\nport=2\n", 0600), NULL, err, sizeof(err)));
    CHECK_STR("2", panos_rc_get(rc, "port"));
    panos_rc_free(rc);
}

static void test_rc_errors(void **state)
{
    (void)state;
    panos_rc *rc = (panos_rc *)&rc;
    char path[512];
    snprintf(path, sizeof(path), "%s/missing", dir);
    CHECK_CODE(PANOS_E_NOT_FOUND, panos_rc_load(&rc, path, NULL, err, sizeof(err)));
    CHECK_TRUE(rc == NULL);
    CHECK_TRUE(strstr(err, path) != NULL);

    const char *p = put("open", panrc, 0644);
    CHECK_CODE(PANOS_E_IO, panos_rc_load(&rc, p, NULL, err, sizeof(err)));
    CHECK_TRUE(strstr(err, "readable by others (mode 0644)") != NULL);
    CHECK_TRUE(strstr(err, "chmod 600 ") != NULL);
    CHECK_TRUE(strstr(err, p) != NULL);
    CHECK_TRUE(strchr(err, '\n') == NULL);
    p = put("group", panrc, 0640);
    CHECK_CODE(PANOS_E_IO, panos_rc_load(&rc, p, "lab", err, sizeof(err)));
    CHECK_TRUE(strstr(err, "readable by group (mode 0640)") != NULL);
    /* A path that needs quoting is quoted in the suggested command. */
    p = put("my panrc", panrc, 0604);
    CHECK_CODE(PANOS_E_IO, panos_rc_load(&rc, p, NULL, err, sizeof(err)));
    char want[600];
    snprintf(want, sizeof(want), "run: chmod 600 '%s'", p);
    CHECK_STR(want, strstr(err, "run: "));

    p = put("panrc", panrc, 0600);
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_rc_load(&rc, p, "bad tag", err, sizeof(err)));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_rc_load(&rc, p, "a%b", err, sizeof(err)));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_rc_load(&rc, p, "", err, sizeof(err)));
    CHECK_OK(panos_rc_load(&rc, p, "Lab_2-x", err, sizeof(err)));
    panos_rc_free(rc);
    /* A directory cannot be read. */
    CHECK_EQ(0, chmod(dir, 0700));
    CHECK_CODE(PANOS_E_IO, panos_rc_load(&rc, dir, NULL, err, sizeof(err)));
}

/* Writable by group or others is refused like readable: whoever writes it picks the host or key. */
static void test_writable_refused(void **state)
{
    (void)state;
    panos_rc *rc = NULL;
    const char *p = put("gw", panrc, 0620);
    CHECK_CODE(PANOS_E_IO, panos_rc_load(&rc, p, NULL, err, sizeof(err)));
    CHECK_TRUE(strstr(err, "writable by group (mode 0620)") != NULL);
    CHECK_TRUE(strstr(err, "chmod 600 ") != NULL);
    CHECK_TRUE(rc == NULL);
    p = put("ow", panrc, 0602);
    CHECK_CODE(PANOS_E_IO, panos_rc_load(&rc, p, "lab", err, sizeof(err)));
    CHECK_TRUE(strstr(err, "writable by others (mode 0602)") != NULL);
    p = put("gow", panrc, 0622);
    CHECK_CODE(PANOS_E_IO, panos_rc_load(&rc, p, NULL, err, sizeof(err)));
    CHECK_TRUE(strstr(err, "writable by others (mode 0622)") != NULL);
    panos_buf b = PANOS_BUF_INIT;
    CHECK_CODE(PANOS_E_IO, panos_secret_read_file(&b, put("k", "k\n", 0622), err, sizeof(err)));
    CHECK_TRUE(strstr(err, "writable by others (mode 0622)") != NULL);
    CHECK_TRUE(b.ptr == NULL);
    CHECK_CODE(PANOS_E_IO, panos_secret_read_file(&b, put("k2", "k\n", 0610), err, sizeof(err)));
    CHECK_TRUE(strstr(err, "accessible by group (mode 0610)") != NULL);
    CHECK_OK(panos_secret_read_file(&b, put("k3", "k\n", 0700), err, sizeof(err)));
    panos_buf_dispose_secret(&b);
}

static void secret_ok(const char *text, const char *want)
{
    panos_buf b = PANOS_BUF_INIT;
    CHECK_OK(panos_secret_read_file(&b, put("key", text, 0600), err, sizeof(err)));
    CHECK_STR(want, b.ptr);
    CHECK_EQ(strlen(want), b.size);
    panos_buf_dispose_secret(&b);
}

static void test_secret(void **state)
{
    (void)state;
    secret_ok("LUFRPT1abc==\n", "LUFRPT1abc==");
    secret_ok("LUFRPT1abc==", "LUFRPT1abc==");
    secret_ok("p@ss word\r\nsecond line\n", "p@ss word");
    secret_ok(" spaced \n", " spaced ");

    panos_buf b = PANOS_BUF_INIT;
    CHECK_CODE(PANOS_E_IO, panos_secret_read_file(&b, put("key", "", 0600), err, sizeof(err)));
    CHECK_TRUE(strstr(err, "empty") != NULL);
    CHECK_CODE(PANOS_E_IO,
               panos_secret_read_file(&b, put("key", "\nkey\n", 0600), err, sizeof(err)));
    CHECK_CODE(PANOS_E_IO, panos_secret_read_file(&b, put("key", "\r\n", 0600), err, sizeof(err)));
    CHECK_CODE(PANOS_E_IO, panos_secret_read_file(&b, put("key", "k\n", 0644), err, sizeof(err)));
    CHECK_TRUE(strstr(err, "chmod 600") != NULL);
    CHECK_TRUE(b.ptr == NULL);
    char path[512];
    snprintf(path, sizeof(path), "%s/missing", dir);
    CHECK_CODE(PANOS_E_NOT_FOUND, panos_secret_read_file(&b, path, err, sizeof(err)));
}

static void test_secret_stdin(void **state)
{
    (void)state;
    /* "-" reads stdin, whose permissions are not checked. */
    const char *p = put("stdin", "from-stdin\r\nrest\n", 0644);
    int saved = dup(STDIN_FILENO);
    int fd = open(p, O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    CHECK_EQ(STDIN_FILENO, dup2(fd, STDIN_FILENO));
    close(fd);
    panos_buf b = PANOS_BUF_INIT;
    panos_code rc = panos_secret_read_file(&b, "-", err, sizeof(err));
    dup2(saved, STDIN_FILENO);
    close(saved);
    CHECK_OK(rc);
    CHECK_STR("from-stdin", b.ptr);
    panos_buf_dispose_secret(&b);
}

static int count_entries(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void test_write_atomic(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof(path), "%s/out.key", dir);
    mode_t old = umask(022);
    CHECK_OK(panos_file_write_atomic(path, "abc\n", 4, 0600, err, sizeof(err)));
    struct stat st;
    CHECK_EQ(0, stat(path, &st));
    CHECK_EQ(0600, st.st_mode & 07777);
    CHECK_EQ(4, st.st_size);
    /* Replacing keeps the requested mode even when the old file had another one. */
    CHECK_EQ(0, chmod(path, 0644));
    CHECK_OK(panos_file_write_atomic(path, "replaced", 8, 0600, err, sizeof(err)));
    CHECK_EQ(0, stat(path, &st));
    CHECK_EQ(0600, st.st_mode & 07777);
    /* The written file reads back as a secret. */
    panos_buf b = PANOS_BUF_INIT;
    CHECK_OK(panos_secret_read_file(&b, path, err, sizeof(err)));
    CHECK_STR("replaced", b.ptr);
    panos_buf_dispose_secret(&b);
    /* An empty write and a wider mode also work; umask 077 does not narrow the mode either. */
    umask(077);
    CHECK_OK(panos_file_write_atomic(path, NULL, 0, 0644, err, sizeof(err)));
    CHECK_EQ(0, stat(path, &st));
    CHECK_EQ(0644, st.st_mode & 07777);
    CHECK_EQ(0, st.st_size);
    umask(old);
    CHECK_EQ(1, count_entries()); /* no temp file left behind */

    /* Missing directory: PANOS_E_IO naming the path and the reason, and no temp file. */
    snprintf(path, sizeof(path), "%s/nodir/out.key", dir);
    CHECK_CODE(PANOS_E_IO, panos_file_write_atomic(path, "x", 1, 0600, err, sizeof(err)));
    CHECK_TRUE(strstr(err, path) != NULL);
    CHECK_TRUE(strstr(err, "No such file or directory") != NULL);
    CHECK_EQ(1, count_entries());
    /* The target is a directory: rename fails and the temp file is removed. */
    snprintf(path, sizeof(path), "%s/sub", dir);
    CHECK_EQ(0, mkdir(path, 0700));
    char inner[600];
    snprintf(inner, sizeof(inner), "%s/f", path);
    put("sub/f", "x", 0600);
    CHECK_CODE(PANOS_E_IO, panos_file_write_atomic(path, "x", 1, 0600, err, sizeof(err)));
    CHECK_TRUE(strstr(err, path) != NULL);
    CHECK_EQ(2, count_entries());
    unlink(inner);
    rmdir(path);
}

static void test_rc_set(void **state)
{
    (void)state;
    const char *path = put("panrc", "# lab\napi_key%lab=OLD\nhostname%lab=192.0.2.1\n"
                                    "api_key%lab=DUPLICATE\napi_key=untagged\n",
                           0644);
    CHECK_OK(panos_rc_set(path, "api_key", "lab", "NEW", err, sizeof(err)));
    panos_buf b = PANOS_BUF_INIT;
    CHECK_OK(panos_secret_read_file(&b, path, err, sizeof(err))); /* now 0600 */
    panos_buf_dispose_secret(&b);
    FILE *f = fopen(path, "r");
    char text[256] = "";
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    /* Replaced in place, the duplicate dropped, every other line kept. */
    CHECK_STR("# lab\napi_key%lab=NEW\nhostname%lab=192.0.2.1\napi_key=untagged\n", text);
    panos_rc *rc = NULL;
    CHECK_OK(panos_rc_load(&rc, path, "lab", err, sizeof(err)));
    CHECK_STR("NEW", panos_rc_get(rc, "api_key"));
    panos_rc_free(rc);
    /* Appended to a file without a final newline, and created when missing. */
    path = put("panrc2", "hostname=x", 0600);
    CHECK_OK(panos_rc_set(path, "api_key", NULL, "K", err, sizeof(err)));
    f = fopen(path, "r");
    n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    CHECK_STR("hostname=x\napi_key=K\n", text);
    char fresh[512];
    snprintf(fresh, sizeof(fresh), "%s/fresh", dir);
    CHECK_OK(panos_rc_set(fresh, "api_key", "t1", "V", err, sizeof(err)));
    CHECK_OK(panos_rc_load(&rc, fresh, "t1", err, sizeof(err)));
    CHECK_STR("V", panos_rc_get(rc, "api_key"));
    panos_rc_free(rc);
    /* A newline in the value or a bad tag is refused. */
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_rc_set(fresh, "api_key", "t1", "a\nb", err, sizeof(err)));
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_rc_set(fresh, "api_key", "a b", "v", err, sizeof(err)));
}

static const char *slurp(const char *path)
{
    static char text[512];
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

/* A tag's lines change together: set in place or appended, removed, or nothing written. */
static void test_rc_update(void **state)
{
    (void)state;
    const char *path = put("panrc", "# lab\napi_key%lab=OLD\nhostname%lab=192.0.2.1\n"
                                    "port%lab=8443\napi_key=untagged\nport%lab=9\n"
                                    "port=1\nserial%lab=S\n",
                           0600);
    panos_rc_var set[] = {{"api_key", "NEW"}, {"hostname", "127.0.0.1"}, {"api_username", "u"}};
    const char *unset[] = {"port"};
    CHECK_OK(panos_rc_update(path, "lab", set, 3, unset, 1, err, sizeof(err)));
    CHECK_STR("# lab\napi_key%lab=NEW\nhostname%lab=127.0.0.1\napi_key=untagged\nport=1\n"
              "serial%lab=S\napi_username%lab=u\n",
              slurp(path));
    struct stat st;
    CHECK_EQ(0, stat(path, &st));
    CHECK_EQ(0600, st.st_mode & 07777);

    /* All or nothing: one bad value and the file is not touched. */
    panos_rc_var bad[] = {{"api_key", "NEWER"}, {"hostname", "a\nport%lab=1"}};
    panos_code code = panos_rc_update(path, "lab", bad, 2, NULL, 0, err, sizeof(err));
    CHECK_CODE(PANOS_E_INVALID_ARG, code);
    CHECK_TRUE(strstr(slurp(path), "api_key%lab=NEW\n") != NULL);
    CHECK_TRUE(strstr(slurp(path), "NEWER") == NULL);
    /* A name both set and removed, a bad name or tag, or nothing to do: refused. */
    const char *set_key[] = {"api_key"}, *bad_name[] = {"a b"};
    code = panos_rc_update(path, "lab", set, 1, set_key, 1, err, sizeof(err));
    CHECK_CODE(PANOS_E_INVALID_ARG, code);
    code = panos_rc_update(path, "lab", NULL, 0, bad_name, 1, err, sizeof(err));
    CHECK_CODE(PANOS_E_INVALID_ARG, code);
    code = panos_rc_update(path, "a%b", set, 1, NULL, 0, err, sizeof(err));
    CHECK_CODE(PANOS_E_INVALID_ARG, code);
    code = panos_rc_update(path, "lab", NULL, 0, NULL, 0, err, sizeof(err));
    CHECK_CODE(PANOS_E_INVALID_ARG, code);

    /* Untagged: only untagged lines change. */
    CHECK_OK(panos_rc_update(path, NULL, NULL, 0, unset, 1, err, sizeof(err)));
    CHECK_STR("# lab\napi_key%lab=NEW\nhostname%lab=127.0.0.1\napi_key=untagged\n"
              "serial%lab=S\napi_username%lab=u\n",
              slurp(path));
    /* A missing file is created 0600 with the set lines. */
    char fresh[512];
    snprintf(fresh, sizeof(fresh), "%s/fresh-update", dir);
    CHECK_OK(panos_rc_update(fresh, "t", set, 2, unset, 1, err, sizeof(err)));
    CHECK_STR("api_key%t=NEW\nhostname%t=127.0.0.1\n", slurp(fresh));
    CHECK_EQ(0, stat(fresh, &st));
    CHECK_EQ(0600, st.st_mode & 07777);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_untagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rc_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writable_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secret, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secret_stdin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rc_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rc_update, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
