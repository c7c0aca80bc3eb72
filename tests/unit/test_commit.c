/* SPDX-License-Identifier: MIT */
/* test_commit.c -- commit cmd XML from options, and job answers in the shapes PAN-OS sends. */
#include <string.h>
#include <panos/commit.h>
#include <panos/response.h>
#include "check.h"

static panos_buf out;

static const char *cmd(const panos_commit_options *o, int want_partial)
{
    int partial = -1;
    panos_buf_dispose(&out);
    CHECK_OK(panos_commit_cmd(&out, &partial, o));
    CHECK_EQ(want_partial, partial);
    return out.ptr;
}

static void test_full_force_description(void **state)
{
    (void)state;
    panos_commit_options o;
    panos_commit_options_init(&o);
    CHECK_STR("<commit></commit>", cmd(&o, 0));
    o.force = 1;
    o.description = "change <42> & \"more\"";
    CHECK_STR("<commit><force></force><description>change &lt;42&gt; &amp; &quot;more&quot;"
              "</description></commit>",
              cmd(&o, 0));
}

/* pan-python 0.26.0 panxapi.py --partial; PAN-OS XML API guide, "Commit" (PAN-OS 10.1). */
static void test_partial(void **state)
{
    (void)state;
    const char *vsys[] = {"vsys1", "vsys2"};
    const char *admins[] = {"alice"};
    panos_commit_options o = PANOS_COMMIT_OPTIONS_INIT;
    o.exclude_device_and_network = 1;
    o.exclude_shared_object = 1;
    CHECK_STR("<commit><partial><device-and-network>excluded</device-and-network>"
              "<shared-object>excluded</shared-object></partial></commit>",
              cmd(&o, 1));
    o.exclude_device_and_network = o.exclude_shared_object = 0;
    o.exclude_policy_and_objects = 1;
    o.vsys = vsys;
    o.nvsys = 2;
    o.admins = admins;
    o.nadmins = 1;
    CHECK_STR("<commit><partial><policy-and-objects>excluded</policy-and-objects><vsys><member>"
              "vsys1</member><member>vsys2</member></vsys><admin><member>alice</member></admin>"
              "</partial></commit>",
              cmd(&o, 1));
    o.nvsys = 0;
    o.no_vsys = 1;
    o.exclude_policy_and_objects = 0;
    o.nadmins = 0;
    CHECK_STR("<commit><partial><no-vsys></no-vsys></partial></commit>", cmd(&o, 1));
}

static void test_refused(void **state)
{
    (void)state;
    const char *empty[] = {""};
    panos_commit_options o = PANOS_COMMIT_OPTIONS_INIT;
    panos_buf_dispose(&out); /* an out-parameter: a refused call leaves it empty */
    o.admins = empty;
    o.nadmins = 1;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_commit_cmd(&out, NULL, &o));
    o.nadmins = 0;
    o.vsys = empty;
    o.nvsys = 1;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_commit_cmd(&out, NULL, &o));
    const char *v1[] = {"vsys1"};
    o.vsys = v1;
    o.no_vsys = 1;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_commit_cmd(&out, NULL, &o));
    CHECK_TRUE(out.ptr == NULL);
    panos_commit_options bad = PANOS_COMMIT_OPTIONS_INIT;
    bad.version = PANOS_COMMIT_OPTIONS_VERSION + 1; /* from newer headers */
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_commit_cmd(&out, NULL, &bad));
    bad.version = 0;
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_commit_cmd(&out, NULL, &bad));
}

static panos_job *parse(const char *xml)
{
    panos_response *r = NULL;
    panos_job *j = NULL;
    CHECK_OK(panos_response_parse(&r, xml, strlen(xml), 200));
    CHECK_OK(panos_job_parse(&j, r));
    panos_response_free(r);
    return j;
}

