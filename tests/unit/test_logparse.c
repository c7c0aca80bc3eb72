/* SPDX-License-Identifier: MIT */
/* test_logparse.c -- the streaming log parser: entries, job status, messages, chunking, stop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/log.h>
#include "check.h"
#include "hostile.h"
#include "logparse_priv.h"

struct seen {
    int n;
    int stop_after;
    char logid[2][32];
    char seqno[2][16];
    char dstloc[32];
    char srcuser[8];
    char imsi[8];
    size_t nfields;
};

static int on_entry(void *payload, const panos_log_entry *e)
{
    struct seen *s = payload;
    if (s->n < 2) {
        snprintf(s->logid[s->n], sizeof(s->logid[0]), "%s", e->logid ? e->logid : "(null)");
        snprintf(s->seqno[s->n], sizeof(s->seqno[0]), "%s", panos_log_entry_get(e, "seqno"));
    }
    snprintf(s->dstloc, sizeof(s->dstloc), "%s", panos_log_entry_get(e, "dstloc"));
    snprintf(s->srcuser, sizeof(s->srcuser), "[%s]", panos_log_entry_get(e, "srcuser"));
    snprintf(s->imsi, sizeof(s->imsi), "[%s]", panos_log_entry_get(e, "imsi"));
    s->nfields = e->nfields;
    s->n++;
    return s->stop_after > 0 && s->n >= s->stop_after;
}

static char *slurp(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/unit/data/%s", PANOS_TEST_DATA_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    *len = fread(buf, 1, sizeof(buf) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* Parse @p doc fed in pieces of @p step bytes (0: all at once). */
static panos_code parse(const char *doc, size_t len, size_t step, struct seen *s,
                        panos_logparser **out)
{
    panos_logparser *p;
    CHECK_OK(panos_logparser_new(&p, on_entry, s));
    panos_code rc = PANOS_OK;
    for (size_t off = 0; off < len && rc == PANOS_OK;) {
        size_t n = step == 0 || len - off < step ? len - off : step;
        rc = panos_logparser_feed(p, doc + off, n);
        off += n;
    }
    if (rc == PANOS_OK)
        rc = panos_logparser_finish(p);
    *out = p;
    return rc;
}

static void test_fin_answer(void **state)
{
    (void)state;
    size_t len;
    const char *doc = slurp("log-traffic-fin.xml", &len);
    size_t steps[] = {0, 1, 7, 4096};
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        struct seen s = {0};
        panos_logparser *p;
        CHECK_OK(parse(doc, len, steps[i], &s, &p));
        const panos_logparser_info *info = panos_logparser_info_get(p);
        CHECK_EQ(2, s.n);
        CHECK_EQ(2, info->entries);
        CHECK_STR("7301234567890123456", s.logid[0]);
        CHECK_STR("7301234567890123457", s.logid[1]);
        CHECK_STR("38127741", s.seqno[0]);
        CHECK_STR("38127742", s.seqno[1]);
        /* Attributes on a field are dropped, the text kept; empty elements are "". */
        CHECK_STR("United States", s.dstloc);
        CHECK_STR("[]", s.srcuser);
        CHECK_STR("[]", s.imsi);
        CHECK_EQ(51, s.nfields);
        CHECK_STR("success", info->status);
        CHECK_STR("FIN", info->job_status);
        CHECK_STR("1", info->job_id);
        CHECK_EQ(2, info->count);
        CHECK_EQ(100, info->progress);
        panos_logparser_free(p);
    }
}

static void test_enqueue_and_running(void **state)
{
    (void)state;
    /* PAN-OS XML API guide, "Retrieve Logs (API)"; demisto/content test_data/query_logs.xml: enqueue, then a poll while the job runs. */
    const char *enq = "<response status=\"success\" code=\"19\">\n  <result>\n    <msg><line>query "
                      "job enqueued with jobid 18</line></msg>\n    <job>18</job>\n  </result>\n"
                      "</response>";
    struct seen s = {0};
    panos_logparser *p;
    CHECK_OK(parse(enq, strlen(enq), 3, &s, &p));
    const panos_logparser_info *info = panos_logparser_info_get(p);
    CHECK_STR("18", info->job_id);
    CHECK_EQ(19, info->code);
    CHECK_STR("query job enqueued with jobid 18", info->message);
    CHECK_TRUE(info->job_status == NULL);
    panos_logparser_free(p);

    const char *act = "<response status=\"success\"><result>\n  <job>\n    <tenq>15:09:25</tenq>\n"
                      "    <status>ACT</status>\n    <id>18</id>\n  </job>\n  <log><logs "
                      "count=\"0\" progress=\"40\"/></log>\n</result></response>";
    CHECK_OK(parse(act, strlen(act), 0, &s, &p));
    info = panos_logparser_info_get(p);
    CHECK_STR("ACT", info->job_status);
    CHECK_STR("18", info->job_id);
    CHECK_EQ(40, info->progress);
    CHECK_EQ(0, info->entries);
    panos_logparser_free(p);
}

