/* SPDX-License-Identifier: MIT */
/* test_parsers.c -- panos_exporter's parsers on recorded answers and reported shapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <panos/panos.h>
#include "check.h"
#include <sys/stat.h>
#include <unistd.h>
#include "collect.h"
#include "config.h"
#include "metrics.h"

/* Parse fixture @p rel with @p fn into @p m; returns the parser's result. */
static int run(exp_parse_fn fn, const char *rel, struct exp_metrics *m, struct exp_parse_ctx *c)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", FIXTURES, rel);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    panos_response *r = NULL;
    CHECK_OK(panos_response_parse(&r, buf, n, 200));
    int rc = fn(m, panos_response_result(r), c);
    panos_response_free(r);
    return rc;
}

static double val(const struct exp_metrics *m, const char *name, const char *labels)
{
    int found = 0;
    double v = exp_metrics_value(m, name, labels, &found);
    if (!found)
        fail_msg("%s%s not found", name, labels ? labels : "");
    return v;
}

static struct exp_parse_ctx ctx(void)
{
    struct exp_parse_ctx c = {EXP_C_ALL, 1024, 0};
    return c;
}

static void test_system_info(void **state)
{
    (void)state;
    struct exp_metrics m = {0};
    struct exp_parse_ctx c = ctx();
    CHECK_EQ(0, run(exp_parse_system_info, "panos/show-system-info/10.2.11-PA-440.xml", &m, &c));
    CHECK_EQ(1, exp_metrics_count(&m, "panos_system_info"));
    CHECK_TRUE(exp_metrics_count(&m, "panos_content_info") >= 3);
    CHECK_TRUE(val(&m, "panos_uptime_seconds", "") > 0);
    /* A TZ-suffixed release date is a real timestamp (after 2020). */
    CHECK_TRUE(val(&m, "panos_content_release_timestamp_seconds", "{type=\"app\"}") > 1.5e9);
    exp_metrics_clear(&m);
}

static void test_time_content(void **state)
{
    (void)state;
    double t;
    CHECK_EQ(0, exp_time_content("2025/04/28 16:06:06 MDT", &t));
    CHECK_EQ(1745877966, (long)t); /* 22:06:06 UTC */
    CHECK_EQ(-1, exp_time_content("2025/04/28 16:06:06 XYZ", &t));
    CHECK_EQ(0, exp_time_license("December 31, 2023", &t));
    CHECK_EQ(1703980800, (long)t);
    CHECK_EQ(0, exp_time_cert("Oct 02 07:00:00 2011 GMT", &t));
    CHECK_EQ(1317538800, (long)t);
    CHECK_EQ(0, exp_uptime("65 days, 8:44:11", &t));
    CHECK_EQ(65 * 86400 + 8 * 3600 + 44 * 60 + 11, (long)t);
}

static void test_resources_both_formats(void **state)
{
    (void)state;
    struct exp_metrics m = {0};
    struct exp_parse_ctx c = ctx();
    CHECK_EQ(0, run(exp_parse_resources, "panos/show-system-resources/10.x-unstated.xml", &m, &c));
    assert_float_equal(0.993, val(&m, "panos_mgmt_cpu_ratio", "{mode=\"idle\"}"), 1e-9);
    assert_float_equal(63739.8 * 1048576, val(&m, "panos_mgmt_memory_bytes", "{state=\"total\"}"),
                       1);
    assert_float_equal(0.26, val(&m, "panos_mgmt_load1", ""), 1e-9);
    exp_metrics_clear(&m);
    CHECK_EQ(0, run(exp_parse_resources, "exporter/resources-8.x-old-top.xml", &m, &c));
    assert_float_equal(0.969, val(&m, "panos_mgmt_cpu_ratio", "{mode=\"idle\"}"), 1e-9);
    assert_float_equal(4119516.0 * 1024, val(&m, "panos_mgmt_memory_bytes", "{state=\"total\"}"),
                       1);
    CHECK_EQ(4, exp_metrics_count(&m, "panos_mgmt_memory_bytes")); /* not the Swap line */
    exp_metrics_clear(&m);
}

