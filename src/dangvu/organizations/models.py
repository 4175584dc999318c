"""Organizations (tổ chức đảng) with dated names, parents and lineage, committees and positions.

History is never overwritten: a rename adds an `OrganizationName`, a move adds a `ParentLink`. The dated
closure table `Ancestry` makes every subtree query, current or as of a date, one indexed lookup.
"""

from datetime import date

from django.db import models

from dangvu.core.text import fold, sort_key

OPEN_END = date(9999, 12, 31)


class Kind(models.TextChoices):
    PROVINCE = "province", "Đảng bộ tỉnh"
    DISTRICT = "district", "Đảng bộ huyện/thành phố/thị xã"
    COMMUNE = "commune", "Đảng bộ xã/phường"
    GRASSROOTS_COMMITTEE = "grassroots_committee", "Đảng bộ cơ sở"
    GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
    SUB_COMMITTEE = "sub_committee", "Đảng bộ bộ phận"
    CELL = "cell", "Chi bộ trực thuộc"


GRASSROOTS_KINDS = (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL)
# Kinds where members are registered (sinh hoạt): cells of every sort.
MEMBER_UNIT_KINDS = (Kind.CELL, Kind.GRASSROOTS_CELL)


class Sector(models.TextChoices):
    WARD_COMMUNE = "ward_commune", "Xã, phường, thị trấn"
    AGENCY = "agency", "Cơ quan"
    SCHOOL = "school", "Trường học"
    HEALTH = "health", "Y tế"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    ARMED_FORCES = "armed_forces", "Lực lượng vũ trang"
    RESIDENTIAL = "residential", "Khu dân cư"
    OTHER = "other", "Khác"


