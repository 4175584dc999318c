"""People, Party membership (đảng viên), its dated events and the cells a member belonged to over time."""

from django.db import models

from dangvu.core.text import fold, sort_key
from dangvu.organizations.models import OPEN_END, Organization

from . import tally


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


def join_name(family_name: str, middle_name: str, given_name: str) -> str:
    """A person's full name as written: family, middle and given names (batch readers use it on plain values)."""
    return " ".join(p for p in (family_name, middle_name, given_name) if p)


class Person(models.Model):
    """A person: a member, a candidate, or an official named in the position records."""

    family_name = models.CharField("Họ", max_length=40)
    middle_name = models.CharField("Tên đệm", max_length=60, blank=True)
    given_name = models.CharField("Tên", max_length=40)
    gender = models.CharField("Giới tính", max_length=6, choices=Gender.choices, blank=True)
    birth_date = models.DateField("Ngày sinh", null=True, blank=True)
    citizen_id = models.CharField("Số CCCD", max_length=12, unique=True, null=True, blank=True)
    ethnicity = models.CharField("Dân tộc", max_length=40, blank=True)
    religion = models.CharField("Tôn giáo", max_length=40, blank=True)
    hometown = models.CharField("Quê quán", max_length=200, blank=True)
    education = models.CharField("Trình độ giáo dục phổ thông", max_length=40, blank=True)
    profession = models.CharField("Chuyên môn, nghiệp vụ", max_length=120, blank=True)
    theory_level = models.CharField("Lý luận chính trị", max_length=40, blank=True)
    occupation = models.CharField("Nghề nghiệp, chức vụ", max_length=200, blank=True)
    phone = models.CharField("Điện thoại", max_length=20, blank=True)
    # People outside the member registry (officials of the province, guests, non-Party heads of mass
    # organizations): the year of birth when the date is not known, where they work, and the organization
    # that recorded them (whose subtree sees them).
    birth_year = models.PositiveSmallIntegerField("Năm sinh", null=True, blank=True)
    workplace = models.CharField("Nơi công tác", max_length=200, blank=True, default="", db_default="")
    recorded_by = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name_folded = models.CharField(max_length=160, db_index=True)
    sort_key = models.CharField(max_length=600, db_index=True)

    class Meta:
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.name_folded = fold(self.full_name)
        self.sort_key = sort_key(self.given_name, self.middle_name, self.family_name)
        super().save(*args, **kwargs)
        # The membership keeps copies of the name keys for its list index.
        Member.objects.filter(person_id=self.pk).exclude(name_folded=self.name_folded, sort_key=self.sort_key).update(
            name_folded=self.name_folded, sort_key=self.sort_key
        )

    @property
    def full_name(self) -> str:
        return join_name(self.family_name, self.middle_name, self.given_name)


class Status(models.TextChoices):
    PROBATIONARY = "probationary", "Dự bị"
    OFFICIAL = "official", "Chính thức"
    EXEMPTED = "exempted", "Miễn công tác và sinh hoạt"
    LEFT = "left", "Đã ra khỏi Đảng"


class LeftReason(models.TextChoices):
    STRUCK_OFF = "struck_off", "Xóa tên"
    RESIGNED = "resigned", "Xin ra khỏi Đảng"
    EXPELLED = "expelled", "Khai trừ"
    DECEASED = "deceased", "Từ trần"
    TRANSFERRED_OUT = "transferred_out", "Chuyển sinh hoạt ra ngoài"


