/* SPDX-License-Identifier: MIT */
/* test_userid.c -- uid-message entries (escaping, checks), the message around them, and the
 * per-entry notes of a user-id answer. */
#include <string.h>
#include <panos/userid.h>
#include "check.h"

static void test_entries(void **state)
{
    (void)state;
    panos_buf b = PANOS_BUF_INIT;
    const char *tags[] = {"web&db", "q\"t"};
    panos_uid_entry login = {.ip = "192.0.2.1", .user = "ex\\<bob>", .timeout = 20};
    panos_uid_entry reg = {.ip = "2001:db8::1", .tags = tags, .ntags = 2, .timeout = 60};
    CHECK_OK(panos_uid_entry_xml(&b, PANOS_UID_LOGIN, &login, NULL, 0));
    CHECK_OK(panos_uid_entry_xml(&b, PANOS_UID_REGISTER, &reg, NULL, 0));
    CHECK_STR("<entry name=\"ex\\&lt;bob&gt;\" ip=\"192.0.2.1\" timeout=\"20\"/>"
              "<entry ip=\"2001:db8::1\"><tag><member timeout=\"60\">web&amp;db</member>"
              "<member timeout=\"60\">q&quot;t</member></tag></entry>",
              b.ptr);
    panos_buf m = PANOS_BUF_INIT;
    CHECK_OK(panos_uid_message(&m, PANOS_UID_REGISTER, "<entry/>", 8));
    CHECK_STR("<uid-message><version>2.0</version><type>update</type><payload><register>"
              "<entry/></register></payload></uid-message>",
              m.ptr);
    panos_buf_dispose(&m);
    panos_buf_dispose(&b);
}

static void test_refused(void **state)
{
    (void)state;
    char err[128];
    panos_buf b = PANOS_BUF_INIT;
    const char *tags[] = {"t"};
    panos_uid_entry bad_ip = {.ip = "192.0.2.300", .tags = tags, .ntags = 1};
    panos_uid_entry no_tag = {.ip = "192.0.2.3"};
    panos_uid_entry no_user = {.tags = tags, .ntags = 1};
    CHECK_CODE(PANOS_E_INVALID_ARG,
               panos_uid_entry_xml(&b, PANOS_UID_REGISTER, &bad_ip, err, sizeof(err)));
    CHECK_STR("not an IPv4 or IPv6 address: 192.0.2.300", err);
    CHECK_CODE(PANOS_E_INVALID_ARG,
               panos_uid_entry_xml(&b, PANOS_UID_UNREGISTER, &no_tag, err, sizeof(err)));
    CHECK_STR("no tag", err);
    CHECK_CODE(PANOS_E_INVALID_ARG,
               panos_uid_entry_xml(&b, PANOS_UID_REGISTER_USER, &no_user, err, sizeof(err)));
    CHECK_STR("no user name", err);
    CHECK_TRUE(b.ptr == NULL); /* nothing appended */
}

static int notes_seen;
static void on_note(const char *section, const char *key, const char *message, void *payload)
{
    (void)payload;
    CHECK_STR("register", section);
    CHECK_STR(notes_seen == 0 ? "192.0.2.1" : "192.0.2.2", key);
    CHECK_TRUE(strstr(message, "already exists, ignore") != NULL);
    notes_seen++;
}

static void test_notes(void **state)
{
    (void)state;
    /* The shape pan-python 0.26.0 parses: the uid-response inside the error's message line. */
    static const char body[] =
        "<response status=\"error\"><msg><line><uid-response><version>2.0</version><payload>"
        "<register><entry ip=\"192.0.2.1\" message=\"t1 already exists, ignore\"/>"
        "<entry ip=\"192.0.2.2\" message=\"t2 already exists, ignore\"/></register>"
        "</payload></uid-response></line></msg></response>";
    static const char refused[] =
        "<response status=\"error\"><msg><line>uid-message: no payload</line></msg></response>";
    panos_response *r = NULL;
    CHECK_OK(panos_response_parse(&r, body, sizeof(body) - 1, 200));
    CHECK_EQ(2, (int)panos_uid_notes(r, on_note, NULL));
    CHECK_EQ(2, notes_seen);
    panos_response_free(r);
    r = NULL;
    CHECK_OK(panos_response_parse(&r, refused, sizeof(refused) - 1, 200));
    CHECK_EQ(0, (int)panos_uid_notes(r, NULL, NULL));
    CHECK_EQ(0, (int)panos_uid_notes(NULL, NULL, NULL));
    panos_response_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entries),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
