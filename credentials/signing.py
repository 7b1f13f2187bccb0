"""Ed25519 signatures (from `cryptography`) over certificate JSON, checkable offline.

The private key comes from CERTIFICATE_SIGNING_KEY (base64 of the 32-byte seed). The public
key is published at /verify/public-key.pem; a copy of a certificate's JSON can be checked with it
and `manage.py verify_certificate`.
"""

import base64
import json
from functools import cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

ALGORITHM = "Ed25519"


def canonical(payload: dict) -> bytes:
    """The exact bytes that are signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@cache
def _private_key(seed_b64: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(seed_b64))


def private_key() -> Ed25519PrivateKey:
    return _private_key(settings.CERTIFICATE_SIGNING_KEY)


def public_key_pem() -> bytes:
    return (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


def sign(payload: dict) -> dict:
    """A signed document: the payload, the algorithm and the base64 signature."""
    signature = private_key().sign(canonical(payload))
    return {
        "certificate": payload,
        "algorithm": ALGORITHM,
        "signature": base64.b64encode(signature).decode(),
    }


def verify(document: dict, *, public_pem: bytes | None = None) -> bool:
    """Whether `document` (as `sign` returns it) carries a valid signature."""
    key = serialization.load_pem_public_key(public_pem or public_key_pem())
    if not isinstance(key, Ed25519PublicKey) or document.get("algorithm") != ALGORITHM:
        return False
    try:
        key.verify(base64.b64decode(document["signature"]), canonical(document["certificate"]))
    except (InvalidSignature, KeyError, TypeError, ValueError):
        return False
    return True
