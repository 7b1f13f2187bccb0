"""Passwords are stored with Argon2id (accounts/hashers.py); older PBKDF2 hashes still sign in
and are rehashed on the way."""

import pytest
from django.contrib.auth.hashers import (
    PBKDF2PasswordHasher,
    check_password,
    get_hasher,
    identify_hasher,
    make_password,
)

from accounts.hashers import PortalArgon2PasswordHasher
from config.settings import base
from tests import factories


@pytest.fixture
def portal_hashers(settings):
    """The production list instead of the test suite's fast MD5."""
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS


def test_argon2id_is_first_and_pbkdf2_still_listed():
    assert base.PASSWORD_HASHERS[0] == "accounts.hashers.PortalArgon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in base.PASSWORD_HASHERS


def test_new_hashes_use_the_chosen_parameters(portal_hashers):
    encoded = make_password("demo12345")
    assert isinstance(get_hasher(), PortalArgon2PasswordHasher)
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("demo12345", encoded)
    assert not check_password("demo12346", encoded)


def test_pbkdf2_hash_signs_in_and_is_rehashed(portal_hashers, db):
    pbkdf2 = PBKDF2PasswordHasher()
    user = factories.UserFactory()
    user.password = pbkdf2.encode("demo12345", pbkdf2.salt(), iterations=1000)
    user.save(update_fields=["password"])

    assert user.check_password("demo12345")

    user.refresh_from_db()
    assert isinstance(identify_hasher(user.password), PortalArgon2PasswordHasher)
    assert user.check_password("demo12345")


def test_argon2_hash_with_other_parameters_is_rehashed(portal_hashers, db):
    class CheaperArgon2(PortalArgon2PasswordHasher):
        time_cost = 1
        memory_cost = 1024

    user = factories.UserFactory()
    user.password = CheaperArgon2().encode("demo12345", CheaperArgon2().salt())
    user.save(update_fields=["password"])

    assert user.check_password("demo12345")

    user.refresh_from_db()
    assert "$m=19456,t=2,p=1$" in user.password