static void test_error_messages(void **state)
{
    (void)state;
    const char *err = "<response status=\"error\" code=\"17\"><msg><line><![CDATA[ receive_time "
                      "is unexpected]]></line><line>second</line></msg></response>";
    struct seen s = {0};
    panos_logparser *p;
    CHECK_OK(parse(err, strlen(err), 0, &s, &p));
    const panos_logparser_info *info = panos_logparser_info_get(p);
    CHECK_STR("error", info->status);
    CHECK_EQ(17, info->code);
    CHECK_STR("receive_time is unexpected; second", info->message);
    panos_logparser_free(p);

    const char *q = "<response status = 'error' code = '403'><result><msg>Invalid "
                    "Credential</msg></result></response>";
    CHECK_OK(parse(q, strlen(q), 5, &s, &p));
    CHECK_STR("Invalid Credential", panos_logparser_info_get(p)->message);
    panos_logparser_free(p);
}

static void test_stop_and_malformed(void **state)
{
    (void)state;
    size_t len;
    const char *doc = slurp("log-traffic-fin.xml", &len);
    struct seen s = {.stop_after = 1};
    panos_logparser *p;
    CHECK_OK(parse(doc, len, 100, &s, &p));
    CHECK_EQ(1, s.n);
    CHECK_TRUE(panos_logparser_info_get(p)->stopped);
    panos_logparser_free(p);

    struct seen t = {0};
    CHECK_CODE(PANOS_E_PARSE, parse(doc, len / 2, 0, &t, &p)); /* cut in the middle */
    panos_logparser_free(p);
    const char *bad = "<response status=\"success\"><result></log></result></response>";
    CHECK_CODE(PANOS_E_PARSE, parse(bad, strlen(bad), 0, &t, &p));
    panos_logparser_free(p);
    /* No external entity is ever fetched or expanded. */
    const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM "
                      "\"file:///etc/passwd\">]><response status=\"success\"><result><log><logs>"
                      "<entry><src>&x;</src></entry></logs></log></result></response>";
    struct seen u = {0};
    panos_logparser_free((parse(xxe, strlen(xxe), 0, &u, &p), p));
    CHECK_TRUE(u.n <= 1);
}

/* Any DTD is refused at the DOCTYPE, before an entity is declared or expanded: PARSE with the
 * reason, whatever the chunking. */
static void test_dtd_refused(void **state)
{
    (void)state;
    size_t len, steps[] = {0, 1, 4096};
    char *bomb = hostile_entity_bomb(50000, 5000, &len);
    CHECK_TRUE(bomb != NULL);
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        struct seen s = {0};
        panos_logparser *p;
        /* One byte at a time over 65 KB is slow: the DOCTYPE is in the first 100. */
        size_t n = steps[i] == 1 ? 200 : len;
        CHECK_CODE(PANOS_E_PARSE, parse(bomb, n, steps[i], &s, &p));
        CHECK_TRUE(strstr(panos__logparser_error(p), "DTD") != NULL);
        CHECK_EQ(0, s.n);
        panos_logparser_free(p);
    }
    free(bomb);
}

/* A bad encoding: PARSE with libxml2's first error, and libxml2 prints nothing. */
static void test_bad_encoding_quiet(void **state)
{
    (void)state;
    struct seen s = {0};
    panos_logparser *p;
    hostile_stderr_begin();
    panos_code rc = parse(hostile_sjis, sizeof(hostile_sjis) - 1, 0, &s, &p);
    long printed = hostile_stderr_end();
    CHECK_CODE(PANOS_E_PARSE, rc);
    CHECK_EQ(0, printed);
    CHECK_TRUE(strstr(panos__logparser_error(p), "input conversion failed") != NULL);
    panos_logparser_free(p);
}

