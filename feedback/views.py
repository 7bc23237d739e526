"""Counting readers' answers to “Was this helpful?”."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ask import rate_limit
from feedback.forms import FeedbackForm
from feedback.models import FeedbackPage

# Answers one visitor (client address) may give in an hour, across all pages.
ANSWERS_PER_HOUR = 30


# No CSRF token: the form changes no one's account or data, only adds to an anonymous count that
# the rate limit guards, and a token would make every Q&A page set a cookie and defeat caching.
@csrf_exempt
@require_POST
def record(request):
    """Count one answer, then send the reader back to the page, thanked (or, from the page's
    script, answer in JSON)."""
    form = FeedbackForm(request.POST)
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"error": "Unknown page or answer."}, status=400)
        return HttpResponseBadRequest("Unknown page or answer.")
    page = form.cleaned_data["page"]
    if not rate_limit.allow(request, scope="feedback", limit=ANSWERS_PER_HOUR):
        if wants_json:
            return JsonResponse({"error": "Too many answers; try again later."}, status=429)
        return render(request, "feedback/too_many.html", {"page": page}, status=429)
    FeedbackPage.count(page, helpful=form.cleaned_data["helpful"])
    if wants_json:
        return JsonResponse({"counted": True})
    return redirect(f"{page}?helpful=thanks#helpful")