/* A finished commit (a netbox-panorama-configpump-plugin fixture, PAN-OS 11.x, 2025). */
static void test_job_finished_ok(void **state)
{
    (void)state;
    panos_job *j = parse(
        "<response status=\"success\"><result><job><tenq>2025/10/30 06:20:25</tenq>"
        "<tdeq>06:20:25</tdeq><id>70</id><user>admin</user><type>Commit</type><status>FIN"
        "</status><queued>NO</queued><stoppable>no</stoppable><result>OK</result><tfin>2025/10/30"
        " 06:20:46</tfin><description>text</description><positionInQ>0</positionInQ><progress>"
        "100</progress><details><line>Configuration committed successfully</line><line>Local "
        "configuration size: 9 KB</line></details><warnings><line>w1</line></warnings></job>"
        "</result></response>");
    CHECK_EQ(70, j->id);
    CHECK_STR("Commit", j->type);
    CHECK_STR("FIN", j->status);
    CHECK_STR("OK", j->result);
    CHECK_EQ(1, j->finished);
    CHECK_EQ(100, j->progress);
    CHECK_STR("admin", j->user);
    CHECK_STR("text", j->description);
    CHECK_STR("2025/10/30 06:20:46", j->tfin);
    CHECK_EQ(2, j->ndetails);
    CHECK_STR("Local configuration size: 9 KB", j->details[1]);
    CHECK_EQ(1, j->nwarnings);
    CHECK_STR("w1", j->warnings[0]);
    panos_job_free(j);
}

/* Still running (pan-python 0.26.0 documentation, PAN-OS 6.x): progress a percentage, tfin
 * "Still Active", empty details. */
static void test_job_running(void **state)
{
    (void)state;
    panos_job *j = parse("<response status=\"success\"><result><job><tenq>2013/03/02 15:21:26"
                         "</tenq><id>912</id><type>Commit</type><status>ACT</status><stoppable>"
                         "yes</stoppable><result>PEND</result><tfin>Still Active</tfin>"
                         "<progress>99</progress><details/><warnings/></job></result></response>");
    CHECK_EQ(0, j->finished);
    CHECK_EQ(99, j->progress);
    CHECK_STR("PEND", j->result);
    CHECK_STR("Still Active", j->tfin);
    CHECK_STR("", j->user);
    CHECK_EQ(0, j->ndetails);
    CHECK_EQ(0, j->nwarnings);
    panos_job_free(j);
}

/* The progress quirk: a date-time (pan-os-upgrade-assurance 2.1.1 fixture, PAN-OS 10.x) or a
 * time of day (an Apache CloudStack test mock) once finished; details as plain text. */
static void test_job_progress_timestamp(void **state)
{
    (void)state;
    panos_job *j = parse("<response status=\"success\"><result><job><id>4</id><type>Commit"
                         "</type><status>FIN</status><result>FAIL</result><tfin>11:11:54</tfin>"
                         "<progress>2023/08/07 04:00:45</progress><details>Bad config</details>"
                         "</job></result></response>");
    CHECK_EQ(100, j->progress);
    CHECK_STR("FAIL", j->result);
    CHECK_EQ(1, j->ndetails);
    CHECK_STR("Bad config", j->details[0]);
    panos_job_free(j);
    j = parse("<response status=\"success\"><result><job><id>5</id><status>FIN</status>"
              "<progress>11:11:54</progress></job></result></response>");
    CHECK_EQ(100, j->progress);
    panos_job_free(j);
    j = parse("<response status=\"success\"><result><job><id>6</id><status>ACT</status>"
              "<progress>soon</progress></job></result></response>");
    CHECK_EQ(-1, j->progress);
    panos_job_free(j);
}

static void test_job_not_a_job(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "<response status=\"success\"><result/></response>",
        "<response status=\"success\"><result><job><status>FIN</status></job></result></response>",
        "<response status=\"success\"><result><job><id>1</id></job></result></response>",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        panos_response *r = NULL;
        panos_job *j = NULL;
        CHECK_OK(panos_response_parse(&r, bad[i], strlen(bad[i]), 200));
        CHECK_CODE(PANOS_E_PARSE, panos_job_parse(&j, r));
        CHECK_TRUE(j == NULL);
        panos_response_free(r);
    }
    panos_job_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_force_description),
        cmocka_unit_test(test_partial),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_job_finished_ok),
        cmocka_unit_test(test_job_running),
        cmocka_unit_test(test_job_progress_timestamp),
        cmocka_unit_test(test_job_not_a_job),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_buf_dispose(&out);
    return rc;
}
