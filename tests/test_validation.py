"""Bad input is refused at the field with a clear message (phones, IDs, lengths, controls)."""

from __future__ import annotations

import pytest

from core.cases.validation import (
    check_id_number,
    clean_text,
    mask_id_number,
    mask_phone,
    normalize_phone,
)
from core.errors import ValidationError


@pytest.mark.parametrize("raw,expected", [
    ("13800138000", "13800138000"),
    ("138 0013 8000", "13800138000"),
    ("+86 138-0013-8000", "13800138000"),
    ("010-62345678", "010-62345678"),
    ("0571 87654321", "057187654321"),
    ("12345", "12345"),
    ("0571-12345", "0571-12345"),
    ("95598", "95598"),
])
def test_valid_phones_are_normalised(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["1380013800", "23800138000", "12345x", "abc", "0000000",
                                 "138001380001"])
def test_bad_phones_are_refused_naming_the_field(raw):
    with pytest.raises(ValidationError) as e:
        normalize_phone(raw)
    assert e.value.field == "visitor_phone"
    assert "电话号码格式不正确" in e.value.message()


def test_id_number_check_digit():
    assert check_id_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(ValidationError):
        check_id_number("110105194912310021")
    assert mask_id_number("11010519491231002X") == "110105********002X"


def test_masks():
    assert mask_phone("13812341234") == "138****1234"
    assert "****" in mask_phone("010-62345678") and mask_phone("010-62345678").endswith("5678")


def test_lengths_required_and_control_characters():
    with pytest.raises(ValidationError) as e:
        clean_text("", "subject", required=True)
    assert e.value.message() == "请填写事项。"
    with pytest.raises(ValidationError) as e:
        clean_text("字" * 201, "subject")
    assert e.value.message("en") == "Matter must be at most 200 characters."
    for bad in ("a\x00b", "abc\u202edef", "x\x1by"):
        with pytest.raises(ValidationError):
            clean_text(bad, "subject")
    assert clean_text("  第一行\r\n第二行 ", "description", multiline=True) == "第一行\n第二行"
