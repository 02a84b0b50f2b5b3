"""Field validation shared by every form and the command line (Qt-free, bilingual errors)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from core.errors import Term, ValidationError

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
# Landline: area code 0 + 2–3 digits, then a 7–8 digit number; optional extension.
LANDLINE_RE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$", re.ASCII)
SERVICE_RE = re.compile(r"^(1\d{4}|400\d{7}|800\d{7}|95\d{3,6}|96\d{3,6}|12\d{3})$", re.ASCII)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

FIELD_NAMES: dict[str, Term] = {
    "visitor_name": Term("姓名", "Name"),
    "visitor_phone": Term("电话", "Phone"),
    "visitor_unit": Term("单位", "Unit"),
    "id_number": Term("身份证号", "ID number"),
    "subject": Term("事项", "Matter"),
    "description": Term("情况说明", "Description"),
    "note": Term("备注", "Note"),
    "reason": Term("理由", "Reason"),
    "result": Term("办理结果", "Result"),
    "place": Term("去向", "Place"),
    "location": Term("地点", "Location"),
    "contact": Term("联系方式", "Contact"),
    "material": Term("材料名称", "Material"),
    "copies": Term("份数", "Copies"),
    "pages": Term("页数", "Pages"),
    "channel": Term("渠道", "Channel"),
    "kind": Term("类型", "Kind"),
    "method": Term("答复方式", "Method"),
    "evaluation": Term("评价", "Evaluation"),
    "name": Term("名称", "Name"),
    "username": Term("用户名", "User name"),
    "password": Term("密码", "Password"),
    "due_at": Term("到期时间", "Due time"),
}

LIMITS = {
    "visitor_name": 60, "visitor_phone": 30, "visitor_unit": 100, "subject": 200,
    "description": 4000, "note": 1000, "reason": 1000, "result": 4000, "place": 200,
    "location": 200, "contact": 100, "material": 100, "name": 100, "username": 40,
}


def _label(field: str) -> Term:
    return FIELD_NAMES.get(field, Term(field, field))


def clean_text(value: str | None, field: str, *, required: bool = False,
               limit: int | None = None, multiline: bool = False) -> str:
    """Strip, refuse control and bidi-override characters, check presence and length."""
    text = (value or "").replace("\r\n", "\n").strip()
    allowed_controls = {"\n", "\t"} if multiline else set()
    for ch in text:
        cat = unicodedata.category(ch)
        if (cat in {"Cc", "Cs", "Co", "Cn"} and ch not in allowed_controls) or cat == "Cf":
            raise ValidationError("bad_char", at=field, field=_label(field),
                                  value=f"U+{ord(ch):04X}")
    if required and not text:
        raise ValidationError("required", at=field, field=_label(field))
    max_len = limit if limit is not None else LIMITS.get(field, 200)
    if len(text) > max_len:
        raise ValidationError("too_long", at=field, field=_label(field), limit=max_len)
    return text


def normalize_phone(value: str | None, *, required: bool = False) -> str:
    """Chinese mobile (11 digits, 1[3-9]), landline with area code, or service numbers."""
    raw = (value or "").strip()
    # Full-width digits (１３８…) become ASCII; other scripts' digits stay and are refused.
    compact = re.sub(r"[\s()]", "", unicodedata.normalize("NFKC", raw))
    if compact.startswith("+86"):
        compact = compact[3:]
    elif compact.startswith("0086"):
        compact = compact[4:]
    if raw and not compact:  # only a country code: what was typed must not vanish silently
        raise ValidationError("bad_phone", at="visitor_phone", value=raw[:40])
    if not compact:
        if required:
            raise ValidationError("required", at="visitor_phone", field=_label("visitor_phone"))
        return ""
    digits = compact.replace("-", "")
    if MOBILE_RE.match(digits):
        return digits
    if LANDLINE_RE.match(compact) or (compact.isdigit() and LANDLINE_RE.match(compact)):
        return compact
    if SERVICE_RE.match(digits):
        return digits
    # A service hotline behind a city's area code, e.g. 0571-12345.
    if re.fullmatch(r"0\d{2,3}-?(12\d{3}|9[56]\d{3,6})", compact, re.ASCII):
        return compact
    raise ValidationError("bad_phone", at="visitor_phone", value=raw[:40])


def check_id_number(value: str | None) -> str:
    """An 18-character resident ID with a valid check digit (GB 11643), or empty."""
    text = unicodedata.normalize("NFKC", value or "").strip().upper()
    if not text:
        return ""
    if not re.fullmatch(r"[0-9]{17}[0-9X]", text):
        raise ValidationError("bad_id_number", at="id_number", value=text[:20])
    total = sum(int(d) * w for d, w in zip(text[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != text[17]:
        raise ValidationError("bad_id_number", at="id_number", value=text[:20])
    return text


def check_int(value: object, field: str, low: int, high: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError("bad_number", at=field, field=_label(field),
                              low=low, high=high) from None
    if not low <= number <= high:
        raise ValidationError("bad_number", at=field, field=_label(field),
                              low=low, high=high)
    return number


def check_choice(value: str, field: str, choices: Container[str]) -> str:
    if value not in choices:
        raise ValidationError("bad_choice", at=field, field=_label(field), value=value)
    return value


def mask_phone(phone: str) -> str:
    """138****1234 for mobiles; landlines keep the area code and last 4 digits."""
    digits = phone.replace("-", "")
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(phone) >= 7:
        return phone[: len(phone) - 8] + "****" + phone[-4:] if len(phone) > 8 else "****" + phone[-4:]
    return "****" if phone else ""


def mask_id_number(value: str) -> str:
    return f"{value[:6]}********{value[-4:]}" if len(value) == 18 else ("****" if value else "")
