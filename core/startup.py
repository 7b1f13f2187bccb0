"""What a server process does once Django is set up, before it serves requests."""

import gc


def settle() -> None:
    """Move the objects made at start-up (modules, models, URL patterns, templates: about
    125,000) out of the garbage collector's reach. They live as long as the process, yet every
    full collection scans them again; large pages such as a province dashboard allocate enough
    to trigger several (measured: 196 → 158 ms). `bench` does the same to measure what a
    server does."""
    gc.collect()
    gc.freeze()
