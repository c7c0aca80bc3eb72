/* SPDX-License-Identifier: MIT */
/* fleet.c -- pansim --devices: the model/release/HA mix of a fleet and per-device faults. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "fleet.h"

int sim_fleet_parse_fault(const char *arg, struct sim_fault *faults, size_t n, char *err,
                          size_t errlen)
{
    char *end = NULL;
    errno = 0;
    unsigned long idx = strtoul(arg, &end, 10);
    if (errno || end == arg || *end != ':' || arg[0] == '-' || arg[0] == '+' || idx < 1 ||
        idx > n) {
        snprintf(err, errlen, "--fault %s: expected INDEX:KIND with INDEX from 1 to %zu", arg, n);
        return -1;
    }
    const char *kind = end + 1;
    struct sim_fault f = {SIM_FAULT_NONE, 0};
    if (strcmp(kind, "hang") == 0) {
        f.kind = SIM_FAULT_HANG;
    } else if (strcmp(kind, "fail") == 0) {
        f.kind = SIM_FAULT_FAIL;
    } else if (strcmp(kind, "down") == 0) {
        f.kind = SIM_FAULT_DOWN;
    } else if (strncmp(kind, "slow=", 5) == 0 && kind[5] >= '0' && kind[5] <= '9') {
        errno = 0;
        unsigned long ms = strtoul(kind + 5, &end, 10);
        if (errno || *end != '\0' || ms < 1 || ms > 600000) {
            snprintf(err, errlen, "--fault %s: slow=MS takes 1 to 600000 milliseconds", arg);
            return -1;
        }
        f.kind = SIM_FAULT_SLOW;
        f.delay_ms = (long)ms;
    } else {
        snprintf(err, errlen, "--fault %s: KIND must be slow=MS, hang, fail or down", arg);
        return -1;
    }
    faults[idx - 1] = f;
    return 0;
}

void sim_fleet_mix(struct sim_device_options *o, int i)
{
    static const struct {
        const char *model, *release;
    } mix[] = {
        {"PA-VM", "10.2.11"},  {"PA-440", "10.1.14"}, {"PA-3220", "10.2.11"},
        {"PA-5220", "11.1.6"}, {"PA-5450", "11.1.6"},
    };
    int pair = i / 2;
    o->model = mix[pair % 5].model;
    o->sw_version = mix[pair % 5].release;
    o->ha = pair % 3 == 2 ? (i % 2 == 0 ? "active" : "passive") : NULL;
}

int sim_fleet_closed_port(const char *addr, unsigned int *port)
{
    struct sockaddr_storage ss;
    socklen_t len;
    memset(&ss, 0, sizeof(ss));
    int fam = addr != NULL && strchr(addr, ':') != NULL ? AF_INET6 : AF_INET;
    if (fam == AF_INET6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
        s6->sin6_family = AF_INET6;
        s6->sin6_addr = in6addr_loopback;
        len = sizeof(*s6);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
        s4->sin_family = AF_INET;
        s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof(*s4);
    }
    int fd = socket(fam, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    int rc = bind(fd, (struct sockaddr *)&ss, len) == 0 &&
                     getsockname(fd, (struct sockaddr *)&ss, &len) == 0
                 ? 0
                 : -1;
    close(fd);
    if (rc == 0)
        *port = ntohs(fam == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                      : ((struct sockaddr_in *)&ss)->sin_port);
    return rc;
}
