"""Fictional but well-formed identifiers: ID numbers, mobile numbers and credit codes.

Pure functions on plain values. ID numbers follow GB 11643 (check character from
`directory.identity.id_check_char`); unified social credit codes follow GB 32100 with a GB 11714
organisation code inside.
"""

import datetime as dt

from directory.identity import id_check_char

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def id_number(*, area: str, born_on: dt.date, order: int, male: bool) -> str:
    """An 18-character ID number; `order` (0–499) picks the sequence code, whose last digit is
    odd for men and even for women (GB 11643)."""
    if len(area) != 6 or not 0 <= order < 500:
        raise ValueError("area must have 6 digits and order lie in 0..499")
    sequence = 2 * order + (1 if male else 0)
    first17 = f"{area}{born_on:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def organisation_code(body: str) -> str:
    """A 9-character organisation code: 8 characters and the GB 11714 check character."""
    total = sum(ORG_CHARS.index(c) * w for c, w in zip(body, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(*, area: str, serial: int, org_type: str = "2") -> str:
    """A unified social credit code of a social organisation registered by civil affairs ("5").

    `org_type` is "1" for a social group (社会团体), "2" for a social service agency (社会服务机构).
    """
    first17 = "5" + org_type + area + organisation_code(f"MJ{serial:06d}")
    return first17 + credit_check_char(first17)


def credit_check_char(first17: str) -> str:
    """The GB 32100 check character over the first 17 characters (modulo 31)."""
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]
