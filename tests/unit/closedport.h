/* SPDX-License-Identifier: MIT */
/* closedport.h -- unit-test helper: a loopback port nothing listens on (connections refused). */
#ifndef PANOS_TEST_CLOSEDPORT_H
#define PANOS_TEST_CLOSEDPORT_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"

/* A port on 127.0.0.1 that was free a moment ago: bound by the kernel's choice, then closed. */
static inline unsigned int closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t sl = sizeof(sa);
    CHECK_TRUE(fd >= 0);
    CHECK_EQ(0, bind(fd, (struct sockaddr *)&sa, sizeof(sa)));
    CHECK_EQ(0, getsockname(fd, (struct sockaddr *)&sa, &sl));
    close(fd);
    return ntohs(sa.sin_port);
}

#endif
