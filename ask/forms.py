"""The public question form."""

from django import forms

from archive.models import Category
from ask import red_flags
from ask.models import QUESTION_MAX_LENGTH, QUESTION_MIN_LENGTH, Submission


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
    # A trap for form-filling robots: hidden from people (and screen readers) by the template.
    website = forms.CharField(required=False, label="Leave this box empty", max_length=200)

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
                "max_length": "Please shorten your question to %(limit_value)d characters or fewer.",
            },
            "email": {"invalid": "Please check your e-mail address, e.g. name@example.com."},
        }
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

    @classmethod
    def keeping(cls, data):
        """An unbound form showing what was typed in `data`: for re-showing the form (after
        "Check for similar answers") without complaining about boxes not yet filled in."""
        form = cls()
        form.initial = {
            name: field.widget.value_from_datadict(data, {}, form.add_prefix(name))
            for name, field in form.fields.items()
        }
        return form

    @property
    def is_spam(self):
        """A robot filled in the hidden trap field."""
        return bool(self.cleaned_data.get("website"))

    def submission_fields(self):
        """Keyword arguments for ask.services.submit_question."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _tree_order(nodes, names=()):
    """(category, its path of names) for each node of Category.objects.tree(), depth first."""
    for node in nodes:
        path = (*names, node.name)
        yield node, path
        yield from _tree_order(node.children, path)


def typed_question(data):
    """The question text from submitted form data, cut to the longest we accept."""
    return data.get("question", "")[:QUESTION_MAX_LENGTH]