static void test_dataplane(void **state)
{
    (void)state;
    struct exp_metrics m = {0};
    struct exp_parse_ctx c = ctx();
    CHECK_EQ(
        0, run(exp_parse_dataplane, "panos/show-running-resource-monitor/7.x-PA-5000.xml", &m, &c));
    assert_float_equal(0.03, val(&m, "panos_dataplane_cpu_ratio", "{dp=\"dp0\",core=\"1\"}"), 1e-9);
    assert_float_equal(
        0.07,
        val(&m, "panos_dataplane_resource_utilization_ratio", "{dp=\"dp0\",resource=\"session\"}"),
        1e-9);
    exp_metrics_clear(&m);
    CHECK_EQ(0, run(exp_parse_dataplane, "exporter/resource-monitor-s1dp0.xml", &m, &c));
    assert_float_equal(0.77, val(&m, "panos_dataplane_cpu_max_ratio", "{dp=\"s1dp0\",core=\"1\"}"),
                       1e-9);
    assert_float_equal(0.08, val(&m, "panos_dataplane_cpu_ratio", "{dp=\"dp1\",core=\"0\"}"), 1e-9);
    val(&m, "panos_dataplane_resource_utilization_ratio",
        "{dp=\"s1dp0\",resource=\"packet_descriptor_on_chip_maximum\"}");
    exp_metrics_clear(&m);
}

static void test_sessions_interfaces(void **state)
{
    (void)state;
    struct exp_metrics m = {0};
    struct exp_parse_ctx c = ctx();
    CHECK_EQ(0, run(exp_parse_sessions, "panos/show-session-info/10.x-PA-hw.xml", &m, &c));
    CHECK_EQ(1800000, (long)val(&m, "panos_sessions_max", ""));
    exp_metrics_clear(&m);
    CHECK_EQ(0, run(exp_parse_interfaces, "panos/show-interface-all/7.x-PA-VM.xml", &m, &c));
    CHECK_EQ(1, (long)val(&m, "panos_interface_up", "{interface=\"ethernet1/1\"}"));
    CHECK_EQ(0, (long)val(&m, "panos_interface_up", "{interface=\"ethernet1/3\"}"));
    exp_metrics_clear(&m);
    /* Empty names skipped; the cap counts what it leaves out. */
    c.max_interfaces = 1;
    CHECK_EQ(0, run(exp_parse_if_counters, "exporter/counter-interface-empty-names.xml", &m, &c));
    CHECK_EQ(1100,
             (long)val(&m, "panos_interface_receive_bytes_total", "{interface=\"ethernet1/1\"}"));
    CHECK_EQ(1, (long)val(&m, "panos_entities",
                          "{family=\"interface_counters\",state=\"omitted_by_limit\"}"));
    CHECK_EQ(
        2, (long)val(&m, "panos_entities", "{family=\"interface_counters\",state=\"discovered\"}"));
    char *text;
    size_t len;
    CHECK_EQ(0, exp_metrics_render(&m, &text, &len));
    CHECK_TRUE(strstr(text, "interface=\"\"") == NULL);
    /* One series once: the hardware counter wins over the logical one. */
    CHECK_TRUE(
        strstr(text, "panos_interface_receive_bytes_total{interface=\"ethernet1/1\"} 1000") ==
        NULL);
    free(text);
    exp_metrics_clear(&m);
}

static void test_ha(void **state)
{
    (void)state;
    struct exp_metrics m = {0};
    struct exp_parse_ctx c = ctx();
    CHECK_EQ(
        0, run(exp_parse_ha, "panos/show-high-availability-state/10.x-PA-VM-disabled.xml", &m, &c));
    CHECK_EQ(0, (long)val(&m, "panos_ha_enabled", "")); /* "no" is false */
    CHECK_EQ(0, exp_metrics_count(&m, "panos_ha_local_state"));
    exp_metrics_clear(&m);
    CHECK_EQ(0, run(exp_parse_ha, "panos/show-high-availability-state/10.0.9-PA-VM-passive.xml", &m,
                    &c));
    CHECK_EQ(1, (long)val(&m, "panos_ha_local_state", "{state=\"passive\"}"));
    CHECK_EQ(0, (long)val(&m, "panos_ha_local_state", "{state=\"active\"}"));
    CHECK_EQ(1, (long)val(&m, "panos_ha_peer_state", "{state=\"active\"}"));
    CHECK_EQ(1, (long)val(&m, "panos_ha_peer_connected", ""));
    CHECK_EQ(1, (long)val(&m, "panos_ha_link_up", "{link=\"ha1\"}"));
    exp_metrics_clear(&m);
}

