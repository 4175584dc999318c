"""Establishing many organizations at once (thành lập hàng loạt): the tree import.

`establish_many` writes what `actions.establish` (and `actions.rename` for each earlier name) would have
written organization by organization — the organization, its dated names, its closure rows, its parent link,
its lineage events — with one audit event each (naming its earlier names), in a handful of `bulk_create`
statements. The caller
has checked every rule (codes free, kinds allowed, dates after the parent's) and passes the organizations
parents first.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from dangvu.core import audit
from dangvu.core.text import fold, nfc, sort_key
from dangvu.organizations.audit_actions import OrganizationsAudit

from .models import OPEN_END, Ancestry, LineageEvent, Organization, OrganizationName, ParentLink

BATCH = 2000


@dataclass
class NewOrganization:
    """One organization to establish: its names over time (oldest first, each from its date), and its parent,
    an organization of the system or an earlier item of the same batch."""

    code: str
    kind: str
    on: date
    names: list[tuple[str, str, str, date]]  # (name, committee name, committee short, valid from)
    parent: "Organization | NewOrganization | None" = None
    sector: str = "other"
    committee_code: str = ""
    decision_number: str = ""
    created: Organization | None = field(default=None, repr=False)
    chain: list[tuple[int, int, date, date]] = field(default_factory=list, repr=False)


def _ancestors_of(parents: set[int], on_after: date) -> dict[int, list[tuple[int, int, date, date]]]:
    found: dict[int, list] = {}
    ordered = sorted(parents)
    for start in range(0, len(ordered), 900):
        rows = Ancestry.objects.filter(descendant_id__in=ordered[start : start + 900], valid_to__gt=on_after)
        for d, a, depth, start_on, end_on in rows.values_list(
            "descendant_id", "ancestor_id", "depth", "valid_from", "valid_to"
        ):
            found.setdefault(d, []).append((a, depth, start_on, end_on))
    return found


@transaction.atomic
def establish_many(actor, items: list[NewOrganization], *, reason: str = "") -> list[Organization]:
    orgs = []
    for item in items:
        name = nfc(item.names[-1][0])
        orgs.append(
            Organization(
                code=item.code,
                kind=item.kind,
                sector=item.sector,
                name=name,
                name_folded=fold(name),
                sort_key=sort_key(name),
                committee_code=nfc(item.committee_code),
                established_on=item.on,
            )
        )
    Organization.objects.bulk_create(orgs, batch_size=BATCH)
    for item, org in zip(items, orgs, strict=True):
        item.created = org
        parent = item.parent.created if isinstance(item.parent, NewOrganization) else item.parent
        org.parent = parent
    Organization.objects.bulk_update([o for o in orgs if o.parent_id], ["parent"], batch_size=BATCH)

    earliest = min((item.on for item in items), default=OPEN_END)
    system = _ancestors_of({i.parent.pk for i in items if isinstance(i.parent, Organization)}, earliest)
    names, closure, links, events, renames = [], [], [], [], []
    for item, org in zip(items, orgs, strict=True):
        for index, (name, committee, short, start) in enumerate(item.names):
            end = item.names[index + 1][3] if index + 1 < len(item.names) else OPEN_END
            names.append(
                OrganizationName(
                    organization=org,
                    name=nfc(name),
                    committee_name=nfc(committee) or nfc(name),
                    committee_short=nfc(short),
                    valid_from=start,
                    valid_to=end,
                )
            )
            if index:
                renames.append((org, start))
        above = (
            item.parent.chain
            if isinstance(item.parent, NewOrganization)
            else system.get(item.parent.pk, [])
            if item.parent is not None
            else []
        )
        item.chain = [(org.pk, 0, item.on, OPEN_END)] + [
            (a, depth + 1, max(item.on, start), end) for a, depth, start, end in above if end > item.on
        ]
        closure += [
            Ancestry(descendant=org, ancestor_id=a, depth=depth, valid_from=start, valid_to=end)
            for a, depth, start, end in item.chain
        ]
        if org.parent_id:
            links.append(ParentLink(organization=org, parent_id=org.parent_id, valid_from=item.on))
        events.append(
            LineageEvent(
                type=LineageEvent.Type.ESTABLISH,
                date=item.on,
                organization=org,
                decision_number=nfc(item.decision_number),
            )
        )
    events += [LineageEvent(type=LineageEvent.Type.RENAME, date=on, organization=org) for org, on in renames]
    OrganizationName.objects.bulk_create(names, batch_size=BATCH)
    Ancestry.objects.bulk_create(closure, batch_size=BATCH)
    ParentLink.objects.bulk_create(links, batch_size=BATCH)
    LineageEvent.objects.bulk_create(events, batch_size=BATCH)
    Related = LineageEvent.related.through
    Related.objects.bulk_create(
        [
            Related(lineageevent_id=e.pk, organization_id=e.organization.parent_id)
            for e in events[: len(items)]
            if e.organization.parent_id
        ],
        batch_size=BATCH,
    )
    label = Organization._meta.label_lower
    audit.record_many(
        [
            audit.event(
                actor,
                OrganizationsAudit.ORGANIZATION_ESTABLISH,
                object_type=label,
                object_id=str(org.pk),
                object_label=org.name,
                organization=org,
                after={**(audit.snapshot(org) or {}), "names": [[n[0], str(n[3])] for n in item.names]},
                reason=reason or item.decision_number,
            )
            for item, org in zip(items, orgs, strict=True)
        ]
    )
    return orgs
