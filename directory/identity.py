"""Rules for Chinese identity data: national ID numbers (GB 11643-1999) and mobile numbers.

Pure functions on plain values; no Django models, no clock. `normalise_id_number` and
`normalise_mobile` are the one way each kind of number is written before it is validated,
hashed, stored or looked up: typed on a phone or copied from Word or Excel, the same number
arrives with full-width digits, ideographic spaces or a lower-case x.
"""

import datetime as dt
import re
import unicodedata

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^[0-9]{17}[0-9X]$")
MOBILE_PATTERN = re.compile(r"^1[3-9][0-9]{9}$")
# Separators people type inside a mobile number (after NFKC): dashes of every width, brackets.
MOBILE_SEPARATORS = re.compile(r"[-\u2010-\u2015\u2212()]")
MOBILE_PREFIXES = ("+86", "0086")


class IdentityError(ValueError):
    """A value that is not a valid ID or mobile number; `code` names the reason."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _folded(value: str) -> str:
    """NFKC (full-width digits, letters and signs become ASCII), without any whitespace
    (U+3000 and no-break spaces included) or invisible format characters (BOM, zero-width)."""
    text = unicodedata.normalize("NFKC", value or "")
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def normalise_id_number(value: str) -> str:
    """The ID number as stored and hashed: ASCII, no spaces, an upper-case check character X.
    Never raises; `parse_id_number` validates."""
    return _folded(value).upper()


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
    """The mobile number as stored and hashed: ASCII, without spaces, dashes, brackets or the
    +86 / 0086 prefix. Never raises; `parse_mobile` validates."""
    digits = MOBILE_SEPARATORS.sub("", _folded(value))
    for prefix in MOBILE_PREFIXES:
        if digits.startswith(prefix):
            return digits[len(prefix) :]
    return digits


def parse_mobile(value: str) -> str:
    """Validate a mainland mobile number; return it normalised. Raises IdentityError("mobile")."""
    number = normalise_mobile(value)
    if not MOBILE_PATTERN.match(number):
        raise IdentityError("mobile")
    return number


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
