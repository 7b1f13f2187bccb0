import copy

from credentials import codes, signing


def test_long_codes_carry_at_least_128_bits():
    code = codes.new_code()
    assert len(code) == 32 and codes.code_kind(code) == "long"  # 24 random bytes


def test_short_code_is_typed_forgivingly():
    short = codes.new_short_code()
    typed = (short[:5] + "-" + short[5:]).lower().replace("0", "o").replace("1", "l")
    assert codes.normalise_short_code(typed) == short
    assert codes.code_kind(typed) == "short"


def test_wrong_shapes_are_not_codes():
    for value in ["", "abc", "../../etc/passwd", "x" * 33, "UUUUUUUUUU"]:
        assert codes.code_kind(value) is None


def test_signature_verifies_and_fails_on_a_changed_byte(settings):
    document = signing.sign({"holder": {"name": "王芳"}, "minutes": 1230})
    assert signing.verify(document)
    changed = copy.deepcopy(document)
    changed["certificate"]["minutes"] = 1231
    assert not signing.verify(changed)
    flipped = copy.deepcopy(document)
    flipped["signature"] = ("A" if document["signature"][0] != "A" else "B") + document[
        "signature"
    ][1:]
    assert not signing.verify(flipped)


def test_signature_checks_against_a_published_key_offline():
    document = signing.sign({"a": 1})
    assert signing.verify(document, public_pem=signing.public_key_pem())
