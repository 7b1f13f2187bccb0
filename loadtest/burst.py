"""A sign-in burst in the middle of the mixed load: 50 people browse (loadtest/locustfile.py),
then a training room of 40 signs in within a second. `loadtest/run.sh burst` runs it; the
summary's "pages during the burst" line is the one to watch (p99 under 500 ms).

    locust -f loadtest/burst.py --headless --run-time 100s --host http://127.0.0.1:8000
"""

import os

from locust import LoadTestShape, between

from loadtest import journeys
from loadtest.locustfile import (  # noqa: F401  (locust runs every user class it finds here)
    CountyAdmin,
    Supervisor,
    Verifier,
    Worker,
    page_tasks,
)

BROWSING_USERS = 50
BURST_USERS = 40
BURST_AT_SECONDS = int(os.environ.get("LOAD_BURST_AT", 45))
RUN_SECONDS = int(os.environ.get("LOAD_RUN_SECONDS", 90))


class SignInBurst(Worker):
    """One of the room: signs in, opens the home page, then reads for a while."""

    journey = "burst"
    accounts = "burst"
    wait_time = between(10, 20)
    tasks = page_tasks(journeys.WORKER)


class Burst(LoadTestShape):
    """50 browsing users started at 5 a second; at BURST_AT_SECONDS, 40 more at once."""

    def tick(self):
        elapsed = self.get_run_time()
        if elapsed >= RUN_SECONDS:
            return None
        if elapsed < BURST_AT_SECONDS:
            return BROWSING_USERS, 5, [Worker, Supervisor, CountyAdmin, Verifier]
        return BROWSING_USERS + BURST_USERS, BURST_USERS, [SignInBurst]
