"""The base of the editors' change forms in admin, for the archive's Q&As and every app above it
(factsheets, questions from visitors)."""

import hashlib

from django import forms
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import get_text_list


class RefuseStaleSavesForm(forms.ModelForm):
    """A change form that refuses a save from a page someone else has saved since it was opened:
    it would silently write the older text back over theirs. The refused form comes back with
    everything the editor typed, says which fields were changed, and links to the saved version.
    Admin renders `opened_as` when it is in a fieldset (archive.admin.RefusesStaleSaves)."""

    # What the page was opened with: "name:digest" of each field the save writes, and of
    # `updated_at` where the model keeps one (any save, a step's too, moves it on).
    opened_as = forms.CharField(widget=forms.HiddenInput, required=False)
    # Off for a preview, which saves nothing.
    refuse_stale = True
    # What the message calls the object; its model's verbose name unless set.
    called = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_as"].initial = " ".join(
                f"{name}:{digest}" for name, digest in self._digests(self.instance).items()
            )

    def clean(self):
        cleaned = super().clean()
        opened_as = cleaned.get("opened_as")
        if self.refuse_stale and self.instance.pk and opened_as:
            opened = dict(pair.partition(":")[::2] for pair in opened_as.split())
            saved = self._digests(self._locked())
            changed = [name for name, now in saved.items() if opened.get(name) != now]
            if changed:
                self._refuse(changed)
        return cleaned

    def _locked(self):
        """The object as saved now, its row locked until this save commits (admin saves inside
        a transaction): a colleague's save sent at the same moment waits for this one, then
        finds it changed and is refused, instead of both passing the check."""
        return type(self.instance)._default_manager.select_for_update().get(pk=self.instance.pk)

    def _digests(self, instance):
        """{field name: digest of its saved value} for `instance` as read from the database (a
        form is cleaned before its values are put on the instance)."""
        opts = instance._meta
        digests = {}
        for field in [*opts.concrete_fields, *opts.many_to_many]:
            if field.name in self.fields or field.name == "updated_at":
                value = field.value_from_object(instance)
                if field.many_to_many:
                    value = sorted(related.pk for related in value)
                digests[field.name] = hashlib.sha256(repr(value).encode()).hexdigest()[:12]
        return digests

    def _refuse(self, changed):
        fields = [name for name in changed if name in self.fields]
        for name in fields:
            self.add_error(name, "Changed by someone else since you opened this page.")
        labels = [f"“{self.fields[name].label}”" for name in fields]
        what = f", changing {get_text_list(labels, 'and')}" if labels else ""
        opts = self.instance._meta
        saved = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(self.instance.pk)]
        )
        self.add_error(
            None,
            format_html(
                "Someone else saved this {} after you opened it{}, so nothing was saved: saving "
                "would have undone their changes. What you typed is still on this page. "
                '<a href="{}" target="_blank" rel="noopener">Open the saved version in a new '
                "tab</a>, copy into it what you want to keep from here, and save it there.",
                self.called or opts.verbose_name,
                what,
                saved,
            ),
        )
