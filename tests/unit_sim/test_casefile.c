/* SPDX-License-Identifier: MIT */
/* test_casefile.c -- the case file reader (sections, %include, errors) and pansim's replies. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "casefile.h"
#include "script.h"
#include "inject.h"

#define MAX_TMP_FILES 16

/* A private temp directory holding the files a test wrote; removed by tmp_done(). */
struct tmp {
    char dir[64];
    char *files[MAX_TMP_FILES];
    size_t n;
};

static void tmp_init(struct tmp *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/test_casefile.XXXXXX");
    if (!mkdtemp(t->dir))
        fail_msg("mkdtemp failed");
    t->n = 0;
}

/* Write @p len bytes to DIR/NAME (NAME may be "sub/x", the directory is made). Returns the path. */
static const char *tmp_write(struct tmp *t, const char *name, const char *data, size_t len)
{
    CHECK_TRUE(t->n < MAX_TMP_FILES);
    char path[256];
    const char *slash = strchr(name, '/');
    if (slash) {
        snprintf(path, sizeof path, "%s/%.*s", t->dir, (int)(slash - name), name);
        mkdir(path, 0700);
    }
    snprintf(path, sizeof path, "%s/%s", t->dir, name);
    FILE *f = fopen(path, "wb");
    CHECK_TRUE(f != NULL);
    CHECK_EQ(len, fwrite(data, 1, len, f));
    CHECK_EQ(0, fclose(f));
    t->files[t->n] = strdup(path);
    CHECK_TRUE(t->files[t->n] != NULL);
    return t->files[t->n++];
}

static const char *tmp_writes(struct tmp *t, const char *name, const char *text)
{
    return tmp_write(t, name, text, strlen(text));
}

static void tmp_done(struct tmp *t)
{
    char sub[256];
    for (size_t i = 0; i < t->n; i++) {
        unlink(t->files[i]);
        free(t->files[i]);
    }
    snprintf(sub, sizeof sub, "%s/replies", t->dir);
    rmdir(sub);
    CHECK_EQ(0, rmdir(t->dir));
}

static void check_body(const struct case_section *s, const char *expected, size_t len)
{
    CHECK_TRUE(s != NULL);
    if (s->body_len != len || memcmp(expected, s->body, len) != 0)
        fail_msg("%%%% %s: body is %zu bytes '%s', expected %zu bytes '%s'", s->name, s->body_len,
                 s->body, len, expected);
    CHECK_EQ('\0', s->body[len]);
}

static void test_sections(void **state)
{
    (void)state;
    struct tmp t;
    tmp_init(&t);
    static const char inc[] = "<a>\x01\x00z</a>"; /* any bytes, even a NUL, no final newline */
    tmp_write(&t, "replies/x.xml", inc, sizeof inc - 1);
    const char *path = tmp_writes(&t, "c.case",
                                  "\n"
                                  "%% info\n"
                                  "name: x\n"
                                  "%%   reply   1  status=403   reason=\"A B\"  \n"
                                  "%include replies/x.xml%\n"
                                  "%% empty\n"
                                  "%% blank\n"
                                  "\n"
                                  "%% mid\n"
                                  "pre %include replies/x.xml%post 100%\n"
                                  "two\n"
                                  "\n"
                                  "%% last nonewline\n"
                                  "no final newline");
    struct case_file cf;
    char err[256] = "";
    CHECK_EQ(0, case_file_load(&cf, path, err, sizeof err));
    CHECK_EQ(6, cf.count);
    CHECK_STR("info", cf.sections[0].name);
    CHECK_STR("", cf.sections[0].args);
    check_body(&cf.sections[0], "name: x", 7);
    CHECK_STR("reply", cf.sections[1].name);
    CHECK_STR("1  status=403   reason=\"A B\"", cf.sections[1].args);
    check_body(&cf.sections[1], inc, sizeof inc - 1);
    check_body(case_file_find(&cf, "empty"), "", 0);
    check_body(case_file_find(&cf, "blank"), "", 0); /* one empty line, its newline dropped */
    static const char mid[] = "pre <a>\x01\x00z</a>post 100%\ntwo\n";
    check_body(case_file_find(&cf, "mid"), mid, sizeof mid - 1);
    CHECK_STR("nonewline", case_file_find(&cf, "last")->args);
    check_body(case_file_find(&cf, "last"), "no final newline", 16);
    CHECK_TRUE(case_file_find(&cf, "command") == NULL);
    case_file_free(&cf);
    CHECK_EQ(0, cf.count);
    case_file_free(&cf);
    tmp_done(&t);
}