static void test_slow(void **state)
{
    (void)state;
    struct exp_metrics m = {0};
    struct exp_parse_ctx c = ctx();
    CHECK_EQ(0, run(exp_parse_licenses, "exporter/license-never.xml", &m, &c));
    CHECK_EQ(1, (long)val(&m, "panos_license_perpetual", "{feature=\"PA-VM\"}"));
    CHECK_EQ(1, exp_metrics_count(&m, "panos_license_expiry_timestamp_seconds"));
    CHECK_EQ(1, (long)val(&m, "panos_license_expired", "{feature=\"Threat Prevention\"}"));
    exp_metrics_clear(&m);
    CHECK_EQ(
        0, run(exp_parse_environment, "panos/show-system-environmentals/8.x-PA-5060.xml", &m, &c));
    assert_float_equal(34.5,
                       val(&m, "panos_temperature_celsius",
                           "{slot=\"1\",sensor=\"Temperature @ 10G Phys [U171]\"}"),
                       1e-9);
    CHECK_EQ(6136, (long)val(&m, "panos_fan_speed_rpm", "{slot=\"1\",fan=\"Fan #1 RPM\"}"));
    CHECK_EQ(1, (long)val(&m, "panos_power_supply_present",
                          "{slot=\"1\",psu=\"Power Supply #1 (left)\"}"));
    exp_metrics_clear(&m);
    CHECK_EQ(0, run(exp_parse_environment, "exporter/environmentals-11.x-fans.xml", &m, &c));
    CHECK_EQ(5100, (long)val(&m, "panos_fan_speed_rpm", "{slot=\"1\",fan=\"Fan #1 RPM\"}"));
    CHECK_EQ(1, (long)val(&m, "panos_environment_alarm",
                          "{kind=\"thermal\",slot=\"1\",sensor=\"Temperature near CPU\"}"));
    exp_metrics_clear(&m);
    CHECK_EQ(0, run(exp_parse_disk, "exporter/disk-space-nvme.xml", &m, &c));
    assert_float_equal(4.0 * 1073741824,
                       val(&m, "panos_filesystem_avail_bytes", "{mount=\"/opt/pancfg\"}"), 1);
    CHECK_EQ(3, exp_metrics_count(&m, "panos_filesystem_size_bytes"));
    exp_metrics_clear(&m);
}

static void test_ha_all_routes_ike(void **state)
{
    (void)state;
    struct exp_metrics m = {0};
    struct exp_parse_ctx c = ctx();
    /* HA off: the answer is the state command's, and nothing is emitted. */
    CHECK_EQ(0, run(exp_parse_ha_all, "panos/show-high-availability-state/10.x-PA-VM-disabled.xml",
                    &m, &c));
    CHECK_EQ(0, (long)m.n);
    CHECK_EQ(0, run(exp_parse_ha_all, "exporter/ha-all-link-monitoring.xml", &m, &c));
    CHECK_EQ(1, (long)val(&m, "panos_ha_link_up", "{link=\"ha2\"}"));
    CHECK_EQ(0, (long)val(&m, "panos_ha_link_up", "{link=\"ha1-backup\"}"));
    CHECK_EQ(3, exp_metrics_count(&m, "panos_ha_link_monitoring_interface_up"));
    CHECK_EQ(0, (long)val(&m, "panos_ha_link_monitoring_interface_up",
                          "{group=\"uplinks\",interface=\"ethernet1/2\"}"));
    CHECK_EQ(1, (long)val(&m, "panos_ha_link_monitoring_interface_up",
                          "{group=\"dmz\",interface=\"ethernet1/5\"}"));
    exp_metrics_clear(&m);
    CHECK_EQ(0, run(exp_parse_routes, "panos/show-routing-route/10.x-PA-VM.xml", &m, &c));
    CHECK_EQ(1, exp_metrics_count(&m, "panos_route_table_routes"));
    CHECK_EQ(1, (long)val(&m, "panos_route_table_routes", "{vr=\"default\",type=\"static\"}"));
    exp_metrics_clear(&m);
    CHECK_EQ(0, run(exp_parse_routes, "exporter/routing-route-multi-vr.xml", &m, &c));
    CHECK_EQ(5, exp_metrics_count(&m, "panos_route_table_routes"));
    CHECK_EQ(2, (long)val(&m, "panos_route_table_routes", "{vr=\"default\",type=\"bgp\"}"));
    CHECK_EQ(1, (long)val(&m, "panos_route_table_routes", "{vr=\"default\",type=\"host\"}"));
    CHECK_EQ(2, (long)val(&m, "panos_route_table_routes", "{vr=\"branch\",type=\"ospf\"}"));
    exp_metrics_clear(&m);
    /* Another answer's shape is a parse failure, not zero routes. */
    CHECK_EQ(-1, run(exp_parse_routes, "exporter/license-never.xml", &m, &c));
    exp_metrics_clear(&m);
    CHECK_EQ(0, run(exp_parse_ike_sa, "exporter/ike-sa-unverified.xml", &m, &c));
    CHECK_EQ(2, (long)val(&m, "panos_ike_sa_active", ""));
    CHECK_EQ(1, (long)val(&m, "panos_ike_gateway_up", "{gateway=\"gw-branch-2\"}"));
    CHECK_EQ(2, exp_metrics_count(&m, "panos_ike_gateway_up"));
    exp_metrics_clear(&m);
    CHECK_EQ(-1, run(exp_parse_ike_sa, "exporter/license-never.xml", &m, &c));
    exp_metrics_clear(&m);
    char bad[32];
    CHECK_EQ(EXP_C_ROUTES | EXP_C_SYSTEM, exp_collectors_parse("routes", bad, sizeof(bad)));
}

