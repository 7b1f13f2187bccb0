"""A person's competition entries (as author or co-author), for their own copy of their data."""

from django.db.models import Q

from competitions.models import Entry
from core.personal_data import personal_data_rows


def personal_data_of(*, person) -> dict[str, list[dict]]:
    entries = Entry.objects.filter(Q(author=person) | Q(coauthors=person)).distinct()
    return {
        "竞赛作品": personal_data_rows(
            entries.order_by("pk"), {"competition__title": "竞赛", "title": "作品名称"}
        )
    }