/* Loading @p text must fail with a message naming the file, @p want1 and (unless NULL) @p want2. */
static void load_fails(const char *text, const char *want1, const char *want2)
{
    struct tmp t;
    tmp_init(&t);
    const char *path = tmp_writes(&t, "bad.case", text);
    struct case_file cf;
    char err[256] = "";
    CHECK_EQ(-1, case_file_load(&cf, path, err, sizeof err));
    CHECK_TRUE(strchr(err, '\n') == NULL);
    if (!strstr(err, path) || !strstr(err, want1) || (want2 && !strstr(err, want2)))
        fail_msg("'%s' does not name %s, '%s' and '%s'", err, path, want1, want2 ? want2 : "");
    CHECK_TRUE(cf.sections == NULL && cf.count == 0);
    tmp_done(&t);
}

static void test_case_errors(void **state)
{
    (void)state;
    load_fails("%% info\nx\n%% reply 1\nfoo\n  %include replies/nope.xml%\n", ":5:", "nope.xml");
    load_fails("%% info\n%% reply 1\nab %include replies/x.xml\n", ":3:", "%include");
    load_fails("name: x\n%% info\n", ":1:", "before the first");
    load_fails("%% info\n%%\n", ":2:", "section name");
    load_fails("%% info\n%%reply 1\n", ":2:", "NAME");
    load_fails("", "no %% sections", NULL);

    struct case_file cf;
    char err[256] = "";
    CHECK_EQ(-1, case_file_load(&cf, "/nonexistent/x.case", err, sizeof err));
    CHECK_TRUE(strstr(err, "/nonexistent/x.case: ") == err);
}

static void test_script(void **state)
{
    (void)state;
    struct tmp t;
    tmp_init(&t);
    tmp_writes(&t, "replies/r.xml", "<response status=\"success\"/>");
    const char *path = tmp_writes(&t, "s.case",
                                  "%% info\n"
                                  "name: x\n"
                                  "%% server delay-ms=5 content-type=text/plain\n"
                                  "%% reply 2 status=429 reason=\"Too Many Requests\" "
                                  "retry-after=1 content-type=\"text/html; charset=x\"\n"
                                  "%% reply 1\n"
                                  "%include replies/r.xml%\n"
                                  "%% reply 3 reset=1 delay-ms=0 nonewline\n"
                                  "%% reply 4 truncate=3\n"
                                  "abcdef\n"
                                  "\n"
                                  "%% command\n"
                                  "true\n");
    struct sim_script *s;
    char err[256] = "";
    if (sim_script_load(&s, path, err, sizeof err) != 0)
        fail_msg("%s", err);
    CHECK_TRUE(sim_script_reply_for(s, 0) == NULL);
    CHECK_TRUE(sim_script_reply_for(s, 5) == NULL);

    const struct sim_script_reply *r = sim_script_reply_for(s, 1);
    CHECK_EQ(200, r->status);
    CHECK_TRUE(r->reason == NULL);
    CHECK_STR("text/plain", r->content_type);
    CHECK_EQ(-1, r->retry_after);
    CHECK_EQ(5, r->delay_ms);
    CHECK_EQ(-1, r->truncate);
    CHECK_EQ(0, r->reset);
    CHECK_EQ(28, r->len);
    CHECK_STR("<response status=\"success\"/>", r->body);

    r = sim_script_reply_for(s, 2);
    CHECK_EQ(429, r->status);
    CHECK_STR("Too Many Requests", r->reason);
    CHECK_STR("text/html; charset=x", r->content_type);
    CHECK_EQ(1, r->retry_after);
    CHECK_EQ(0, r->len);
    CHECK_STR("", r->body);

    r = sim_script_reply_for(s, 3);
    CHECK_EQ(1, r->reset);
    CHECK_EQ(0, r->delay_ms);

    r = sim_script_reply_for(s, 4);
    CHECK_EQ(3, r->truncate);
    CHECK_EQ(7, r->len); /* "abcdef\n": the empty last line keeps one newline */
    CHECK_STR("abcdef\n", r->body);
    sim_script_free(s);
    sim_script_free(NULL);

    /* A case without replies loads and answers nothing. */
    path = tmp_writes(&t, "none.case", "%% command\ntrue\n");
    CHECK_EQ(0, sim_script_load(&s, path, err, sizeof err));
    CHECK_TRUE(sim_script_reply_for(s, 1) == NULL);
    sim_script_free(s);
    tmp_done(&t);
}