class Organization(models.Model):
    """A Party organization. Its current name and parent are cached here; history lives in the dated tables."""

    # Set on the organizations of a tree level by `queries.tree_level`, not stored.
    has_children: bool
    member_total: int

    code = models.SlugField(max_length=64, unique=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    sector = models.CharField(max_length=16, choices=Sector.choices, default=Sector.OTHER)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = models.CharField(max_length=200)
    name_folded = models.CharField(max_length=200, db_index=True)
    sort_key = models.CharField(max_length=600)
    committee_code = models.CharField(max_length=16, blank=True, help_text="TU, HU, ĐU, CB …")
    established_on = models.DateField()
    dissolved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["sort_key"]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["parent", "sort_key"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_folded = fold(self.name)
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def is_grassroots(self) -> bool:
        """Tổ chức cơ sở đảng: a đảng bộ cơ sở or a chi bộ cơ sở."""
        return self.kind in GRASSROOTS_KINDS

    @property
    def is_member_unit(self) -> bool:
        return self.kind in MEMBER_UNIT_KINDS

    def is_active(self, on: date) -> bool:
        return self.established_on <= on and (self.dissolved_on is None or on < self.dissolved_on)


class OrganizationName(models.Model):
    """A name an organization bore, with its committee's name, from one date until (not including) another."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    committee_name = models.CharField(max_length=200, help_text="Thành ủy Phủ Lý")
    committee_short = models.CharField(max_length=60, help_text="Thành ủy")
    locality = models.CharField(max_length=60, blank=True, help_text="thành phố, tỉnh, phường …")
    place = models.CharField(max_length=100, blank=True, help_text="Địa danh ghi trên văn bản: Phủ Lý")
    valid_from = models.DateField()
    valid_to = models.DateField(default=OPEN_END)

    class Meta:
        ordering = ["organization", "valid_from"]
        indexes = [models.Index(fields=["organization", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return self.name


class ParentLink(models.Model):
    """The organization directly above, from one date until (not including) another."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="child_links")
    valid_from = models.DateField()
    valid_to = models.DateField(default=OPEN_END)

    class Meta:
        ordering = ["organization", "valid_from"]
        indexes = [models.Index(fields=["parent", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"Tổ chức #{self.organization_id} trực thuộc #{self.parent_id} từ {self.valid_from:%d/%m/%Y}"


class Ancestry(models.Model):
    """Dated closure table: `ancestor` is at `depth` levels above `descendant` (0 = itself) in the period."""

    descendant = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="ancestry_up")
    ancestor = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="ancestry_down")
    depth = models.PositiveSmallIntegerField()
    valid_from = models.DateField()
    valid_to = models.DateField(default=OPEN_END)

    class Meta:
        indexes = [
            models.Index(fields=["ancestor", "valid_to", "valid_from", "descendant"]),
            models.Index(fields=["descendant", "valid_to", "valid_from"]),
        ]

    def __str__(self) -> str:
        return f"#{self.ancestor_id} trên #{self.descendant_id} {self.depth} cấp từ {self.valid_from:%d/%m/%Y}"


class LineageEvent(models.Model):
    """A dated change of the tree with its decision: establish, rename, merge, split, move, dissolve."""

    class Type(models.TextChoices):
        ESTABLISH = "establish", "Thành lập"
        RENAME = "rename", "Đổi tên"
        MERGE = "merge", "Hợp nhất, sáp nhập"
        SPLIT = "split", "Chia tách"
        MOVE = "move", "Chuyển trực thuộc"
        DISSOLVE = "dissolve", "Giải thể, kết thúc hoạt động"

    type = models.CharField(max_length=12, choices=Type.choices)
    date = models.DateField()
    decision_number = models.CharField(max_length=60, blank=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="lineage_events")
    related = models.ManyToManyField(Organization, blank=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.organization} ({self.date:%d/%m/%Y})"


class Body(models.TextChoices):
    """Committee bodies (cơ quan lãnh đạo) of an organization."""

    EXECUTIVE = "executive", "Ban Chấp hành"
    STANDING = "standing", "Ban Thường vụ"
    PERMANENT = "permanent", "Thường trực"
    INSPECTION_COMMITTEE = "inspection_committee", "Ủy ban Kiểm tra"
    CELL_COMMITTEE = "cell_committee", "Chi ủy"
    DEPARTMENT = "department", "Ban, Văn phòng"
    STATE = "state", "Chính quyền, đoàn thể"


class Post(models.TextChoices):
    SECRETARY = "secretary", "Bí thư"
    STANDING_DEPUTY_SECRETARY = "standing_deputy_secretary", "Phó Bí thư thường trực"
    DEPUTY_SECRETARY = "deputy_secretary", "Phó Bí thư"
    MEMBER = "member", "Ủy viên"
    INSPECTION_CHAIR = "inspection_chair", "Chủ nhiệm UBKT"
    INSPECTION_DEPUTY = "inspection_deputy", "Phó Chủ nhiệm UBKT"
    HEAD = "head", "Trưởng ban / Chánh Văn phòng"
    DEPUTY_HEAD = "deputy_head", "Phó Trưởng ban / Phó Chánh Văn phòng"
    COUNCIL_CHAIR = "council_chair", "Chủ tịch HĐND"
    COUNCIL_VICE_CHAIR = "council_vice_chair", "Phó Chủ tịch HĐND"
    PEOPLES_COMMITTEE_CHAIR = "pc_chair", "Chủ tịch UBND"
    PEOPLES_COMMITTEE_VICE_CHAIR = "pc_vice_chair", "Phó Chủ tịch UBND"
    OTHER = "other", "Chức danh khác"


class CommitteeTerm(models.Model):
    """A body of an organization for one term: the BCH, BTV, Thường trực, UBKT or chi ủy of 2020–2025."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="committee_terms")
    body = models.CharField(max_length=24, choices=Body.choices)
    term = models.CharField(max_length=20, help_text="2020–2025")
    valid_from = models.DateField()
    valid_to = models.DateField(default=OPEN_END)

    class Meta:
        ordering = ["organization", "-valid_from", "body"]
        constraints = [models.UniqueConstraint(fields=["organization", "body", "term"], name="one_body_per_term")]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.organization} nhiệm kỳ {self.term}"


class Position(models.Model):
    """A person's post in an organization's body, or a state title, from one date until another."""

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="positions")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="positions")
    body = models.CharField(max_length=24, choices=Body.choices)
    post = models.CharField(max_length=32, choices=Post.choices)
    department = models.CharField(max_length=100, blank=True, help_text="Ban Tổ chức, Văn phòng …")
    label = models.CharField(
        max_length=200, blank=True, help_text="Ghi đè cách gọi chức danh, ví dụ 'Phó Ban Dân vận Tỉnh ủy'"
    )
    term = models.CharField(max_length=20, blank=True)
    valid_from = models.DateField()
    valid_to = models.DateField(default=OPEN_END)
    decision_number = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["organization", "valid_from"]
        indexes = [
            models.Index(fields=["person", "valid_from", "valid_to"]),
            models.Index(fields=["organization", "valid_from", "valid_to"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_post_display()} ({self.organization})"
