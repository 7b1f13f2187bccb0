"""How passwords are stored: Argon2id at OWASP's minimum cost (docs/deploy.md, "Passwords").

Django's PBKDF2 (1,000,000 rounds) costs about 0.4 s of a core per sign-in, so a training room
signing in together queues every other page behind it. Argon2id is memory-hard: a guess costs
an attacker 19 MiB of memory as well as time, so far fewer rounds keep it as strong.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with m=19 MiB, t=2, p=1: OWASP's first recommended setting (about 40 ms of
    one core). Hashes with other parameters (Django's defaults, older choices) are rehashed
    with these when their owner next signs in."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
