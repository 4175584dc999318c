"""The demo step: candidates flow through the pipeline into members, with admissions and recognitions in
every year, all through the actions (so the member records and the audit trail follow)."""

import random
from datetime import date

from dangvu.admission.demo import load_admissions
from dangvu.admission.models import Candidate, Step
from dangvu.core.models import AuditEvent
from dangvu.members.models import Status


def test_admissions_and_recognitions_in_every_year(tree, make_member):
    for i in range(10):
        make_member(tree["cell_a"], given=f"Thành viên {i}", birth=date(1970, 1, 1 + i))
    load_admissions(random.Random(1), {"orgs": {"phuly": tree["city"]}})
    for year in range(2015, 2026):
        assert Candidate.objects.filter(decision_on__year=year).exists(), year
        assert Candidate.objects.filter(recognition_on__year=year).exists(), year
    official = Candidate.objects.filter(step=Step.OFFICIAL).select_related("member")
    assert official and all(c.member.status == Status.OFFICIAL for c in official)
    assert all(c.member.official_on > c.ceremony_on for c in official)
    assert AuditEvent.objects.filter(action="candidate.recognition").count() == official.count()
