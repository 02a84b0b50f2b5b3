"""Domain errors with stable codes; each carries a message a clerk can read (zh and en)."""

from __future__ import annotations

from typing import NamedTuple


def english(lang: str) -> bool:
    """The one test of the user's language in the Qt-free layers (and the window's data):
    every Chinese/English choice goes through here or through `Term` (docs/architecture.md,
    "One way to translate")."""
    return lang.startswith("en")


class Term(NamedTuple):
    """A word shown to users, in Chinese and English (statuses, roles, actions)."""

    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.en if english(lang) else self.zh

# code -> (Chinese, English); {fields} are filled from the error's keyword arguments.
MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("找不到事项 {ref}。", "Case {ref} was not found."),
    "staff_not_found": ("找不到工作人员 {ref}。", "Staff member {ref} was not found."),
    "department_not_found": ("找不到部门 {ref}。", "Department {ref} was not found."),
    "item_not_found": ("找不到办事事项 {ref}。", "Service item {ref} was not found."),
    "inactive_staff": ("{name} 已停用，不能办理。", "{name} is deactivated and cannot act."),
    "role_forbidden": ("您的角色（{role}）不能执行“{action}”。", "Your role ({role}) may not {action}."),
    "not_your_case": ("只有{who}可以{action}。", "Only {who} may {action}."),
    "bad_state": ("事项当前状态为“{status}”，不能{action}。", "The case is {status}; you cannot {action} now."),
    "conflict": ("该事项刚被其他人修改，请刷新后重试。", "Someone else changed this case just now; refresh and try again."),
    "anonymous_no_notify": ("匿名事项不答复办理结果，可直接办结。", "Anonymous cases are not notified; close it directly."),
    "required": ("请填写{field}。", "{field} is required."),
    "too_long": ("{field}不能超过 {limit} 个字。", "{field} must be at most {limit} characters."),
    "bad_phone": ("电话号码格式不正确：{value}", "The phone number is not valid: {value}"),
    "bad_id_number": ("身份证号码不正确：{value}", "The ID number is not valid: {value}"),
    "bad_choice": ("{field}的取值无效：{value}", "{field} has an invalid value: {value}"),
    "bad_number": ("{field}应为 {low} 到 {high} 之间的整数。", "{field} must be a whole number from {low} to {high}."),
    "bad_char": ("{field}包含不允许的控制字符（{value}）。", "{field} contains a control character ({value})."),
    "bad_date": ("{field}不正确：{value}", "{field} is not valid: {value}"),
    "same_target": ("不能转办给当前承办人自己。", "The case is already with that handler."),
    "already_evaluated": ("该事项已评价。", "This case has already been evaluated."),
    "hazard_only": ("只有安全隐患事项需要核实。", "Only hazard reports are verified."),
    "already_verified": ("该隐患已核实。", "This hazard has already been verified."),
    "due_not_later": ("延期后的时间必须晚于原到期时间。", "The new due time must be later than the current one."),
    "no_extension_request": ("没有待审批的延期申请。", "There is no extension request to decide."),
    "notify_first": ("请先答复办事人办理结果，再结案。", "Tell the visitor the result before closing the case."),
    "no_due_time": ("该事项没有到期时间，无需延期。", "The case has no due time to extend."),
    "extension_pending": ("已有一项延期申请等待领导审批。", "An extension request is already waiting for a leader."),
    "no_rectification": ("该事项没有待回访的整改。", "The case has no rectification waiting for a follow-up call."),
    "no_department": ("您不属于任何部门，不能在部门内指派。", "You belong to no department to assign within."),
    "urge_self": ("事项正等您本人处理，无需催办。", "The case is waiting for you; there is nobody to urge."),
    "bad_password": ("用户名或密码不正确。", "Wrong user name or password."),
    "password_missing": ("请输入密码。", "Enter your password."),
    "locked_out": ("账户已锁定，请于 {until} 后再试。", "The account is locked until {until}."),
    "weak_password": ("密码至少 8 位，且需同时包含字母和数字。", "A password needs 8+ characters with letters and digits."),
    "has_history": ("{name} 有办理记录，只能停用，不能删除。", "{name} has history; deactivate instead of deleting."),
    "duplicate": ("{field}“{value}”已存在。", "{field} '{value}' already exists."),
    "cli_user_required": ("“{command}”需要以工作人员身份运行：加 --user 用户名，或设置环境变量 FIRSTDESK_USER。",
                          "'{command}' runs as a staff member: add --user NAME or set FIRSTDESK_USER."),
    "cli_password_required": ("请在终端中输入 {user} 的密码，或设置环境变量 FIRSTDESK_PASSWORD。",
                              "Type {user}'s password at a terminal, or set FIRSTDESK_PASSWORD."),
    "bad_range": ("{field}应在 {low} 到 {high} 之间（现为 {value}）。", "{field} must be from {low} to {high} (it is {value})."),
    "bad_office_hours": ("办公时间的顺序不对：应为 上班 < 午休开始 < 午休结束 < 下班（现为 {value}）。",
                         "Office hours are out of order: it must be start < lunch start < lunch end < end (it is {value})."),
    "demo_needs_empty": ("这个数据库已经有机构（{name}），演示数据只能放进空的数据库，以免假事项混进真实登记簿。请用 --db 指定一个新文件。",
                         "This database already has an organisation ({name}); demo data goes only into an empty database, so that no invented case mixes with real ones. Give a new file with --db."),
    "not_configured": ("尚未设置机构，请先初始化。", "No organisation is set up yet; run init first."),
}


class DomainError(Exception):
    """A refused action: `code` is stable, `fields` fill the message, `field` names a form field."""

    def __init__(self, code: str, at: str | None = None, **fields: object) -> None:
        self.code = code
        self.field = at  # the form field to show the message beside, if any
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        zh, en = MESSAGES.get(self.code, (self.code, self.code))
        template = en if english(lang) else zh
        values = {k: v.text(lang) if isinstance(v, Term) else v for k, v in self.fields.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError):
            return template


class ValidationError(DomainError):
    """Bad input at a form field; nothing was saved."""


class ConflictError(DomainError):
    """Someone else changed the case first; the caller should reload."""

    def __init__(self, at: str | None = None, **fields: object) -> None:
        super().__init__("conflict", at, **fields)