static void test_exposition(void **state)
{
    (void)state;
    struct exp_metrics m = {0};
    exp_metric_add(&m, "panos_interface_up", 1, "interface", "a\"b\\c\nd", NULL);
    exp_metric_add(&m, "panos_up", 1, NULL);
    exp_metric_add(&m, "panos_interface_up", 0, "interface", "x", NULL);
    exp_metric_add(&m, "panos_interface_up", 1, "interface", "x", NULL); /* repeated: dropped */
    char *text;
    size_t len;
    CHECK_EQ(0, exp_metrics_render(&m, &text, &len));
    CHECK_STR("# HELP panos_up 1 when the firewall answered show system info with an accepted "
              "key.\n# TYPE panos_up gauge\npanos_up 1\n"
              "# HELP panos_interface_up 1 when the hardware interface link is up.\n"
              "# TYPE panos_interface_up gauge\n"
              "panos_interface_up{interface=\"a\\\"b\\\\c\\nd\"} 1\n"
              "panos_interface_up{interface=\"x\"} 0\n",
              text);
    free(text);
    exp_metrics_clear(&m);
    char bad[32];
    CHECK_EQ(0, (int)exp_collectors_parse("system bogus", bad, sizeof(bad)));
    CHECK_STR("bogus", bad);
}

/* Load @p text as a config file of mode @p mode; returns exp_config_load's result. */
static int load_text(struct exp_config *c, const char *text, unsigned mode, char *err,
                     size_t errlen)
{
    char path[] = "/tmp/test-exporter-conf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal((ssize_t)strlen(text), write(fd, text, strlen(text)));
    close(fd);
    chmod(path, mode);
    int rc = exp_config_load(c, path, err, errlen);
    unlink(path);
    return rc;
}

static void test_config(void **state)
{
    (void)state;
    struct exp_config c;
    char err[512];
    const char *text = "[global]\nmax-inflight = 10\n"
                       "[defaults]\nkey-file = /k\nca-file = /ca.pem\ntimeout = 3\n"
                       "[target a]\nhost = 192.0.2.1\n"
                       "[target b]\nhost = [2001:db8::1]:8443\npin = AB:CD\napi-key-env = K\n"
                       "[module m]\ncollectors = system ha\n";
    CHECK_EQ(0, load_text(&c, text, 0600, err, sizeof(err)));
    CHECK_EQ(10, c.max_inflight);
    CHECK_EQ(2, c.max_inflight_per_target);
    const struct exp_target *a = exp_config_target(&c, "a"), *b = exp_config_target(&c, "b");
    assert_non_null(a);
    assert_non_null(b);
    struct exp_auth ma = a->a, mb = b->a;
    exp_auth_merge(&ma, &c.defaults);
    exp_auth_merge(&mb, &c.defaults);
    CHECK_STR("/k", ma.key_file);
    CHECK_STR("/ca.pem", ma.ca_file);
    CHECK_EQ(3, ma.timeout_s);
    /* A target's own pin and key source: nothing of those groups is inherited. */
    assert_null(mb.ca_file);
    assert_null(mb.key_file);
    CHECK_STR("K", mb.api_key_env);
    CHECK_EQ(EXP_C_SYSTEM | EXP_C_HA, exp_config_module(&c, "m")->collectors);
    CHECK_EQ(EXP_C_ALL, exp_config_module(&c, "default")->collectors);
    exp_config_free(&c);
    /* Readable by others; unknown sections; a target without host. */
    CHECK_EQ(-1, load_text(&c, text, 0644, err, sizeof(err)));
    CHECK_TRUE(strstr(err, "group or others") != NULL);
    exp_config_free(&c);
    CHECK_EQ(-1, load_text(&c, "[global]\n[bogus]\n", 0600, err, sizeof(err)));
    CHECK_TRUE(strstr(err, ":2: unknown section [bogus]") != NULL);
    exp_config_free(&c);
    CHECK_EQ(-1, load_text(&c, "[target x]\ntimeout = 3\n", 0600, err, sizeof(err)));
    CHECK_TRUE(strstr(err, "target 'x' has no host") != NULL);
    exp_config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_system_info),
        cmocka_unit_test(test_time_content),
        cmocka_unit_test(test_resources_both_formats),
        cmocka_unit_test(test_dataplane),
        cmocka_unit_test(test_sessions_interfaces),
        cmocka_unit_test(test_ha),
        cmocka_unit_test(test_slow),
        cmocka_unit_test(test_ha_all_routes_ike),
        cmocka_unit_test(test_exposition),
        cmocka_unit_test(test_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
