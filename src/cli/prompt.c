/* SPDX-License-Identifier: MIT */
/* prompt.c -- the terminal password prompt: /dev/tty, echo off, the terminal restored on Ctrl-C. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "cli.h"

static volatile sig_atomic_t prompt_signal;

static void on_prompt_signal(int sig)
{
    prompt_signal = sig;
}

/*
 * Ask on the terminal with echo off. Only a line ended by Enter counts: end of input or a
 * signal gives -1, so a half-typed password is never sent (a failed login counts towards
 * lockout). Ctrl-C restores the terminal before the signal takes its usual effect.
 */
int cli_prompt_password(panos_buf *out, const char *user, const char *host)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct termios old, quiet;
    int have_termios = tcgetattr(fd, &old) == 0;
    char prompt[320];
    int n = snprintf(prompt, sizeof(prompt), "Password for %s@%s: ", user, host);
    if (n > 0 && write(fd, prompt, (size_t)n) < 0) {
        close(fd);
        return -1;
    }
    struct sigaction sa = {0}, old_int, old_term;
    sa.sa_handler = on_prompt_signal; /* no SA_RESTART: read() returns on Ctrl-C */
    prompt_signal = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    if (have_termios) {
        quiet = old;
        quiet.c_lflag &= (tcflag_t)~ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    char buf[1024];
    size_t len = 0;
    int complete = 0;
    char ch;
    while (len + 1 < sizeof(buf)) {
        ssize_t r = read(fd, &ch, 1);
        if (r != 1)
            break; /* end of input, or a signal */
        if (ch == '\n') {
            complete = 1;
            break;
        }
        buf[len++] = ch;
    }
    buf[len] = '\0';
    if (len > 0 && buf[len - 1] == '\r')
        buf[--len] = '\0';
    if (have_termios)
        tcsetattr(fd, TCSAFLUSH, &old);
    if (write(fd, "\n", 1) < 0) {
        /* the newline is cosmetic */
    }
    close(fd);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (prompt_signal)
        raise(prompt_signal); /* the terminal is back to normal: now take the signal */
    if (complete)
        out->ptr = strdup(buf);
    out->size = out->ptr ? len : 0;
    panos_wipe(buf, sizeof(buf));
    return out->ptr ? 0 : -1;
}
