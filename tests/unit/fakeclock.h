/* SPDX-License-Identifier: MIT */
/* fakeclock.h -- unit-test helper: a struct panos__clock that moves only when the code sleeps. */
#ifndef PANOS_TEST_FAKECLOCK_H
#define PANOS_TEST_FAKECLOCK_H

/* A clock that only moves when the code under test sleeps (or a request "takes" time); the
 * sleeps are recorded, never slept. */
struct fake_clock {
    long long now;
    long slept[16];
    int nslept;
};

static inline long long fake_now(void *payload)
{
    return ((struct fake_clock *)payload)->now;
}

static inline void fake_sleep(void *payload, long ms)
{
    struct fake_clock *f = payload;
    if (f->nslept < 16)
        f->slept[f->nslept++] = ms;
    f->now += ms;
}

#endif
