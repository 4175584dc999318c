"""The Party card register: each card issued (number, date, deciding body), and what became of it.

A card is issued only to an official member (Điều lệ Đảng; Chỉ thị 51-CT/TW of 08/08/2025 for the chip cards
linked to the population database). A card reported lost or damaged ends; a new card (cấp lại) replaces it
with its own number. The member's current card number stays on `Member.card_number`, written through
`members.actions.record_card`.
"""

from django.db import models

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class CardState(models.TextChoices):
    VALID = "valid", "Đang sử dụng"
    LOST = "lost", "Báo mất"
    DAMAGED = "damaged", "Báo hỏng"


class PartyCard(models.Model):
    member = models.ForeignKey(Member, verbose_name="Đảng viên", on_delete=models.PROTECT, related_name="cards")
    number = models.CharField("Số thẻ", max_length=20)
    issued_on = models.DateField("Ngày cấp")
    issued_by = models.ForeignKey(
        Organization, verbose_name="Cấp ủy quyết định", on_delete=models.PROTECT, related_name="+"
    )
    decision_number = models.CharField("Số quyết định", max_length=60, blank=True)
    state = models.CharField("Tình trạng", max_length=10, choices=CardState.choices, default=CardState.VALID)
    ended_on = models.DateField("Ngày báo mất, hỏng hoặc đổi", null=True, blank=True)
    end_note = models.CharField("Lý do, hoàn cảnh", max_length=300, blank=True)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name="Cấp lại thay thẻ",
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="one_card_per_number"),
            models.UniqueConstraint(
                fields=["member"], condition=models.Q(state="valid"), name="one_valid_card_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"Thẻ {self.number} ({self.member.person.full_name})"


class PersonRecord(models.Model):
    """What the official forms (phiếu đảng viên 2-HSĐV, lý lịch) ask beyond `members.Person`: each optional.

    The histories are lists of rows (JSON), each validated on the way in by `records.actions.update_record`:
    work history and training `{"from": "MM/YYYY", "to": "MM/YYYY" or "", "text": …}`, family
    `{"relation", "name", "birth_year", "text"}`, awards `{"year", "text"}`. `residence_folded` holds the two
    residences without diacritics for the search.
    """

    person = models.OneToOneField("members.Person", on_delete=models.CASCADE, related_name="record")
    birth_name = models.CharField("Họ và tên khai sinh (nếu khác)", max_length=160, blank=True)
    place_of_birth = models.CharField("Nơi sinh", max_length=200, blank=True)
    permanent_residence = models.CharField("Nơi thường trú", max_length=200, blank=True)
    current_residence = models.CharField("Nơi ở hiện nay", max_length=200, blank=True)
    profile_number = models.CharField("Số lý lịch đảng viên", max_length=40, blank=True)
    foreign_language = models.CharField("Ngoại ngữ", max_length=80, blank=True)
    work_history = models.JSONField("Quá trình công tác", default=list, blank=True)
    training = models.JSONField("Đào tạo, bồi dưỡng", default=list, blank=True)
    family = models.JSONField("Hoàn cảnh gia đình", default=list, blank=True)
    awards = models.JSONField("Khen thưởng", default=list, blank=True)
    residence_folded = models.CharField(max_length=400, blank=True, db_index=True, editable=False)

    def __str__(self) -> str:
        return f"Hồ sơ {self.person}"