/* sim_script_load() must refuse @p text with a message holding @p want and the file name. */
static void script_fails(const char *text, const char *want)
{
    struct tmp t;
    tmp_init(&t);
    const char *path = tmp_writes(&t, "bad.case", text);
    struct sim_script *s = (struct sim_script *)&t;
    char err[256] = "";
    CHECK_EQ(-1, sim_script_load(&s, path, err, sizeof err));
    CHECK_TRUE(s == NULL);
    CHECK_TRUE(strchr(err, '\n') == NULL);
    if (!strstr(err, path) || !strstr(err, want))
        fail_msg("'%s' does not name %s and '%s'", err, path, want);
    tmp_done(&t);
}

/* A request with the one parameter @p name=@p value, for sim_inject_pick(). */
static struct sim_request one_param(struct sim_param *p, const char *name, const char *value)
{
    struct sim_request req = {0};
    p->name = (char *)name;
    p->value = (char *)value;
    req.method = "POST";
    req.path = "/api/";
    req.params = p;
    req.nparams = 1;
    return req;
}

/* pansim --inject: the selectors load only through sim_script_load_selectors(), and a section
 * answers the requests they pick, counting those it selects. */
static void test_inject_selectors(void **state)
{
    (void)state;
    struct tmp t;
    tmp_init(&t);
    const char *path = tmp_writes(&t, "inject.case",
                                  "%% reply 1 match=type=export device=2 pass=1 truncate=40\n"
                                  "%% reply 2 match=cmd~<jobs> nth=2 status=503\n"
                                  "busy\n"
                                  "%% reply 3 match=action=get after=1 hang=1\n");
    struct sim_script *s = NULL;
    char err[256] = "";
    CHECK_EQ(-1, sim_script_load(&s, path, err, sizeof err));
    if (!strstr(err, "a selector of pansim --inject"))
        fail_msg("'%s' does not say match= is an --inject selector", err);

    struct sim_inject *in = NULL;
    if (sim_inject_load(&in, path, err, sizeof err) != 0)
        fail_msg("%s", err);
    struct sim_param p;
    struct sim_request req = one_param(&p, "type", "export");
    CHECK_TRUE(sim_inject_pick(in, &req, 1) == NULL); /* device 1: not selected */
    const struct sim_script_reply *r = sim_inject_pick(in, &req, 2);
    CHECK_TRUE(r != NULL && r->pass == 1 && r->truncate == 40);

    req = one_param(&p, "cmd", "<show><jobs><id>1</id></jobs></show>");
    CHECK_TRUE(sim_inject_pick(in, &req, 1) == NULL); /* the first poll */
    r = sim_inject_pick(in, &req, 1);                 /* the second: nth=2 */
    CHECK_TRUE(r != NULL && r->status == 503 && strcmp(r->body, "busy") == 0);
    CHECK_TRUE(sim_inject_pick(in, &req, 1) == NULL); /* the third */

    req = one_param(&p, "action", "get");
    CHECK_TRUE(sim_inject_pick(in, &req, 1) == NULL); /* after=1: not the first */
    r = sim_inject_pick(in, &req, 1);
    CHECK_TRUE(r != NULL && r->hang == 1);
    CHECK_TRUE(sim_inject_pick(in, &req, 1) == r);
    req = one_param(&p, "action", "getx"); /* match=NAME=VALUE is equality */
    CHECK_TRUE(sim_inject_pick(in, &req, 1) == NULL);
    sim_inject_free(in);
    sim_inject_free(NULL);

    path = tmp_writes(&t, "both.case", "%% reply 1 nth=1 after=2\n");
    CHECK_EQ(-1, sim_inject_load(&in, path, err, sizeof err));
    if (!strstr(err, "exclude each other"))
        fail_msg("'%s' does not refuse nth= with after=", err);
    path = tmp_writes(&t, "badmatch.case", "%% reply 1 match=type\n");
    CHECK_EQ(-1, sim_inject_load(&in, path, err, sizeof err));
    if (!strstr(err, "bad value for match"))
        fail_msg("'%s' does not refuse match= without = or ~", err);
    path = tmp_writes(&t, "empty.case", "%% command\ntrue\n");
    CHECK_EQ(-1, sim_inject_load(&in, path, err, sizeof err));
    if (!strstr(err, "no %% reply section"))
        fail_msg("'%s' does not refuse a file without replies", err);
    tmp_done(&t);
}

