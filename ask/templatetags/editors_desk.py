"""What waits for editors, counted for the admin index: a handful of queries, whatever the sizes."""

from django import template
from django.conf import settings
from django.db.models import Count, Min, Q
from django.urls import reverse

from archive.models import Question
from ask.admin import how_long_ago
from ask.models import OutgoingEmail, Submission
from factsheets.models import REVIEW_NOTICE_DAYS, Factsheet
from search.models import SearchGap

register = template.Library()


@register.inclusion_tag("admin/at_a_glance.html", takes_context=True)
def at_a_glance(context, *more):
    """Counts of the work waiting, each linking to the filtered list; only what the user may see.
    `more`: lists of items from apps this one may not import (feedback's unhelpful pages), made
    by their own tags in the admin index's template."""
    user = context["request"].user
    ours = [*_queue(user), *_factsheets(user), *_answers(user), *_search_gaps(user)]
    return {"items": [*ours, *(entry for items in more for entry in items)]}


def item(count, label, url, *, urgent=False, detail=""):
    """One count for the desk; `label` has "{s}" (or "{es}") where a plural takes an "s"."""
    label = label.format(s="" if count == 1 else "s", es="" if count == 1 else "es")
    return {"count": count, "label": label, "url": url, "urgent": urgent, "detail": detail}


def _queue(user):
    if not user.has_perm("ask.view_submission"):
        return []
    waiting = Q(state__in=Submission.WAITING_STATES)
    # Not an e-mail whose asker an editor noted cannot be reached: nothing more can be done.
    waiting_emails = OutgoingEmail.objects.awaiting_editors()
    undelivered = Q(pk__in=waiting_emails.values("submission_id"))
    given_up = Q(pk__in=waiting_emails.given_up().values("submission_id"))
    counts = Submission.objects.aggregate(
        waiting=Count("id", filter=waiting),
        urgent_waiting=Count("id", filter=waiting & Q(urgent=True)),
        oldest=Min("created_at", filter=waiting),
        to_publish=Count("id", filter=Q(pk__in=Submission.objects.to_publish())),
        undelivered=Count("id", filter=undelivered),
        undelivered_urgent=Count("id", filter=undelivered & Q(urgent=True)),
        given_up=Count("id", filter=given_up),
    )
    queue = reverse("admin:ask_submission_changelist")
    oldest = counts["oldest"]
    return [
        item(
            counts["waiting"],
            "question{s} waiting (new or in review)",
            f"{queue}?state=waiting",
            detail=f"oldest: {how_long_ago(oldest)}" if oldest else "",
        ),
        item(
            counts["urgent_waiting"],
            "urgent question{s} waiting",
            f"{queue}?state=waiting&urgent__exact=1",
            urgent=counts["urgent_waiting"] > 0,
        ),
        item(counts["to_publish"], "answered, not yet published", f"{queue}?state=to_publish"),
        # An e-mail the mail server refused, still retried or given up: an asker, maybe an
        # urgent one, waiting for a receipt or an answer that has not arrived.
        item(
            counts["undelivered"],
            "question{s} with an e-mail not delivered",
            f"{queue}?state=all&email=undelivered",
            urgent=counts["undelivered_urgent"] > 0,
            detail=", ".join(
                f"{counts[name]} {words}"
                for name, words in [("undelivered_urgent", "urgent"), ("given_up", "given up")]
                if counts[name]
            ),
        ),
    ]


def _factsheets(user):
    if not user.has_perm("factsheets.view_factsheet"):
        return []
    counts = Factsheet.objects.aggregate(
        overdue=Count("id", filter=Q(pk__in=Factsheet.objects.review_overdue())),
        due=Count("id", filter=Q(pk__in=Factsheet.objects.due_for_review())),
    )
    factsheets = reverse("admin:factsheets_factsheet_changelist")
    return [
        item(counts["overdue"], "factsheet{s} overdue for review", f"{factsheets}?review=overdue"),
        item(
            counts["due"],
            f"factsheet{{s}} due for review within {REVIEW_NOTICE_DAYS} days",
            f"{factsheets}?review=due",
        ),
    ]


def _answers(user):
    if not user.has_perm("archive.view_question"):
        return []
    url = reverse("admin:archive_question_changelist") + "?review=due"
    return [item(Question.objects.due_for_review().count(), "Q&A{s} due for review", url)]


def _search_gaps(user):
    if not user.has_perm("search.view_searchgap"):
        return []
    # As the list shows them: one per search still waiting, over the days kept.
    return [
        item(
            SearchGap.objects.waiting().most_frequent().count(),
            "search{es} that found little",
            reverse("admin:search_searchgap_changelist"),
            detail=f"in the last {settings.SEARCH_GAPS_KEEP_DAYS} days",
        )
    ]
