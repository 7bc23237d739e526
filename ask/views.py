"""The public side of Ask an expert: the form, the thank-you page and similar answers."""

import logging
from functools import wraps

from django.conf import settings
from django.core import signing
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from archive import red_flags
from ask import rate_limit, services
from ask.forms import AskForm, WithdrawForm, typed_question
from ask.models import QUESTION_MAX_LENGTH, RETRY_FOR, Submission
from config.client_ip import client_ip
from config.personal_data import sends_no_referrer
from search.query import prepare_question
from search.results import similar_questions

logger = logging.getLogger(__name__)

SIMILAR_SHOWN = 5
# Similar answers are ranked on a question's start only: ranking costs more with each word, and
# the live box asks at each pause in typing. Warning signs are read from the whole text.
SIMILAR_RANKED_LENGTH = 1000
THANKS_SALT = "ask.thanks"
THANKS_MAX_AGE = 24 * 60 * 60
NOT_SENT_YET = (
    "Your question has not been sent yet. Please check it and press “Send my question” again."
)


def _try_again_if_database_down(view):
    """While the database is down, answer with the "please try again" page, holding what was
    typed, instead of an error."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DatabaseError:
            logger.exception("Ask form: database unavailable")
            return _try_again(request)

    return wrapped


@require_http_methods(["GET", "HEAD", "POST"])
@_try_again_if_database_down
def ask(request):
    """Show the form; on "Check for similar answers" show it again with matches; on "Send" store
    the question. If the database is down, say so and give back what was typed."""
    if request.method != "POST":
        # A search's words come along from the search page ("Ask the expert panel"), with the
        # urgent advice they call for.
        text = typed_question(request.GET)
        form = AskForm(initial={"question": text})
        return _form_page(request, form, warning_signs=red_flags.signs_shown(text))
    if request.POST.get("action") == "check":
        return _check_similar(request)
    return _send(request)


def csrf_failure(request, reason=""):
    """The page for a form refused by the CSRF check (settings.CSRF_FAILURE_VIEW). A question
    sent to the ask form without its cookie or token (blocked cookies, a cookie that expired)
    comes back unsent with everything typed, its advice and a fresh token; any other form, and
    one posted from another site (refused for its origin or referer, checked first), gets a
    plain page: another site's words and address must never come back ready to send. A question
    refused so gets the advice its words call for and is told how to get them back."""
    cookie_or_token = reason == REASON_NO_CSRF_COOKIE or reason.startswith("CSRF token")
    if request.method == "POST" and request.path == reverse("ask:ask"):
        if cookie_or_token:
            return _refused_question(request)
        # Not the form, but the advice its words call for, and how to get them back: a browser
        # that hides where a form came from is refused so too.
        signs = _posted_signs(request)
        return render(request, "ask/not_accepted.html", {"warning_signs": signs}, status=403)
    return render(request, "403_csrf.html", status=403)


@_try_again_if_database_down
def _refused_question(request):
    # Bound, to keep every box as sent, but never saved: the request is not to be trusted.
    form = AskForm(request.POST)
    form.is_valid()
    form.add_error(None, NOT_SENT_YET)
    return _unsent(request, form, status=403, needs_cookies=True)


def _check_similar(request):
    form = AskForm.keeping(request.POST)
    return _form_page(
        request,
        form,
        checked=True,
        similar=_similar(typed_question(request.POST)),
        warning_signs=_posted_signs(request),
    )


def _send(request):
    form = AskForm(request.POST)
    if not form.is_valid():
        return _unsent(request, form)
    fields = form.submission_fields() | {"browser": _browser(request)}
    if sent := services.sent_before(**fields):
        # The same form again: a double click, a retry, or Back and "Send" once more.
        return redirect(thanks_url(sent))
    if not rate_limit.allow(request, scope="ask", limit=settings.ASK_SUBMISSIONS_PER_HOUR):
        # The count is per internet address, which people on one network share (a hospital's
        # Wi-Fi), and starts again on the hour: say so, and when.
        minutes = rate_limit.minutes_left()
        form.add_error(
            None,
            f"Several questions have been sent from your internet address this hour (people on "
            f"one network share one). Please send this one again in {minutes} minute"
            f"{pluralize(minutes)}; your text is kept below.",
        )
        return _unsent(request, form, status=429)
    if form.is_spam:
        logger.info("Ask form: honeypot filled by %s", client_ip(request))
        return _unsent(request, _with_trap_emptied(request.POST))
    submission = services.submit_question(**fields)
    return redirect(thanks_url(submission))


def _browser(request):
    """A keyed hash of the visitor's CSRF cookie, the same on each form page their browser opens
    (Submission.browser); empty without one."""
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    return cookie and salted_hmac("ask.browser", cookie, algorithm="sha256").hexdigest()


def _unsent(request, form, status=200, **context):
    """The form again, with the advice its words or ticked boxes call for: a question that
    cannot be sent yet must not delay that."""
    signs = _posted_signs(request)
    context["not_sent_said"] = NOT_SENT_YET in form.non_field_errors()
    return _form_page(request, form, status=status, warning_signs=signs, **context)


def _with_trap_emptied(data):
    """The form again, unsent, after its hidden trap box was filled. Robots fill every box, but a
    person's browser may fill that one too: their question is kept, the box emptied, and they
    are told it was not sent, so that pressing the button again sends it."""
    data = data.copy()
    data["website"] = ""
    form = AskForm(data)
    form.is_valid()
    form.add_error(None, NOT_SENT_YET)
    return form


def _ticked(request):
    return request.POST.getlist("red_flags_ticked")


def _posted_signs(request, length=red_flags.SIGNS_READ_LENGTH):
    """The signs a posted question's words and ticked boxes show, read up to `length`: by default
    past the longest question accepted, as one refused for its length may describe a sign at its
    end."""
    return red_flags.signs_shown(typed_question(request.POST, length), _ticked(request))


def _form_page(request, form, status=200, **context):
    context.setdefault("warning_signs", [])
    context |= {
        "form": form,
        "erase_after_days": settings.ASK_ERASE_AFTER_DAYS,
        "close_after_days": settings.ASK_CLOSE_AFTER_DAYS,
    }
    return render(request, "ask/ask.html", context, status=status)


def _try_again(request):
    """The "please try again" page: needs no database, and holds what was typed. On opening the
    form nothing was: it says only that the form cannot be opened, with the advice a search's
    words call for."""
    if request.method != "POST":
        signs = red_flags.signs_shown(typed_question(request.GET))
        return render(request, "ask/try_again.html", {"warning_signs": signs}, status=503)
    fields = AskForm.base_fields
    kept = [
        (name, value)
        for name in request.POST
        if name in fields and name != "question"
        for value in request.POST.getlist(name)
    ]
    # All of it, even past the longest accepted: cut, the rest would be lost unseen.
    text = request.POST.get("question", "")
    return render(
        request,
        "ask/try_again.html",
        {
            "sent": True,
            # "Check for similar answers" pressed: no question was being sent, and none should be.
            "checking": request.POST.get("action") == "check",
            "question": text,
            "kept": kept,
            "warning_signs": _posted_signs(request),
        },
        status=503,
    )


@sends_no_referrer
@require_safe
def thanks(request, token):
    """The thank-you page of a just-sent question. Its link lasts THANKS_MAX_AGE, so that it does
    not show the question's reference and signs to whoever opens the browser's history later;
    after that it says only that the question was received."""
    submission = _from_thanks_link(token)
    if submission is None:
        return render(request, "ask/thanks_expired.html", status=410)
    return render(
        request,
        "ask/thanks.html",
        # The wait, and the way to withdraw a question sent to a mistyped address, are told only
        # beside the receipt, to those who gave an address; the wait only while it waits.
        {
            "submission": submission,
            "typical_wait": submission.email
            and submission.is_waiting
            and Submission.objects.typical_wait(),
            # Not the receipt's lasting link: this one ends with the page's own (its token), as
            # whoever opens the browser's history later must not withdraw the question.
            "withdraw_url": submission.email and reverse("ask:thanks_withdraw", args=[token]),
            "retry_days": RETRY_FOR.days,
        },
    )


def _from_thanks_link(token):
    """The submission a thank-you page's token names; None once it has expired (THANKS_MAX_AGE).
    A forged token is not found."""
    try:
        reference = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
    except signing.SignatureExpired:
        return None
    except signing.BadSignature:
        raise Http404("No such question.") from None
    return get_object_or_404(Submission, reference=reference)


# No CSRF check: it stores nothing, and a browser that blocks cookies must still get urgent advice.
@csrf_exempt
@require_POST
def similar(request):
    """The similar answers as an HTML fragment, for the form's script to show while typing, with
    the advice its words or ticked boxes call for. Posted: words in a URL are logged by any proxy
    or CDN in front."""
    # No more than the box holds: a post to this view is counted by no allowance.
    signs = _posted_signs(request, QUESTION_MAX_LENGTH)
    try:
        matches = _similar(typed_question(request.POST))
    except DatabaseError:
        logger.exception("Similar answers: database unavailable")
        matches = None  # the urgent advice matters more than the matches: show it anyway
        if not signs:
            return HttpResponse(status=503)
    return render(
        request,
        "ask/_similar.html",
        {"similar": matches, "checked": matches is not None, "signs": signs, "urgent": bool(signs)},
    )


def _similar(text):
    return similar_questions(prepare_question(text[:SIMILAR_RANKED_LENGTH]), limit=SIMILAR_SHOWN)


def thanks_url(submission):
    """The thank-you page of a just-sent submission: a signed, expiring link, so that nobody can
    look up someone else's submission by guessing references."""
    return reverse("ask:thanks", args=[signing.dumps(submission.reference, salt=THANKS_SALT)])


