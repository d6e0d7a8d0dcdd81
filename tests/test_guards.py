"""The guards' own helpers, apart from the hostile corpus (tests/test_hostile.py)."""

from __future__ import annotations

import base64
import random

import pdfminer.ascii85
import pytest

from pipeline.stages.guards import a85decode, hardened_pdfminer


def _outcome(decode, data):
    try:
        return decode(data)
    except ValueError as exc:
        return type(exc), str(exc)


@pytest.mark.parametrize("size", range(0, 42))
def test_ascii85_decodes_as_the_standard_library_does(size):
    rng = random.Random(size)
    data = rng.randbytes(size) + b"\0" * (4 * (size % 3)) + rng.randbytes(size % 5)  # zeros: «z» groups
    for wrap in (0, 7, 75):
        encoded = base64.a85encode(data, wrapcol=wrap)
        assert a85decode(encoded) == data
        assert a85decode(b" \r\n" + encoded + b"\v\t") == data


@pytest.mark.parametrize(
    "data",
    [b"", b"!", b"!!", b"87cURD]i", b"z", b"zz!!!!!z", b"!!z!!!", b"s8W-\"", b"s8W-!", b"uuuuu", b"87c\x0cURD", b"87cU~>", b"abc{", "87cURD", bytearray(b"87cURD")],
)
def test_what_the_standard_library_refuses_it_refuses_alike(data):
    assert _outcome(a85decode, data) == _outcome(base64.a85decode, data)


def test_random_ascii85_text_decodes_or_fails_as_the_standard_library_does():
    rng = random.Random(85)
    alphabet = bytes(range(33, 118)) * 2 + b"zz \n\t\r\v\x0c~y{"
    for _ in range(5000):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        assert _outcome(a85decode, data) == _outcome(base64.a85decode, data), data


def test_pdfminer_decodes_ascii85_with_it_only_while_a_pdf_is_read():
    plain = pdfminer.ascii85.a85decode
    with hardened_pdfminer():
        assert pdfminer.ascii85.a85decode is a85decode
        assert pdfminer.ascii85.ascii85decode(b"<~87cURDZ~>") == b"Hello"
    assert pdfminer.ascii85.a85decode is plain
