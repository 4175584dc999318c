"""Reads of news: the editors' lists through their scope, the public pages (only what is published, nothing
else), "Các tin khác", and the registry's names an article must write as they are (for the proofreader)."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from dangvu.accounts.scope import Scope
from dangvu.organizations.models import Ancestry, Organization, OrganizationName, Position
from dangvu.organizations.queries import name_on

from .models import Article, Category

OTHER_NEWS = 8
PUBLIC_PAGE_SIZE = 15
# How deep under the article's organization the proofreader collects names (the city and its wards).
NAME_DEPTH = 2


# Editors ----------------------------------------------------------------------------------------------


def visible_articles(scope: Scope) -> QuerySet:
    return scope.restrict(Article.objects.select_related("organization", "category"), "organization")


def get_article(scope: Scope, pk: int) -> Article:
    article = visible_articles(scope).filter(pk=pk).first()
    if article is None:
        raise Http404("Không tìm thấy tin bài.")
    return article


def editor_list(scope: Scope, *, status: str = "", text: str = "") -> QuerySet:
    qs = visible_articles(scope)
    if status:
        qs = qs.filter(status=status)
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(lead__icontains=text))
    return qs.order_by("-updated_at", "-id")


# The public -------------------------------------------------------------------------------------------


def public_articles() -> QuerySet:
    return Article.objects.public().select_related("category").order_by("-published_at", "-id")


def public_article(pk: int) -> Article:
    """A published article, or 404: a draft, an article in review or a withdrawn one does not exist publicly."""
    article = public_articles().filter(pk=pk).first()
    if article is None:
        raise Http404("Không tìm thấy tin.")
    return article


def other_articles(article: Article, limit: int = OTHER_NEWS) -> list[Article]:
    """Các tin khác: the articles published before this one, newest first, topped up with later ones."""
    others = public_articles().exclude(pk=article.pk)
    earlier = list(others.filter(published_at__lte=article.published_at)[:limit])
    if len(earlier) < limit:
        later = others.filter(published_at__gt=article.published_at).order_by("published_at", "id")
        earlier += list(later[: limit - len(earlier)])
    return earlier


def site_committee() -> str:
    """The committee the public site speaks for, as its organization record names it: the organization of the
    setting DANGVU_SITE_ORGANIZATION (a code) or else the one that has published most, under the name it bore
    when it last published ("Thành ủy Phủ Lý" even after the city's committee ended)."""
    code = getattr(settings, "DANGVU_SITE_ORGANIZATION", "")
    organization = Organization.objects.filter(code=code).first() if code else None
    latest = public_articles()
    if organization is None:
        top = latest.values("organization").annotate(n=Count("id")).order_by("-n", "organization").first()
        organization = Organization.objects.filter(pk=top["organization"]).first() if top else None
    if organization is None:
        return ""
    last = latest.filter(organization=organization).first()
    name = name_on(organization, timezone.localdate(last.published_at) if last else None)
    return name.committee_name if name else organization.name


def public_categories() -> QuerySet:
    now = timezone.now()
    return (
        Category.objects.annotate(
            published=Count("articles", filter=Q(articles__status="published", articles__published_at__lte=now))
        )
        .filter(published__gt=0)
        .order_by("order", "name")
    )


def public_category(slug: str) -> Category:
    category = public_categories().filter(slug=slug).first()
    if category is None:
        raise Http404("Không có chuyên mục này.")
    return category


# Names the proofreader checks -------------------------------------------------------------------------


def registry_names(article: Article) -> list[str]:
    """Names of the article's organization, the organizations above it and those up to two levels under it
    (their names, committees' names and places), and the people holding posts in them, as of the article's
    date; and the guests of the meeting it reports."""
    on: date = (article.published_at and timezone.localdate(article.published_at)) or (
        article.source_meeting.date if article.source_meeting_id else timezone.localdate()
    )
    ended = article.organization.dissolved_on
    if ended and on >= ended:  # an organization that has ended: its registry as on its last day
        on = ended - timedelta(days=1)
    near = Ancestry.objects.filter(
        Q(descendant_id=article.organization_id) | Q(ancestor_id=article.organization_id, depth__lte=NAME_DEPTH),
        valid_from__lte=on,
        valid_to__gt=on,
    )
    org_ids = set(near.values_list("ancestor_id", flat=True)) | set(near.values_list("descendant_id", flat=True))
    names: set[str] = set()
    for row in OrganizationName.objects.filter(
        organization_id__in=org_ids, valid_from__lte=on, valid_to__gt=on
    ).values_list("name", "committee_name", "place"):
        names.update(n for n in row if n)
    people = Position.objects.filter(organization_id__in=org_ids, valid_from__lte=on, valid_to__gt=on)
    for family, middle, given in people.values_list(
        "person__family_name", "person__middle_name", "person__given_name"
    ).distinct():
        names.add(" ".join(p for p in (family, middle, given) if p))
    if article.source_meeting_id:
        for guest in article.source_meeting.guests.select_related("person"):
            if guest.person_id:
                names.add(guest.person.full_name)
    return sorted(names)