@sends_no_referrer
@never_cache
@require_safe
def status(request, token):
    """Where the asker's question stands, from the signed link in their receipt e-mail."""
    submission = _from_link(token, salt=services.STATUS_SALT)
    return render(
        request,
        "ask/status.html",
        {
            "submission": submission,
            "withdraw_url": services.withdraw_url(submission),
            # Told only while the question waits.
            "typical_wait": submission.is_waiting and Submission.objects.typical_wait(),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, token):
    """Withdraw a question and erase the asker's details, from the signed link in their e-mails
    (a closed question keeps its state: only the details go). The link opens a page with one
    button: a mail scanner that follows links changes nothing."""
    return _withdraw(request, _from_link(token, salt=services.WITHDRAW_SALT))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def thanks_withdraw(request, token):
    """The withdraw page from the thank-you page's link, which ends when that page's link does:
    after that, the expired thank-you page says where the lasting link is (the receipt)."""
    submission = _from_thanks_link(token)
    if submission is None:
        return render(request, "ask/thanks_expired.html", {"withdrawing": True}, status=410)
    return _withdraw(request, submission)


def _withdraw(request, submission):
    # The advice is shown on the page that withdraws it too, and on the answer to any press of
    # its button (a double click's second answer is the one seen, and erasing took the signs:
    # the button sends them back); later visits show only the state, as the status page does
    # once the details are erased.
    signs = [] if submission.personal_data_erased_at else submission.red_flags
    if request.method == "POST":
        signs = signs or WithdrawForm(request.POST).shown_signs()
        services.withdraw(submission=submission)
        submission.refresh_from_db()
    form = WithdrawForm(initial={"signs": [flag.name for flag in signs]})
    # `done`: this request erased them ("Done."); a later visit only says they are erased.
    return render(
        request,
        "ask/withdraw.html",
        {
            "submission": submission,
            "warning_signs": signs,
            "form": form,
            "done": request.method == "POST",
        },
    )


def _from_link(token, *, salt):
    submission = services.submission_from_link(token, salt=salt)
    if submission is None:
        raise Http404("No such question, or the link is not complete.")
    return submission


# Not a public page: its advice must show while the database is down, and the content version
# is read from it.
@require_safe
def urgent_help(request):
    """When to get urgent help, from the same red-flag rules the ask form applies (the lists come
    from config.context_processors.urgent_help_signs)."""
    return render(request, "ask/urgent_help.html")
