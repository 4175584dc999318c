"""A transfer of a member's Party activity and its letter (giấy giới thiệu sinh hoạt đảng), with its journey.

One `Transfer` row is one letter's life: requested by the member (with the decision that moves them),
the letter issued by a committee with a number from that committee's register (`LetterCounter`), handed to
the member (in transit), and then received by the destination, returned, or expired. A letter is never
edited: a mistake means a new letter (Hướng dẫn 12-HD/BTCTW), so the old one is voided and points to the
new one. The `state` field says where the letter stands; `transfers.actions` are the only writers.
"""

from django.db import models

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class Kind(models.TextChoices):
    OFFICIAL_INTERNAL = "official_internal", "Chuyển sinh hoạt chính thức trong đảng bộ"
    OFFICIAL_OTHER = "official_other", "Chuyển sinh hoạt chính thức đến đảng bộ khác"
    TEMPORARY = "temporary", "Chuyển sinh hoạt tạm thời"
    ABROAD = "abroad", "Sinh hoạt đảng khi ra nước ngoài"


OFFICIAL_KINDS = (Kind.OFFICIAL_INTERNAL, Kind.OFFICIAL_OTHER)
# Kinds after which the member stays registered (and counted) in the home cell.
STAYING_KINDS = (Kind.TEMPORARY, Kind.ABROAD)


class State(models.TextChoices):
    REQUESTED = "requested", "Đã đề nghị"
    ISSUED = "issued", "Đã cấp giấy giới thiệu"
    IN_TRANSIT = "in_transit", "Đang chuyển"
    RECEIVED = "received", "Nơi đến đã tiếp nhận"
    SENT_OUTSIDE = "sent_outside", "Đã gửi đến tổ chức ngoài hệ thống"
    RETURNED = "returned", "Giấy bị trả lại"
    EXPIRED = "expired", "Giấy quá hạn"
    VOIDED = "voided", "Giấy viết sai, đã thay"
    ENDED = "ended", "Đã trở về sinh hoạt tại nơi đi"
    CANCELLED = "cancelled", "Hủy đề nghị"


OPEN_STATES = (State.REQUESTED, State.ISSUED, State.IN_TRANSIT)
# A temporary stay (at a host cell or abroad) that has begun and not ended yet.
AWAY_STATES = (State.RECEIVED, State.SENT_OUTSIDE)


class DuesSource(models.TextChoices):
    """Where a letter's "đã đóng đảng phí đến hết tháng …" came from."""

    BOOK = "book", "Theo sổ đảng phí của hệ thống"
    ENTERED = "entered", "Cán bộ ghi (sổ đảng phí của hệ thống chưa có tháng nào của đảng viên)"
    CONFIRMED = "confirmed", "Cán bộ ghi khác sổ đảng phí, đã xác nhận (đảng phí thu ngoài hệ thống)"


class Transfer(models.Model):
    """One transfer and its letter: who, from where to where, why, and each step's date."""

    member = models.ForeignKey(Member, verbose_name="Đảng viên", on_delete=models.PROTECT, related_name="transfers")
    kind = models.CharField("Loại", max_length=20, choices=Kind.choices)
    state = models.CharField("Tình trạng", max_length=14, choices=State.choices, default=State.REQUESTED, db_index=True)
    source = models.ForeignKey(
        Organization,
        verbose_name="Chi bộ nơi đi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    source_unit = models.CharField("Tổ chức đảng nơi đi (ngoài hệ thống)", max_length=200, blank=True)
    destination = models.ForeignKey(
        Organization,
        verbose_name="Chi bộ nơi đến",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    destination_unit = models.CharField("Tổ chức đảng nơi đến (ngoài hệ thống)", max_length=200, blank=True)
    reason = models.CharField("Lý do chuyển", max_length=200, blank=True)
    decision_number = models.CharField(
        "Quyết định (chuyển công tác, nghỉ hưu, đổi nơi cư trú…)", max_length=80, blank=True
    )
    decision_on = models.DateField("Ngày quyết định")
    requested_on = models.DateField("Ngày đề nghị")
    request_due = models.DateField("Hạn đề nghị chuyển sinh hoạt")
    temporary_until = models.DateField("Sinh hoạt tạm thời đến ngày", null=True, blank=True)

    issuer = models.ForeignKey(
        Organization,
        verbose_name="Cấp ủy giới thiệu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters_issued",
    )
    letter_year = models.PositiveSmallIntegerField("Năm của số giấy", null=True, blank=True)
    letter_number = models.PositiveIntegerField(
        "Số giấy giới thiệu (sổ giới thiệu sinh hoạt đảng)", null=True, blank=True
    )
    issued_on = models.DateField("Ngày cấp giấy", null=True, blank=True)
    present_due = models.DateField("Hạn xuất trình giấy", null=True, blank=True)
    # What the letter carries, copied when it is issued (the letter is fixed; later edits of the record don't
    # change it): the card, the profile number, the place in the cell's member book, the dues month.
    card_number = models.CharField("Số thẻ đảng viên", max_length=20, blank=True)
    profile_number = models.CharField("Số lý lịch", max_length=40, blank=True)
    book_number = models.CharField("Số thứ tự trong sổ danh sách đảng viên", max_length=20, blank=True)
    dues_paid_to = models.DateField("Đã đóng đảng phí đến hết tháng", null=True, blank=True)
    # Where the dues month came from when the letter was issued (the dues book may change afterwards).
    dues_source = models.CharField("Nguồn tháng đóng đảng phí", max_length=12, choices=DuesSource.choices, blank=True)
    dues_book_month = models.DateField("Sổ đảng phí ghi đã đóng đến hết tháng", null=True, blank=True)
    dues_owed = models.CharField("Các tháng còn nợ theo sổ đảng phí", max_length=300, blank=True)
    outside_letter = models.CharField("Số giấy của tổ chức đảng ngoài hệ thống", max_length=40, blank=True)
    handed_on = models.DateField("Ngày giao giấy cho đảng viên", null=True, blank=True)
    received_on = models.DateField("Ngày tiếp nhận", null=True, blank=True)
    receiver = models.ForeignKey(
        Organization,
        verbose_name="Cấp ủy tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters_received",
    )
    receipt_number = models.PositiveIntegerField("Số vào sổ tiếp nhận", null=True, blank=True)
    ended_on = models.DateField("Ngày kết thúc", null=True, blank=True)
    end_note = models.CharField("Ghi chú", max_length=300, blank=True)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name="Thay giấy viết sai",
    )

    class Meta:
        ordering = ["-requested_on", "-id"]
        indexes = [
            models.Index(fields=["source", "state"]),
            models.Index(fields=["destination", "state"]),
            models.Index(fields=["issuer", "letter_year", "letter_number"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "letter_year", "letter_number"],
                name="one_letter_number",
                condition=models.Q(letter_number__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.member.person.full_name}"

    @property
    def letter_label(self) -> str:
        """The letter's number as written on it: "Số 12/GTSHĐ (2020)"."""
        return f"{self.letter_number}/GTSHĐ ({self.letter_year})" if self.letter_number else ""

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def destination_label(self) -> str:
        return self.destination.name if self.destination_id else self.destination_unit

    @property
    def source_label(self) -> str:
        return self.source.name if self.source_id else self.source_unit


class LetterCounter(models.Model):
    """The last number given in an issuer's register of letters (sổ giới thiệu sinh hoạt đảng) in a year."""

    issuer = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    sent = models.PositiveIntegerField(default=0)
    received = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="one_counter_per_issuer_year")]

    def __str__(self) -> str:
        return f"Sổ giới thiệu năm {self.year} của tổ chức #{self.issuer_id}"
