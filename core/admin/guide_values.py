"""What a service guide (办事指南) says about an item and its materials, as values the program
stores and prints — with "the guide does not say" kept as its own value, never filled in.

Real guides leave fees, 即办件, copies or the original/copy question blank, ask for
"原件及复印件" or "原件（查验）", make a material conditional ("如委托他人办理，须提供…") or
give only a statutory limit, sometimes in calendar days (docs/catalogue-import.md)."""

from __future__ import annotations

import re

from core.errors import Term, english

UNKNOWN_TEXT = "以窗口告知为准"
"""Printed wherever the guide is silent (fees, copies, original or copy, 即办件)."""
UNKNOWN = Term(UNKNOWN_TEXT, "ask at the window")

# Material forms; "" is "the guide does not say".
ORIGINAL, COPY, ORIGINAL_AND_COPY, ORIGINAL_CHECK = "original", "copy", "original_and_copy", "original_check"
FORMS: dict[str, Term] = {
    ORIGINAL: Term("原件", "Original"),
    COPY: Term("复印件", "Copy"),
    ORIGINAL_AND_COPY: Term("原件及复印件", "Original and copy"),
    ORIGINAL_CHECK: Term("原件（查验）", "Original (shown, returned)"),
    "": Term("未注明", "Not stated"),
}
_FORM_WORDS: dict[str, str] = {
    "原件": ORIGINAL, "原": ORIGINAL, "original": ORIGINAL, "正本": ORIGINAL,
    "复印件": COPY, "复印": COPY, "复": COPY, "copy": COPY, "复制件": COPY,
    "原件及复印件": ORIGINAL_AND_COPY, "原件和复印件": ORIGINAL_AND_COPY,
    "原件、复印件": ORIGINAL_AND_COPY, "原件与复印件": ORIGINAL_AND_COPY,
    "原件+复印件": ORIGINAL_AND_COPY, "原件/复印件": ORIGINAL_AND_COPY,
    "原件,复印件": ORIGINAL_AND_COPY, "原件，复印件": ORIGINAL_AND_COPY,
    "originalandcopy": ORIGINAL_AND_COPY,
    "原件（查验）": ORIGINAL_CHECK, "原件(查验)": ORIGINAL_CHECK, "原件查验": ORIGINAL_CHECK,
    "查验原件": ORIGINAL_CHECK, "原件（核验）": ORIGINAL_CHECK, "原件(核验)": ORIGINAL_CHECK,
    "原件核验": ORIGINAL_CHECK, "核验原件": ORIGINAL_CHECK, "原件（验后退还）": ORIGINAL_CHECK,
    "原件(验后退还)": ORIGINAL_CHECK, "验原件": ORIGINAL_CHECK,
    "original(shown,returned)": ORIGINAL_CHECK,  # FORMS' English, as an English template has it
}

# Whether a material must be handed in; "" is "the guide does not say".
REQUIRED, OPTIONAL, CONDITIONAL = "required", "optional", "conditional"
REQUIREMENTS: dict[str, Term] = {
    REQUIRED: Term("必需", "Required"),
    OPTIONAL: Term("非必需", "Optional"),
    CONDITIONAL: Term("有条件", "Conditional"),
    "": Term("未注明", "Not stated"),
}
_REQUIREMENT_WORDS: dict[str, str] = {
    **dict.fromkeys(("是", "必需", "必须", "必要", "必交", "必填", "y", "yes", "true", "1", "√",
                     "✓", "t", "required"), REQUIRED),
    **dict.fromkeys(("否", "非必需", "非必要", "非必须", "可选", "选填", "选交", "n", "no",
                     "false", "0", "×", "f", "optional"), OPTIONAL),
    **dict.fromkeys(("有条件", "条件必需", "条件必要", "视情况", "视情况提供", "按需", "按需提供",
                     "情形", "conditional"), CONDITIONAL),
}

# Units of a time limit. Working days skip weekends and holidays; calendar days count every
# day, and a period ending on a day off runs to the next working day (docs/time-limits.md).
WORKING, CALENDAR = "working", "calendar"
LIMIT_UNITS: dict[str, Term] = {
    WORKING: Term("个工作日", " working days"),
    CALENDAR: Term("个自然日", " calendar days"),
}
_UNIT_WORDS: dict[str, str] = {
    "工作日": WORKING, "个工作日": WORKING, "working": WORKING, "workingdays": WORKING,
    "自然日": CALENDAR, "个自然日": CALENDAR, "日历日": CALENDAR, "天": CALENDAR,
    "calendar": CALENDAR, "calendardays": CALENDAR,
}

