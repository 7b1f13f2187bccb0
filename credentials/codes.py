"""Certificate codes: a long random code for URLs and QR codes, a short one to type from paper."""

import re
import secrets

SHORT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
SHORT_LENGTH = 10
LONG_CODE = re.compile(r"^[A-Za-z0-9_-]{32}$")
SHORT_CODE = re.compile(rf"^[{SHORT_ALPHABET}]{{{SHORT_LENGTH}}}$")


def new_code() -> str:
    """192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


def new_short_code() -> str:
    """10 characters of Crockford base32 (50 bits); looked up only with a rate limit."""
    return "".join(secrets.choice(SHORT_ALPHABET) for _ in range(SHORT_LENGTH))


def normalise_short_code(typed: str) -> str:
    """Upper-case, drop spaces and dashes, read O as 0 and I/L as 1 (Crockford)."""
    cleaned = re.sub(r"[\s-]", "", typed or "").upper()
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def code_kind(value: str) -> str | None:
    """ "long" or "short" when `value` has the shape of a code, else None."""
    if LONG_CODE.match(value or ""):
        return "long"
    if SHORT_CODE.match(normalise_short_code(value)):
        return "short"
    return None
