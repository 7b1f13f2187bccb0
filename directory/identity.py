"""Rules for Chinese identity data: national ID numbers (GB 11643-1999) and mobile numbers.

Pure functions on plain values; no Django models, no clock.
"""

import datetime as dt
import re

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


class IdentityError(ValueError):
    """A value that is not a valid ID or mobile number; `code` names the reason."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def normalise_id_number(value: str) -> str:
    """Strip spaces and upper-case the check character (a lower-case x is common)."""
    return re.sub(r"\s+", "", value or "").upper()


def id_check_char(first17: str) -> str:
    """The GB 11643 check character: ISO 7064 MOD 11-2 over the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def parse_id_number(value: str) -> tuple[str, dt.date, str]:
    """Validate an 18-character ID number; return (normalised, birth date, gender "M"/"F").

    Raises IdentityError with code "format", "birth_date" or "check_digit".
    """
    number = normalise_id_number(value)
    if not ID_PATTERN.match(number):
        raise IdentityError("format")
    try:
        born_on = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdentityError("birth_date") from None
    if born_on.year < 1900:
        raise IdentityError("birth_date")
    if id_check_char(number[:17]) != number[17]:
        raise IdentityError("check_digit")
    gender = "M" if int(number[16]) % 2 else "F"
    return number, born_on, gender


def normalise_mobile(value: str) -> str:
    """Digits of a mainland mobile number, without separators or the +86 / 0086 prefix."""
    digits = re.sub(r"[\s\-()]", "", value or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    if not MOBILE_PATTERN.match(digits):
        raise IdentityError("mobile")
    return digits


def mask_id_number(number: str) -> str:
    """`4301**********1234`: the province-city prefix and last four only."""
    if not number:
        return ""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_mobile(number: str) -> str:
    """`138****5678`."""
    if not number:
        return ""
    return number[:3] + "****" + number[-4:]