# "如委托他人办理，须提供…", "涉及章程修改的，须提交…", "配偶共同提取时提供": a material that is
# needed only in a stated case. The phrase found is kept as the condition.
_CONDITION = re.compile(
    r"(?:(?:如|若|如果|凡|属于?|涉及)[^。；;]{1,60}?(?:的|时)?[，,]?\s*"
    r"(?:须|需|应|请|还需|另需|需要|应当)?(?:提供|提交|出具|携带|提交的)"
    r"|[^。；;，,（(]{1,40}(?:的|时)[，,]?\s*(?:须|需|应|还需|另需|需要|应当)?(?:提供|提交|出具|携带))"
)


def _key(text: object) -> str:
    return "".join(str(text).split()).lower() if text is not None else ""


def parse_form(text: object) -> str | None:
    """The form key for a cell ("" for blank), or None when the text is not a form."""
    key = _key(text)
    if not key:
        return ""
    return _FORM_WORDS.get(key, _FORM_WORDS.get(key.replace("(", "（").replace(")", "）")))


def parse_requirement(text: object) -> str | None:
    """The requirement key for a cell ("" for blank), or None when it is not one."""
    key = _key(text)
    if not key:
        return ""
    return _REQUIREMENT_WORDS.get(key)


def parse_unit(text: object) -> str | None:
    """The unit key for a cell ("" for blank), or None when it is not a unit."""
    key = _key(text)
    if not key:
        return ""
    return _UNIT_WORDS.get(key)


_DAYS = re.compile(r"(\d{1,4})\s*(个)?\s*(工作日|自然日|日历日|天|日)?")


def parse_days(text: object) -> tuple[int, str] | None:
    """(days, unit) from `5`, `5个工作日`, `30个自然日`, `30天`; unit "" when not said;
    (0, "") for blank; None for anything else (e.g. "法定期限内")."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return 0, ""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text, ""
    if isinstance(text, float):
        return (int(text), "") if text.is_integer() else None
    match = _DAYS.fullmatch("".join(str(text).split()))
    if match is None:
        return None
    word = match.group(3) or ""
    unit = {"工作日": WORKING, "自然日": CALENDAR, "日历日": CALENDAR, "天": CALENDAR}.get(word, "")
    return int(match.group(1)), unit


def find_condition(*texts: str) -> str:
    """The first condition phrase in the material's name or note, or ""."""
    for text in texts:
        match = _CONDITION.search(text or "")
        if match:
            return match.group(0).strip("，,；; ")
    return ""


def form_text(form: str, lang: str = "zh") -> str:
    return FORMS[form].text(lang) if form else UNKNOWN.text(lang)


def copies_text(copies: int | None, lang: str = "zh") -> str:
    if copies is None:
        return UNKNOWN.text(lang)
    return f"{copies} 份" if not english(lang) else str(copies)


def requirement_text(requirement: str, condition: str = "", lang: str = "zh") -> str:
    """必需 / 非必需 / 有条件：如…须提供 / 以窗口告知为准."""
    if not requirement:
        return UNKNOWN.text(lang)
    label = REQUIREMENTS[requirement].text(lang)
    if requirement == CONDITIONAL and condition:
        return f"{label}：{condition}" if not english(lang) else f"{label}: {condition}"
    return label


def days_text(days: int, unit: str, lang: str = "zh") -> str:
    return f"{days}{LIMIT_UNITS[unit or WORKING].text(lang)}"


def fees_text(fees: str, lang: str = "zh") -> str:
    """The fees as the guide gives them, or 以窗口告知为准 when it says nothing."""
    return fees or UNKNOWN.text(lang)


def time_limit(instant: bool | None, promised: int, legal: int, unit: str) -> tuple[int, str]:
    """(days, unit) a due time counts: 0 working days for an instant item, the promise in
    working days, else the statutory limit in its unit; (0, "") when there is none."""
    if instant:
        return 0, WORKING
    if promised:
        return promised, WORKING
    if legal:
        return legal, unit or WORKING
    return 0, ""


def limit_text(instant: bool | None, promised: int, legal: int, unit: str,
               lang: str = "zh") -> str:
    """The time limit as a notice words it: 即办件, a promise (with the statutory limit), a
    statutory limit alone in its unit, or 以窗口告知为准."""
    units = LIMIT_UNITS[unit or WORKING]
    statutory = Term(f"{legal} {units.zh}", f"{legal}{units.en}").text(lang) if legal else ""
    if instant:
        return Term("即办件（材料齐全当场办结）",
                    "Done at once (on the spot when the materials are complete)").text(lang)
    if promised:
        text = Term(f"承诺件：受理后 {promised} 个工作日内办结",
                    f"Done within {promised} working days of acceptance").text(lang)
        return text + (Term(f"（法定时限 {statutory}）", f" (statutory limit {statutory})")
                       .text(lang) if statutory else "")
    if statutory:
        return Term(f"法定时限：受理后 {statutory}内办结",
                    f"Statutory limit: within {statutory} of acceptance").text(lang)
    return UNKNOWN.text(lang)
