"""Spotting personal data in free text (PIPL): plain functions on strings, no ORM.

Session records describe cases; a national ID or mobile number typed into them would spread
personal data into archives and portfolios (R7), so the form warns before saving.
"""

import re

from directory import identity

ID_CANDIDATE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
MOBILE_CANDIDATE = re.compile(
    r"(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9])"
)


def sensitive_kinds(text: str) -> set[str]:
    """ "id_number" when the text holds a valid-looking ID number (GB 11643 check digit),
    "mobile" when it holds a mainland mobile number; an empty set otherwise."""
    found: set[str] = set()
    for candidate in ID_CANDIDATE.findall(text or ""):
        try:
            identity.parse_id_number(candidate)
        except identity.IdentityError:
            continue
        found.add("id_number")
    for candidate in MOBILE_CANDIDATE.findall(text or ""):
        try:
            identity.parse_mobile(candidate)
        except identity.IdentityError:
            continue
        found.add("mobile")
    return found