/* Build a FIN answer of one entry whose <src> holds @p src_len bytes and which has @p extra
 * empty fields. Free the result. */
static char *big_entry(size_t src_len, size_t extra, size_t *len)
{
    static const char head[] = "<response status=\"success\"><result><job><status>FIN</status>"
                               "<id>1</id></job><log><logs count=\"1\" progress=\"100\">"
                               "<entry logid=\"1\"><src>";
    static const char tail[] = "</entry></logs></log></result></response>";
    size_t n = sizeof(head) - 1 + src_len + 6 + 4 * extra + sizeof(tail) - 1;
    char *doc = malloc(n + 1), *q = doc;
    assert_non_null(doc);
    memcpy(q, head, sizeof(head) - 1), q += sizeof(head) - 1;
    memset(q, '1', src_len), q += src_len;
    memcpy(q, "</src>", 6), q += 6;
    for (size_t i = 0; i < extra; i++)
        memcpy(q, "<a/>", 4), q += 4;
    memcpy(q, tail, sizeof(tail) - 1), q += sizeof(tail) - 1;
    *q = '\0';
    *len = n;
    return doc;
}

/* One value past max_value_bytes, one entry past max_entry_bytes (by text or by a flood of
 * empty fields): TOO_LARGE, nothing delivered, and the message names the option. */
static void test_limits(void **state)
{
    (void)state;
    struct seen s = {0};
    panos_logparser *p;
    size_t len;
    char *doc = big_entry(PANOS_LOG_MAX_VALUE_BYTES, 0, &len);
    CHECK_OK(parse(doc, len, 65536, &s, &p)); /* exactly at the limit: fine */
    CHECK_EQ(1, s.n);
    panos_logparser_free(p);
    free(doc);

    memset(&s, 0, sizeof(s));
    doc = big_entry(PANOS_LOG_MAX_VALUE_BYTES + 1, 0, &len);
    CHECK_CODE(PANOS_E_TOO_LARGE, parse(doc, len, 65536, &s, &p));
    CHECK_EQ(0, s.n);
    CHECK_STR("log field <src> longer than 1048576 bytes (raise it with --max-value-bytes)",
              panos__logparser_error(p));
    panos_logparser_free(p);

    /* Raised, it passes. */
    CHECK_OK(panos_logparser_new(&p, on_entry, &s));
    panos_log_limits lim = {2u << 20, 0};
    panos_logparser_set_limits(p, &lim);
    CHECK_OK(panos_logparser_feed(p, doc, len));
    CHECK_OK(panos_logparser_finish(p));
    CHECK_EQ(1, s.n);
    panos_logparser_free(p);
    free(doc);

    /* 1 MiB of empty fields: small text, but an entry past 4 MiB of bookkeeping. */
    memset(&s, 0, sizeof(s));
    doc = big_entry(1, 1u << 18, &len);
    CHECK_CODE(PANOS_E_TOO_LARGE, parse(doc, len, 0, &s, &p));
    CHECK_EQ(0, s.n);
    CHECK_STR("a log entry longer than 4194304 bytes (raise it with --max-entry-bytes)",
              panos__logparser_error(p));
    panos_logparser_free(p);
    free(doc);

    /* A message line past the value cap. */
    static const char head[] = "<response status=\"error\"><msg><line>";
    size_t mlen = sizeof(head) - 1 + PANOS_LOG_MAX_VALUE_BYTES + 1;
    doc = malloc(mlen);
    assert_non_null(doc);
    memcpy(doc, head, sizeof(head) - 1);
    memset(doc + sizeof(head) - 1, 'x', mlen - (sizeof(head) - 1));
    CHECK_OK(panos_logparser_new(&p, on_entry, &s));
    CHECK_CODE(PANOS_E_TOO_LARGE, panos_logparser_feed(p, doc, mlen));
    CHECK_CODE(PANOS_E_TOO_LARGE, panos_logparser_finish(p));
    panos_logparser_free(p);
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fin_answer),
        cmocka_unit_test(test_enqueue_and_running),
        cmocka_unit_test(test_error_messages),
        cmocka_unit_test(test_stop_and_malformed),
        cmocka_unit_test(test_dtd_refused),
        cmocka_unit_test(test_bad_encoding_quiet),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
