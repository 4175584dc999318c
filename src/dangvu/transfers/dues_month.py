"""The dues month a transfer letter states ("đã đóng đảng phí đến hết tháng …", 12-HD/BTCTW), read from the
dues book (`dues.queries.standing`, as it stood on the day the letter is issued): the month up to which every
month owed was paid, and the months still owed. The clerk may write another month for a member whose dues were
kept outside the system; a month that differs from the book, or a member who owes months, needs the clerk's
confirmation, and the letter keeps where its month came from."""

from datetime import date

from dangvu.dues import queries as dues_queries
from dangvu.dues.queries import Standing
from dangvu.members.models import Member

from .models import DuesSource


def book(member: Member, on: date) -> Standing:
    """The member's dues in the book on the day of the letter (the caller has checked its scope)."""
    return dues_queries.standing(member, on)


def _month(day: date | None) -> str:
    return f"{day:%m/%Y}" if day else ""


def explained(found: Standing) -> str:
    """Where the form's month comes from, in the clerk's words."""
    if not found.recorded:
        return (
            "Sổ đảng phí của hệ thống chưa có tháng nào của đảng viên này: ghi theo sổ thu đảng phí của chi bộ "
            "(đảng phí thu ngoài hệ thống)."
        )
    paid = (
        f"đã đóng đủ đến hết tháng {_month(found.paid_to)}"
        if found.paid_to
        else f"chưa đóng đủ tháng nào (sổ có từ tháng {_month(found.first_month)})"
    )
    text = f"Theo sổ đảng phí của hệ thống: {paid}."
    if found.owed:
        text += f" Còn chưa đóng (đủ): {found.owed_text()}."
    return text


def warnings(found: Standing, month: date) -> list[str]:
    """Why the month written needs the clerk's confirmation (empty when it agrees with a book owed nothing)."""
    if not found.recorded:
        return []
    found_month = (found.paid_to.year, found.paid_to.month) if found.paid_to else None
    messages = []
    if found_month != (month.year, month.month):
        book_says = f"đã đóng đủ đến hết tháng {_month(found.paid_to)}" if found.paid_to else "chưa đóng đủ tháng nào"
        messages.append(f"Tháng đã ghi ({_month(month)}) khác sổ đảng phí của hệ thống ({book_says}).")
    if found.owed:
        messages.append(
            f"Theo sổ đảng phí, đảng viên còn chưa đóng (đủ) các tháng {found.owed_text()}: nên thu trước khi cấp giấy."
        )
    return messages


CONFIRM_HINT = (
    "Nếu đảng phí được thu ngoài hệ thống (hoặc vẫn cấp giấy khi đảng viên còn nợ), đánh dấu ô "
    "“Xác nhận tháng đóng đảng phí” rồi lưu lại."
)


def source(found: Standing, month: date) -> DuesSource:
    if not found.recorded:
        return DuesSource.ENTERED
    if found.paid_to and (found.paid_to.year, found.paid_to.month) == (month.year, month.month):
        return DuesSource.BOOK
    return DuesSource.CONFIRMED