static void test_script_errors(void **state)
{
    (void)state;
    script_fails("%% reply 1 colour=red\n", "'colour'");
    script_fails("%% reply 1 status=2OO\n", "status");
    script_fails("%% reply 1 status=99\n", "status");
    script_fails("%% reply 1 retry-after=-1\n", "retry-after");
    script_fails("%% reply 1 delay-ms=\n", "delay-ms");
    script_fails("%% reply 1 reset=2\n", "reset");
    script_fails("%% reply 1 reason=\"Too Many\n", "quote");
    script_fails("%% reply 1 status\n", "name=value");
    script_fails("%% server bogus=1\n%% reply 1\n", "'bogus'");
    script_fails("%% server\nbody\n%% reply 1\n", "server");
    script_fails("%% server\n%% server\n%% reply 1\n", "more than one");
    script_fails("%% reply 1\n%% reply 1\n", "reply 1 appears twice");
    script_fails("%% reply 1\n%% reply 3\n", "1..2");
    script_fails("%% reply 0\n", "1..1");
    script_fails("%% reply\n", "1..1");
    script_fails("%% reply 1x\n", "1..1");
    script_fails("%% reply 1 truncate=3\nabc\n", "truncate=3");
    script_fails("%% reply 1\n%include nope%\n", "nope");
}

static void test_repository_cases(void **state)
{
    (void)state;
    struct sim_script *s;
    char err[512] = "";
    if (sim_script_load(&s, PANOS_SOURCE_DIR "/tests/cases/0020-retry-429.case", err,
                        sizeof err) != 0)
        fail_msg("%s", err);
    const struct sim_script_reply *r = sim_script_reply_for(s, 1);
    CHECK_EQ(429, r->status);
    CHECK_EQ(1, r->retry_after);
    CHECK_EQ(0, r->len);
    r = sim_script_reply_for(s, 2);
    CHECK_EQ(200, r->status);
    CHECK_EQ(-1, r->retry_after);
    CHECK_TRUE(r->content_type == NULL);
    CHECK_EQ(84, r->len); /* replies/show-clock.xml exactly, no newline added */
    CHECK_TRUE(strstr(r->body, "Wed May 31 11:50:21 PDT 2023") != NULL);
    CHECK_TRUE(sim_script_reply_for(s, 3) == NULL);
    sim_script_free(s);

    if (sim_script_load(&s, PANOS_SOURCE_DIR "/tests/cases/0022-truncated-body.case", err,
                        sizeof err) != 0)
        fail_msg("%s", err);
    r = sim_script_reply_for(s, 1);
    CHECK_EQ(200, r->status);
    CHECK_EQ(40, r->truncate);
    CHECK_EQ(144, r->len); /* replies/keygen-success.xml */
    CHECK_TRUE(strncmp(r->body, "<response status = 'success'>", 29) == 0);
    CHECK_TRUE(sim_script_reply_for(s, 2) == NULL);
    sim_script_free(s);

    /* The other sections of 0022, as runcase sees them. */
    struct case_file cf;
    CHECK_EQ(0, case_file_load(&cf, PANOS_SOURCE_DIR "/tests/cases/0022-truncated-body.case",
                               err, sizeof err));
    check_body(case_file_find(&cf, "stdin"), "admin", 5);
    check_body(case_file_find(&cf, "expect-exit"), "4", 1);
    check_body(case_file_find(&cf, "expect-stdout"), "", 0);
    CHECK_STR("1 truncate=40", case_file_find(&cf, "reply")->args);
    case_file_free(&cf);

    /* The 97-byte 403 body goes out byte for byte (0025). */
    CHECK_EQ(0, sim_script_load(&s, PANOS_SOURCE_DIR "/tests/cases/0025-auth-403-quoted-body.case",
                                err, sizeof err));
    r = sim_script_reply_for(s, 1);
    CHECK_EQ(403, r->status);
    CHECK_STR("Invalid Credential", r->reason);
    CHECK_EQ(97, r->len);
    CHECK_TRUE(r->body[96] == '>');
    sim_script_free(s);
}

/* Every case in the repository loads, both as runcase reads it and as pansim does. */
static void test_all_repository_cases(void **state)
{
    (void)state;
    glob_t g;
    CHECK_EQ(0, glob(PANOS_SOURCE_DIR "/tests/cases/*.case", 0, NULL, &g));
    CHECK_TRUE(g.gl_pathc >= 20);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        char err[512] = "";
        struct case_file cf;
        struct sim_script *s;
        if (case_file_load(&cf, g.gl_pathv[i], err, sizeof err) != 0 ||
            sim_script_load(&s, g.gl_pathv[i], err, sizeof err) != 0)
            fail_msg("%s", err);
        CHECK_TRUE(case_file_find(&cf, "command") != NULL);
        CHECK_EQ(case_file_find(&cf, "reply") != NULL, sim_script_reply_for(s, 1) != NULL);
        case_file_free(&cf);
        sim_script_free(s);
    }
    globfree(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_case_errors),
        cmocka_unit_test(test_script),
        cmocka_unit_test(test_script_errors),
        cmocka_unit_test(test_inject_selectors),
        cmocka_unit_test(test_repository_cases),
        cmocka_unit_test(test_all_repository_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
