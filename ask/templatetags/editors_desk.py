"""What waits for editors, counted for the admin index: a handful of queries, whatever the sizes."""

from django import template
from django.db.models import Count, Min, Q
from django.urls import reverse

from archive.models import Question
from ask.admin import how_long_ago
from ask.models import OutgoingEmail, Submission
from factsheets.models import REVIEW_NOTICE_DAYS, Factsheet

register = template.Library()


@register.inclusion_tag("admin/at_a_glance.html", takes_context=True)
def at_a_glance(context):
    """Counts of the work waiting, each linking to the filtered list; only what the user may see."""
    user = context["request"].user
    return {"items": [*_queue(user), *_factsheets(user), *_answers(user)]}


def _item(count, label, url, *, urgent=False, detail=""):
    """One count; `label` has "{s}" where a plural takes an "s"."""
    label = label.format(s="" if count == 1 else "s")
    return {"count": count, "label": label, "url": url, "urgent": urgent, "detail": detail}


def _queue(user):
    if not user.has_perm("ask.view_submission"):
        return []
    waiting = Q(state__in=Submission.WAITING_STATES)
    undelivered = Q(pk__in=OutgoingEmail.objects.undelivered().values("submission_id"))
    given_up = Q(pk__in=OutgoingEmail.objects.given_up().values("submission_id"))
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
        _item(
            counts["waiting"],
            "question{s} waiting (new or in review)",
            f"{queue}?state=waiting",
            detail=f"oldest: {how_long_ago(oldest)}" if oldest else "",
        ),
        _item(
            counts["urgent_waiting"],
            "urgent question{s} waiting",
            f"{queue}?state=waiting&urgent__exact=1",
            urgent=counts["urgent_waiting"] > 0,
        ),
        _item(counts["to_publish"], "answered, not yet published", f"{queue}?state=to_publish"),
        # An e-mail the mail server refused, still retried or given up: an asker, maybe an
        # urgent one, waiting for a receipt or an answer that has not arrived.
        _item(
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
        _item(counts["overdue"], "factsheet{s} overdue for review", f"{factsheets}?review=overdue"),
        _item(
            counts["due"],
            f"factsheet{{s}} due for review within {REVIEW_NOTICE_DAYS} days",
            f"{factsheets}?review=due",
        ),
    ]


def _answers(user):
    if not user.has_perm("archive.view_question"):
        return []
    url = reverse("admin:archive_question_changelist") + "?review=due"
    return [_item(Question.objects.due_for_review().count(), "Q&A{s} due for review", url)]
