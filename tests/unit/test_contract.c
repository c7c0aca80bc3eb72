/* SPDX-License-Identifier: MIT */
/* test_contract.c -- the NULL and error policies of libpanos(3): PANOS_ASSERT on a NULL handle,
 * NULL accepted where documented, errbuf emptied on entry, options versions. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <panos/panos.h>
#include <panos/log.h>
#include "check.h"

/* Run @p fn in a child with stderr on a pipe: 1 when it died of SIGABRT after one line naming
 * @p fn_name, 0 otherwise. */
static int aborts(void (*fn)(void), const char *fn_name)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 0;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        fn();
        _exit(0);
    }
    close(fds[1]);
    char buf[512] = "";
    size_t n = 0;
    ssize_t k;
    while (n + 1 < sizeof(buf) && (k = read(fds[0], buf + n, sizeof(buf) - 1 - n)) > 0)
        n += (size_t)k;
    buf[n] = '\0';
    close(fds[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && strstr(buf, "libpanos: ") == buf &&
           strstr(buf, fn_name) != NULL && strstr(buf, "API misuse") != NULL;
}

static void null_response(void)
{
    (void)panos_response_code(NULL);
}

static void null_client(void)
{
    (void)panos_client_set_target(NULL, "007");
}

static void null_out(void)
{
    (void)panos_cmd_to_xml(NULL, "show clock", NULL, 0);
}

static void null_name(void)
{
    (void)panos_node_child(NULL, NULL);
}

static void test_asserts(void **state)
{
    (void)state;
    CHECK_TRUE(aborts(null_response, "panos_response_code"));
    CHECK_TRUE(aborts(null_client, "panos_client_set_target"));
    CHECK_TRUE(aborts(null_out, "panos_cmd_to_xml"));
    CHECK_TRUE(aborts(null_name, "panos_node_child"));
}

static void test_null_accepted(void **state)
{
    (void)state;
    /* Free functions, walker nodes, optional errbuf and optional out-parameters. */
    panos_client_free(NULL);
    panos_response_free(NULL);
    panos_rc_free(NULL);
    panos_doc_free(NULL);
    panos_logparser_free(NULL);
    panos_buf_dispose(NULL);
    panos_apikey_info_clear(NULL);
    panos_version(NULL, NULL, NULL);
    CHECK_TRUE(panos_node_first(NULL) == NULL);
    CHECK_EQ(0, (int)panos_rc_count(NULL));
    CHECK_TRUE(panos_rc_get(NULL, "hostname") == NULL);
    panos_buf out = PANOS_BUF_INIT;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_cmd_to_xml(&out, "", NULL, 0));
    panos_buf_dispose(&out);
}

static void test_errbuf(void **state)
{
    (void)state;
    char err[128];
    panos_buf out = PANOS_BUF_INIT;
    memcpy(err, "stale", 6);
    CHECK_OK(panos_cmd_to_xml(&out, "show clock", err, sizeof(err)));
    CHECK_STR("", err);
    panos_buf_dispose(&out);
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_cmd_to_xml(&out, "show \"open", err, sizeof(err)));
    CHECK_TRUE(err[0] != '\0' && strchr(err, '\n') == NULL);
    panos_buf_dispose(&out);
    panos_rc *rc = NULL;
    memcpy(err, "stale", 6);
    CHECK_CODE(PANOS_E_NOT_FOUND,
               panos_rc_load(&rc, "/nonexistent/panctl-test/panrc", NULL, err, sizeof(err)));
    CHECK_TRUE(strcmp(err, "stale") != 0);
}

static int no_entry(void *payload, const panos_log_entry *e)
{
    (void)payload, (void)e;
    return 0;
}

/* Options structs: _INIT and _init() agree; older versions are accepted, 0 and newer refused. */
static void test_options_versions(void **state)
{
    (void)state;
    panos_log_query a = PANOS_LOG_QUERY_INIT, b;
    memset(&b, 0xff, sizeof(b));
    panos_log_query_init(&b);
    CHECK_EQ(PANOS_LOG_QUERY_VERSION, (int)b.version);
    /* Member by member: padding bytes need not be copied. */
    CHECK_EQ((int)a.version, (int)b.version);
    CHECK_TRUE(b.log_type == NULL && b.filter == NULL && b.cancel == NULL);
    CHECK_TRUE(b.progress == NULL && b.progress_payload == NULL);
    CHECK_TRUE(b.count == 0 && b.forward == 0 && b.page_size == 0 && b.follow == 0);
    CHECK_TRUE(b.poll_initial_ms == 0 && b.poll_max_ms == 0 && b.job_timeout_ms == 0);
    CHECK_TRUE(b.follow_interval_ms == 0 && b.max_value_bytes == 0 && b.max_entry_bytes == 0);

    panos_client_options o = PANOS_CLIENT_OPTIONS_INIT;
    panos_client *c = NULL;
    o.host = "127.0.0.1";
    o.use_http = 1;
    for (unsigned int v = 1; v <= PANOS_CLIENT_OPTIONS_VERSION; v++) {
        o.version = v;
        CHECK_OK(panos_client_new(&c, &o));
        panos_client_free(c);
    }
    o.version = 0;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_client_new(&c, &o));
    o.version = PANOS_CLIENT_OPTIONS_VERSION + 1;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_client_new(&c, &o));

    o.version = PANOS_CLIENT_OPTIONS_VERSION;
    CHECK_OK(panos_client_new(&c, &o));
    a.log_type = "traffic";
    a.version = 0;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_log_query_run(c, &a, no_entry, NULL));
    a.version = PANOS_LOG_QUERY_VERSION + 1;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_log_query_run(c, &a, no_entry, NULL));
    panos_client_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_asserts),
        cmocka_unit_test(test_null_accepted),
        cmocka_unit_test(test_errbuf),
        cmocka_unit_test(test_options_versions),
    };
    if (panos_global_init() != PANOS_OK)
        return 1;
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_global_cleanup();
    return rc;
}