class Member(models.Model):
    """A person's Party membership: the cell they belong to now, the key dates, the card, the status."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="membership")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="members")
    status = models.CharField(max_length=14, choices=Status.choices, db_index=True)
    admitted_on = models.DateField("Ngày vào Đảng")
    official_on = models.DateField("Ngày chính thức", null=True, blank=True)
    card_number = models.CharField("Số thẻ đảng viên", max_length=20, unique=True, null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    left_reason = models.CharField(max_length=16, choices=LeftReason.choices, blank=True)
    over_age_approval = models.CharField("Văn bản chấp thuận kết nạp trên 60 tuổi", max_length=120, blank=True)
    # Party age (tuổi đảng) counts from the admission date less the time without Party activity: for a member
    # who left and was admitted again, the day from which it counts as if without a break (`members.rules.
    # party_age_start`); None means the admission date. Kept by the re-admission, the only action that opens a
    # period without activity between two placements.
    party_age_from = models.DateField("Tuổi đảng tính từ", null=True, blank=True)
    # Kept by `save` (see `members.tally`), for the member list's indexes: the person's name keys, and the
    # province (Đảng bộ tỉnh) the cell lies in now, so that a search within a province walks one index range.
    name_folded = models.CharField(max_length=160, editable=False, default="")
    sort_key = models.CharField(max_length=600, editable=False, default="")
    province = models.ForeignKey(
        Organization, null=True, blank=True, editable=False, db_index=False, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["admitted_on"]),
            models.Index(fields=["party_age_from"]),
            models.Index(fields=["province", "sort_key", "id"], name="members_member_province_sort"),
            models.Index(fields=["sort_key", "id"], name="members_member_sort"),
        ]

    def __str__(self) -> str:
        return str(self.person)

    def save(self, *args, **kwargs) -> None:
        """Saves, keeping the copies above and the subtree counts (`SubtreeCount`) in step, in the same
        transaction."""
        from django.db import transaction

        before = self._counted_as if hasattr(self, "_counted_as") else tally.stored_as(self)
        update_fields = kwargs.get("update_fields")
        if self._state.adding or (before and before[0] != self.organization_id) or self.province_id is None:
            self.province_id = tally.province_of(self.organization_id)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "province"}
        if self._state.adding and not self.sort_key:
            self.name_folded, self.sort_key = self.person.name_folded, self.person.sort_key
        with transaction.atomic():
            super().save(*args, **kwargs)
            after = tally.counted_as(self)
            tally.shift([(before, -1), (after, +1)])
        self._counted_as = after

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        member = super().from_db(db, field_names, values, *args, **kwargs)
        member._counted_as = tally.counted_as(member)
        return member


class SubtreeCount(models.Model):
    """How many members are registered now in the organization's subtree, by status: the figures of the tree,
    the organization pages and the dashboard without counting millions of rows. Kept by `members.tally`."""

    organization = models.OneToOneField(Organization, primary_key=True, on_delete=models.CASCADE, related_name="+")
    probationary = models.IntegerField(default=0)
    official = models.IntegerField(default=0)
    exempted = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"Số đảng viên của tổ chức #{self.organization_id}: {self.total}"

    @property
    def total(self) -> int:
        return self.probationary + self.official + self.exempted


class ExemptionReason(models.TextChoices):
    """Why a member is exempted from activities (`core.rules` "members.exemption_reasons")."""

    AGE = "age", "Tuổi cao"
    HEALTH = "health", "Sức khỏe yếu"
    AGE_HEALTH = "age_health", "Tuổi cao, sức khỏe yếu"


class EventType(models.TextChoices):
    ADMITTED = "admitted", "Kết nạp"
    READMITTED = "readmitted", "Kết nạp lại"
    RECOGNIZED_OFFICIAL = "recognized_official", "Công nhận chính thức"
    TRANSFERRED_IN = "transferred_in", "Chuyển sinh hoạt đến"
    TRANSFERRED_OUT = "transferred_out", "Chuyển sinh hoạt đi"
    TRANSFERRED_INTERNAL = "transferred_internal", "Chuyển sinh hoạt trong đảng bộ"
    TEMPORARY_IN = "temporary_in", "Sinh hoạt tạm thời đến"
    TEMPORARY_OUT = "temporary_out", "Sinh hoạt tạm thời đi"
    EXEMPTED = "exempted", "Miễn công tác và sinh hoạt đảng"
    EXEMPTION_ENDED = "exemption_ended", "Trở lại công tác và sinh hoạt đảng"
    BADGE_AWARDED = "badge_awarded", "Trao Huy hiệu Đảng"
    DISCIPLINED = "disciplined", "Kỷ luật"
    CARD_ISSUED = "card_issued", "Cấp thẻ đảng viên"
    LEFT = "left", "Ra khỏi Đảng"
    EDITED = "edited", "Cập nhật lý lịch"


class MemberEvent(models.Model):
    """One dated event of a membership, with its decision."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=24, choices=EventType.choices)
    date = models.DateField()
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    other_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    other_unit = models.CharField("Đơn vị ngoài hệ thống", max_length=200, blank=True)
    decision_number = models.CharField(max_length=60, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    # What the decision rests on beside its number: the recorded reason of an early badge (bệnh nặng) …
    note = models.CharField("Ghi chú", max_length=300, blank=True, default="", db_default="")
    # The province the organization lies in now, set by a trigger of the database on insert and by
    # `tally.subtree_moved` when the tree changes (members migration 0008): a province's report reads the
    # events of its own index range instead of the whole country's (`indicators.registry_members`).
    province = models.ForeignKey(
        Organization, null=True, blank=True, editable=False, db_index=False, on_delete=models.PROTECT, related_name="+"
    )
    # Whether the member was registered in a cell of the system on the event's date (a placement covered it),
    # kept by triggers of the database on events and placements (members migration 0008): an admission
    # recorded for a member who arrived later from outside happened elsewhere (`indicators.registry_members`).
    registered = models.BooleanField(default=True, editable=False)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["type", "date"]), models.Index(fields=["organization", "type", "date"])]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.date:%d/%m/%Y}"


class Placement(models.Model):
    """The cell where a member was registered (sinh hoạt chính thức) from one date until another."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="placements")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="placements")
    valid_from = models.DateField()
    valid_to = models.DateField(default=OPEN_END)

    class Meta:
        indexes = [
            models.Index(fields=["organization", "valid_to", "valid_from"]),
            # the placements that began or ended after a day (`RegisteredCount`)
            models.Index(fields=["valid_to", "valid_from", "organization"], name="members_placement_changes"),
        ]

    def __str__(self) -> str:
        return f"Đảng viên #{self.member_id} tại tổ chức #{self.organization_id} từ {self.valid_from:%d/%m/%Y}"


class RegisteredCount(models.Model):
    """How many members are registered in a cell now: its open placements (`valid_to` = OPEN_END). Kept by
    triggers of the database on the placements table (members migration 0008), whatever writes them, so
    that the members of a subtree on any day are the sum of its cells' rows corrected by the placements that
    began or ended after that day (`members.total`), instead of every placement of the subtree."""

    organization = models.OneToOneField(Organization, primary_key=True, on_delete=models.CASCADE, related_name="+")
    registered = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"Số đảng viên sinh hoạt tại tổ chức #{self.organization_id}: {self.registered}"
