/* SPDX-License-Identifier: MIT */
/* families.c -- every metric family the exporter emits: name, type and HELP, in output order. */
#include <string.h>
#include "families.h"

/* clang-format off */
static const struct exp_family fams[] = {
    {"panos_up", "gauge", "1 when the firewall answered show system info with an accepted key."},
    {"panos_up_reason", "gauge", "Why panos_up is 0 (1 for the reason; no secrets)."},
    {"panos_scrape_duration_seconds", "gauge", "Time this probe took."},
    {"panos_command_duration_seconds", "gauge",
     "Time of each API command of this probe (slow tier: of its last refresh)."},
    {"panos_command_success", "gauge",
     "1 when the command answered and its answer was understood."},
    {"panos_command_errors_total", "counter",
     "Failed API commands since the exporter started, by reason."},
    {"panos_api_key_regenerations_total", "counter",
     "API keys made again after the firewall refused the key."},
    {"panos_api_key_expiry_timestamp_seconds", "gauge", "When the API key expires (when known)."},
    {"panos_cache_age_seconds", "gauge",
     "Age of the cached slow-tier data served with this probe."},
    {"panos_entities", "gauge",
     "Entities found, exported and omitted by the cardinality caps, per family."},
    {"panos_system_info", "gauge", "Identity of the firewall (value 1)."},
    {"panos_uptime_seconds", "gauge", "Time since the firewall booted."},
    {"panos_content_info", "gauge", "Installed content versions (value 1)."},
    {"panos_content_release_timestamp_seconds", "gauge",
     "Release time of each installed content package."},
    {"panos_mgmt_cpu_ratio", "gauge",
     "Management-plane CPU time by mode (0-1) at the last top sample."},
    {"panos_mgmt_memory_bytes", "gauge", "Management-plane memory by state."},
    {"panos_mgmt_load1", "gauge", "Management-plane 1-minute load average."},
    {"panos_mgmt_load5", "gauge", "Management-plane 5-minute load average."},
    {"panos_mgmt_load15", "gauge", "Management-plane 15-minute load average."},
    {"panos_dataplane_cpu_ratio", "gauge",
     "Data-plane core load, average of the last minute (0-1)."},
    {"panos_dataplane_cpu_max_ratio", "gauge",
     "Data-plane core load, maximum of the last minute (0-1)."},
    {"panos_dataplane_resource_utilization_ratio", "gauge",
     "Data-plane resource utilisation (0-1)."},
    {"panos_sessions_active", "gauge", "Active sessions."},
    {"panos_sessions_max", "gauge", "Size of the session table."},
    {"panos_sessions_active_by_protocol", "gauge", "Active sessions by protocol."},
    {"panos_throughput_bytes_per_second", "gauge", "Throughput computed by the firewall (its kbps / 8 * 1000)."},
    {"panos_packets_per_second", "gauge", "Packet rate computed by the firewall."},
    {"panos_connections_per_second", "gauge",
     "New connections per second computed by the firewall."},
    {"panos_interface_up", "gauge", "1 when the hardware interface link is up."},
    {"panos_interface_speed_bytes_per_second", "gauge", "Negotiated interface speed (Mb/s / 8 * 1e6)."},
    {"panos_interface_receive_bytes_total", "counter", "Bytes received."},
    {"panos_interface_transmit_bytes_total", "counter", "Bytes sent."},
    {"panos_interface_receive_packets_total", "counter", "Packets received."},
    {"panos_interface_transmit_packets_total", "counter", "Packets sent."},
    {"panos_interface_receive_errors_total", "counter", "Receive errors."},
    {"panos_interface_receive_drops_total", "counter", "Packets dropped on receive."},
    {"panos_ha_enabled", "gauge", "1 when high availability is enabled."},
    {"panos_ha_local_state", "gauge", "HA state of this firewall (1 for the current state)."},
    {"panos_ha_peer_state", "gauge", "HA state of the peer (1 for the current state)."},
    {"panos_ha_peer_connected", "gauge", "1 when the HA peer is connected."},
    {"panos_ha_config_synchronized", "gauge", "1 when the running configuration is synchronized."},
    {"panos_ha_link_up", "gauge", "1 when the HA link is up."},
    {"panos_ha_link_monitoring_interface_up", "gauge",
     "1 when an interface HA link monitoring watches is up (cached, slow tier)."},
    {"panos_license_expiry_timestamp_seconds", "gauge",
     "When each licence expires (cached, slow tier)."},
    {"panos_license_expired", "gauge", "1 when the licence has expired (cached, slow tier)."},
    {"panos_license_perpetual", "gauge", "1 when the licence never expires (cached, slow tier)."},
    {"panos_certificate_expiry_timestamp_seconds", "gauge",
     "When each certificate expires (cached, slow tier)."},
    {"panos_temperature_celsius", "gauge", "Temperature sensors (cached, slow tier)."},
    {"panos_fan_speed_rpm", "gauge", "Fan speeds (cached, slow tier)."},
    {"panos_voltage_volts", "gauge", "Power rails (cached, slow tier)."},
    {"panos_power_supply_present", "gauge",
     "1 when the power supply is inserted (cached, slow tier)."},
    {"panos_environment_alarm", "gauge", "1 when the sensor raises an alarm (cached, slow tier)."},
    {"panos_filesystem_size_bytes", "gauge", "Filesystem size (cached, slow tier)."},
    {"panos_filesystem_avail_bytes", "gauge", "Filesystem space available (cached, slow tier)."},
    {"panos_ipsec_tunnel_up", "gauge", "1 when the configured IPsec tunnel is active."},
    {"panos_ipsec_sa_active", "gauge", "Established IPsec security associations."},
    {"panos_ike_sa_active", "gauge", "IKE gateways with an established phase-1 SA."},
    {"panos_ike_gateway_up", "gauge", "1 for each IKE gateway with an established phase-1 SA."},
    {"panos_globalprotect_gateway_users", "gauge",
     "Users connected to each GlobalProtect gateway."},
    {"panos_globalprotect_users", "gauge", "Users connected to all GlobalProtect gateways."},
    {"panos_bgp_peer_state", "gauge", "BGP peer state (1 for the current state)."},
    {"panos_bgp_peer_uptime_seconds", "gauge", "Time the BGP peer has been in its state."},
    {"panos_route_table_routes", "gauge",
     "Routes of each virtual router by type (cached, slow tier; legacy routing engine)."},
};
/* clang-format on */

int exp_family_index(const char *name)
{
    for (size_t i = 0; i < sizeof(fams) / sizeof(fams[0]); i++)
        if (strcmp(fams[i].name, name) == 0)
            return (int)i;
    return -1;
}

const struct exp_family *exp_family_at(int i)
{
    return &fams[i];
}

size_t exp_family_count(void)
{
    return sizeof(fams) / sizeof(fams[0]);
}
