"""The public question form."""

import secrets

from django import forms
from django.core import signing
from django.core.validators import MaxLengthValidator

from archive import red_flags
from archive.forms import MultiLineText
from archive.models import Category
from ask import email_typos
from ask.models import QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH, Submission
from config.personal_data import EMAIL_ADDRESS


class AskForm(forms.ModelForm):
    """A visitor's question, with the consents we need and the warning signs they tick."""

    red_flags_ticked = forms.MultipleChoiceField(
        choices=red_flags.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Do any of these apply to you now?",
        help_text="Tick any that do. We will show you at once where to get urgent help.",
    )
    consent_to_store = forms.BooleanField(
        label="I agree to Acupuncture Answers keeping my question so that the expert panel can "
        "answer it.",
        error_messages={"required": "Please tick this box so that we may keep your question."},
    )
    send_without_reply = forms.BooleanField(
        required=False,
        label="Send it anyway: I understand that I will not get an answer",
    )
    # Which address to write to, when the one typed is a mistyped common one: the suggestion or
    # the address as typed (to keep it, or, if mail cannot be sent to it, to correct it), each
    # sent as itself, so that a choice made for one address is never taken for another typed
    # later. A choice under the address box then (_check_email_domain), hidden otherwise. With
    # the box empty and an address in the question, the choice is to use that one or to send
    # without (WITHOUT_ADDRESS and it), asked by _check_address_in_question.
    email_choice = forms.CharField(
        required=False, label="Which address should we write to?", widget=forms.HiddenInput
    )
    # A trap for form-filling robots: hidden from people (and screen readers) by the template.
    website = forms.CharField(required=False, label="Leave this box empty", max_length=200)
    # The page's one-time token: the same form sent twice stores one question.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    # What the error summary calls each field: a label there reads badly before the message
    # ("…so that the expert panel can answer it.: Please tick…").
    SUMMARY_NAMES = {
        "question": "Your question",
        "category": "Where is the problem",
        "red_flags_ticked": "Warning signs",
        "name": "First name",
        "email": "E-mail address",
        "consent_to_store": "Consent",
    }
    NO_REPLY_WARNING = (
        "With no e-mail address and no permission to publish, we have no way to give you "
        "the answer. Add your e-mail address, allow us to publish it (without your name), or "
        "tick “Send it anyway”."
    )

    # The value of the choice to send without the address the question holds, before that address.
    WITHOUT_ADDRESS = "without:"

    class Meta:
        model = Submission
        fields = [
            "question",
            "category",
            "red_flags_ticked",
            "name",
            "email",
            "consent_to_store",
            "consent_to_publish",
        ]
        labels = {
            "question": "Your question",
            "category": "Where is the problem? (optional)",
            "name": "Your first name (optional)",
            "email": "Your e-mail address (optional)",
            "consent_to_publish": "You may publish my question and its answer in the archive, "
            "without my name or e-mail address, so that it can help others.",
        }
        help_texts = {
            "category": "Choose the nearest. Our editors can change it.",
            "question": "Please leave out your full name, address and anything else that could "
            f"identify you. At least {QUESTION_MIN_LENGTH} characters.",
            "name": "Only our editors see it.",
            "email": "So that we can tell you when your answer is ready. Never published or shared.",
            "consent_to_publish": "Editors remove any personal details before publishing. "
            "If you leave this unticked, we answer you by e-mail only.",
        }
        error_messages = {
            "question": {
                "required": "Please type your question.",
                "min_length": "Please tell us a little more: at least %(limit_value)d characters.",
                "max_length": "Please shorten your question to %(limit_value)s characters or fewer "
                "(it has %(show_value)s).",
            },
            "email": {"invalid": "Please check your e-mail address, e.g. name@example.com."},
        }
        field_classes = {"question": MultiLineText}
        widgets = {
            "question": forms.Textarea(attrs={"rows": 8}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "given-name"}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        category.choices = [("", "Not sure, or somewhere else")] + [
            (node.pk, " › ".join(names)) for node, names in _tree_order(Category.objects.tree())
        ]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        # No maxlength: a browser would cut a longer paste short unseen, with any warning sign
        # at its end; the server refuses it with the reason and that sign's advice, and keeps it.
        self.fields["question"].widget.attrs.pop("maxlength", None)
        self.fields["question"].validators = [
            GroupedMaxLengthValidator(validator.limit_value)
            if isinstance(validator, MaxLengthValidator)
            else validator
            for validator in self.fields["question"].validators
        ]
        self.fields["form_token"].initial = new_form_token()
        self.asks_which_address = False

    @classmethod
    def keeping(cls, data):
        """An unbound form showing what was typed in `data`: for re-showing the form (after
        "Check for similar answers") without complaining about boxes not yet filled in."""
        form = cls()
        form.initial = {
            name: field.widget.value_from_datadict(data, {}, form.add_prefix(name))
            for name, field in form.fields.items()
        }
        if form_token_value(form.initial["form_token"]) is None:
            form.initial["form_token"] = new_form_token()
        return form

    def clean(self):
        cleaned = super().clean()
        token = form_token_value(cleaned.get("form_token"))
        if token is None:
            self.add_error(
                None,
                "This page was open for too long to be sent safely. Please press “Send my "
                "question” again: your text is kept.",
            )
            self.data = self.data.copy()  # shown again with a token that will be accepted
            self.data[self.add_prefix("form_token")] = new_form_token()
        cleaned["form_token"] = token
        sent_without = self._check_address_in_question(cleaned)
        self._check_email_domain(cleaned)
        no_way_to_reply = not cleaned.get("email") and not cleaned.get("consent_to_publish")
        without_reply = cleaned.get("send_without_reply") or sent_without
        if no_way_to_reply and not without_reply and "email" not in self.errors:
            # On the address box, which is what most people will want to fill in.
            self.add_error("email", self.NO_REPLY_WARNING)
        return cleaned

    def _check_address_in_question(self, cleaned):
        """Hold back a question that holds an e-mail address while the address box is empty, until
        the asker chooses to have it put in the box or to send without: they may think they gave
        one. Returns whether they chose to send without it, which, with no permission to publish,
        is also choosing to get no answer (the choice says so)."""
        if cleaned.get("email") or self["email"].data or "question" not in cleaned:
            return False
        typed, found = self._address_in(cleaned["question"])
        if not found:
            return False
        choice = cleaned.get("email_choice")
        if choice == found:
            # In the box as if typed there: the choice is spent, and the address is checked for a
            # mistyped domain as one typed would be.
            self._put_in_address_box(cleaned, found, email_choice="")
            return False
        without = self.WITHOUT_ADDRESS + found
        no_answer = (
            ""
            if cleaned.get("consent_to_publish")
            else ": I understand that I will not get an answer"
        )
        self.asks_which_address = True
        self.fields["email_choice"].label = "Should we write to you there?"
        self.fields["email_choice"].widget = forms.RadioSelect(
            choices=[
                (found, f"Yes: put {found} in the box above"),
                (without, f"No: send it without an e-mail address{no_answer}"),
            ]
        )
        if choice == without:
            return True
        self.add_error(
            "email",
            f"Your question holds an e-mail address ({typed}). To get the answer by e-mail, put "
            "it in this box; editors remove it from the question before anything is published.",
        )
        return False

    def _address_in(self, text):
        """The first e-mail address in `text`, without the full stop or other mark that may end
        its sentence, as (typed, usable): usable is what the address box would take, the address
        itself or, where mail cannot be sent to it, the suggestion put right ("bob@gmail" →
        "bob@gmail.com"). (None, None) if it holds none."""
        for match in EMAIL_ADDRESS.finditer(text):
            typed = match[0].rstrip(".!?")
            try:
                return typed, self.fields["email"].clean(typed)
            except forms.ValidationError:
                if suggested := self._suggestion(typed):
                    return typed, suggested
        return None, None

    def _check_email_domain(self, cleaned):
        """Hold back an address whose domain is a mistyped common one ("jane@gmial.com",
        "jane@gmail") until the asker chooses the suggestion, or the address as typed when mail
        can be sent to it; the suggestion chosen is put in the address box, as the form is shown
        again if anything else stops it. For one mail cannot be sent to, "Did you mean …?" takes
        the place of Django's "Please check your e-mail address"."""
        unsendable = self.has_error("email", "invalid")
        typed = self._typed_email() if unsendable else cleaned.get("email")
        suggested = typed and self._suggestion(typed)
        if not suggested:
            return
        if unsendable:
            del self.errors["email"]
        if cleaned.get("email_choice") == suggested:
            self._put_in_address_box(cleaned, suggested)
            return
        self._ask_which_address(suggested, typed, unsendable)
        if unsendable or cleaned.get("email_choice") != typed:
            self.add_error("email", f"Did you mean {suggested}?")

    def _put_in_address_box(self, cleaned, address, **also):
        """Take `address` as the one typed in the address box, in what is cleaned and in the box
        itself, as the form is shown again if anything else stops it; `also`: other fields'
        values, set likewise."""
        values = {"email": address, **also}
        cleaned.update(values)
        self.data = self.data.copy()
        for name, value in values.items():
            self.data[self.add_prefix(name)] = value

    def _ask_which_address(self, suggested, typed, unsendable):
        """Show email_choice as a choice between `suggested` and `typed`, which is the address
        kept, or, when mail cannot be sent to it, the asker's to correct."""
        self.asks_which_address = True
        other = (
            "I will correct it myself in the box above"
            if unsendable
            else f"Keep the address as I typed it: {typed}"
        )
        self.fields["email_choice"].widget = forms.RadioSelect(
            choices=[(suggested, f"Use {suggested}"), (typed, other)]
        )

    def _typed_email(self):
        """The address as typed, when it failed the field's check (so is not in cleaned_data)."""
        return self.fields["email"].to_python(self["email"].data)

    def _suggestion(self, typed):
        """email_typos' suggestion for `typed`, if it passes the address box's checks: one put
        right after the "@" may still be wrong before it ("jane doe@gmail")."""
        suggested = email_typos.suggestion(typed)
        try:
            return suggested and self.fields["email"].clean(suggested)
        except forms.ValidationError:
            return None

    def error_summary(self):
        """(id of the field, "Short name: message") for each field's error, in form order."""
        return [
            (field.auto_id, f"{self.SUMMARY_NAMES.get(field.name, field.label)}: {error}")
            for field in self
            for error in field.errors
        ]

    @property
    def is_spam(self):
        """A robot filled in the hidden trap field."""
        return bool(self.cleaned_data.get("website"))

    def submission_fields(self):
        """Keyword arguments for ask.services.submit_question."""
        fields = [*self.Meta.fields, "form_token"]
        return {name: self.cleaned_data[name] for name in fields}


class GroupedMaxLengthValidator(MaxLengthValidator):
    """MaxLengthValidator whose message gives the numbers as the site writes them ("5,000
    characters or fewer (it has 14,000)"): a message's %(…)d cannot group thousands."""

    def __call__(self, value):
        try:
            super().__call__(value)
        except forms.ValidationError as error:
            length = error.params["show_value"]
            error.params |= {"limit_value": f"{self.limit_value:,}", "show_value": f"{length:,}"}
            raise


FORM_TOKEN_SALT = "ask.form-token"  # noqa: S105 - a signing salt, not a secret
# Long enough to write a question in several sittings; a page older than this gets a new token.
FORM_TOKEN_MAX_AGE = 2 * 24 * 60 * 60


def new_form_token():
    """A signed, random token for one ask form page."""
    return signing.dumps(secrets.token_urlsafe(24), salt=FORM_TOKEN_SALT)


def form_token_value(signed):
    """The random part of a form token this site issued and that has not expired, else None."""
    try:
        return signing.loads(signed or "", salt=FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None


def _tree_order(nodes, names=()):
    """(category, its path of names) for each node of Category.objects.tree(), depth first."""
    for node in nodes:
        path = (*names, node.name)
        yield node, path
        yield from _tree_order(node.children, path)


def typed_question(data, length=QUESTION_MAX_LENGTH):
    """The question text from submitted form data, cut to `length` (the longest we accept)."""
    return data.get("question", "")[:length]


class WithdrawForm(forms.Form):
    """The withdraw page's button, carrying the names of the warning signs the page showed: a
    second press (a double click) finds the question erased, signs and all, and its answer is
    the page the asker sees, so it gives their advice again from these. Names only of the rules'
    signs; at worst a crafted one shows more urgent advice."""

    signs = forms.MultipleChoiceField(
        choices=[(flag.name, flag.name) for flag in red_flags.RED_FLAGS],
        required=False,
        widget=forms.MultipleHiddenInput,
    )

    def shown_signs(self):
        """The RedFlags the page showed, as its form sent them (none if it sent no valid ones)."""
        return red_flags.flags_named(self.cleaned_data["signs"]) if self.is_valid() else []
