"""Feedback's count for the admin index's "Waiting for editors" (ask's desk may not import this
app, so the index's template hands it over)."""

from django import template
from django.urls import reverse

from ask.templatetags.editors_desk import item
from feedback.models import UNHELPFUL_SHARE, FeedbackPage

register = template.Library()


@register.simple_tag(takes_context=True)
def unhelpful_pages(context):
    """The pages readers surely found unhelpful, for a user who may see them; else nothing."""
    if not context["request"].user.has_perm("feedback.view_feedbackpage"):
        return []
    url = reverse("admin:feedback_feedbackpage_changelist") + "?verdict=unhelpful"
    return [
        item(
            FeedbackPage.objects.unhelpful().count(),
            "page{s} readers found unhelpful",
            url,
            detail=f"{UNHELPFUL_SHARE:.0%} or more said no, with enough votes to be sure; "
            "votes since a page was last marked changed, else all",
        )
    ]
