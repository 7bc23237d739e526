"""The base of the editors' change forms in admin, for the archive's Q&As and every app above it
(factsheets, questions from visitors), and the field every box of several lines with a limit
reads its text with (MultiLineText)."""

import copy
import datetime
import hashlib

from django import forms
from django.contrib.admin.utils import quote
from django.forms.models import construct_instance, model_to_dict
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import Truncator, get_text_list, normalize_newlines


class MultiLineText(forms.CharField):
    """Text from a box of several lines (a textarea) that has a maximum length, its line breaks
    as typed: the browser counts each as one character against the box's maxlength, but sends
    it as two (CR LF, as HTML has forms send text), and Django keeps the text as sent. Each
    line break is made one LF before the length is checked, so that what the box let the
    person type is not refused as too long."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_newlines(value) if value else value


class RefuseStaleSavesForm(forms.ModelForm):
    """A change form that never silently writes an older text back over a colleague's. Each
    field it writes is weighed three ways, as the page was opened, as posted and as saved now:
    one the colleague changed since is kept as they saved it unless the editor changed it too;
    one both changed to different values refuses the save. The refused form comes back with
    everything the editor typed, shows under each such field what is saved now, and saves the
    editor's version if sent again. Admin renders `opened_as` when it is in a fieldset
    (archive.admin.RefusesStaleSaves)."""

    # What the page was opened with: "name:digest" of each field the save writes.
    opened_as = forms.CharField(widget=forms.HiddenInput, required=False)
    # The fields kept as a colleague saved them since the page was opened (set when cleaned).
    kept_theirs = ()
    # {html name: value as saved now} of the boxes a refused form shows as saved (`_refuse`).
    shows_saved = {}
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

    @property
    def changed_data(self):
        # Not the fields kept as a colleague saved them (the editor did not change those), nor
        # the record of what the page was opened with.
        kept = [*self.kept_theirs, "opened_as"]
        return [name for name in super().changed_data if name not in kept]

    def _post_clean(self):
        # Before the instance is built from the cleaned data and validated, so that it is built,
        # and checked, with what a colleague saved meanwhile.
        opened_as = self.cleaned_data.get("opened_as")
        if self.refuse_stale and self.instance.pk and opened_as:
            self._weigh(dict(pair.partition(":")[::2] for pair in opened_as.split()))
        super()._post_clean()

    def _weigh(self, opened):
        """Weigh each field as `opened`, posted and saved now: keep a colleague's change the
        editor did not also make; refuse the save where both changed a field differently."""
        posted = self._posted_digests()
        locked = self._locked()
        saved = self._digests(locked)
        theirs, conflicts = [], []
        for name, now in saved.items():
            if opened.get(name) == now or name not in posted:  # not theirs, or not valid
                continue
            # A field missing from `opened` was not on the page: the editor cannot have changed it.
            if name not in opened or posted[name] == opened[name]:
                theirs.append(name)
            elif posted[name] != now:
                conflicts.append(name)
        opts = self.instance._meta
        for name in theirs:
            field = opts.get_field(name)
            value = getattr(locked, name)
            self.cleaned_data[name] = value.all() if field.many_to_many else value
        self.kept_theirs = theirs
        # What the form does not write is saved as it is now, not as it was read before the lock.
        for field in opts.concrete_fields:
            if field.name not in self.fields and not field.primary_key and not field.generated:
                setattr(self.instance, field.attname, getattr(locked, field.attname))
        if conflicts:
            self._refuse(
                conflicts, locked, opened | {name: saved[name] for name in [*conflicts, *theirs]}
            )

    def _posted_digests(self):
        """{field name: digest} of what was posted, as `_digests` would find it once saved: the
        values put on a copy of the instance as the form puts them (construct_instance)."""
        posted = copy.copy(self.instance)
        construct_instance(self, posted, self._meta.fields, self._meta.exclude)
        opts = self.instance._meta
        digests = {}
        for field in [*opts.concrete_fields, *opts.many_to_many]:
            if field.name in self.fields and field.name in self.cleaned_data:
                value = (
                    self.cleaned_data[field.name]
                    if field.many_to_many
                    else field.value_from_object(posted)
                )
                digests[field.name] = self._digest(field, value)
        return digests

    def _locked(self):
        """The object as saved now, its row locked until this save commits (admin saves inside
        a transaction): a colleague's save sent at the same moment waits for this one, then
        weighs its changes against this one's, instead of both reading the row as it was."""
        return type(self.instance)._default_manager.select_for_update().get(pk=self.instance.pk)

    def _digests(self, instance):
        """{field name: digest of its saved value} for each field the form writes, of
        `instance` as read from the database."""
        opts = instance._meta
        return {
            field.name: self._digest(field, field.value_from_object(instance))
            for field in [*opts.concrete_fields, *opts.many_to_many]
            if field.name in self.fields
        }

    def _digest(self, field, value):
        """The digest of `field`'s `value` (as `value_from_object` gives it), the same for a
        value saved and the same value posted back from the page."""
        if field.many_to_many:
            value = sorted(related.pk for related in value)
        elif isinstance(value, str):
            # A browser sends a box's lines back ending in CRLF, and the form strips the ends.
            value = value.replace("\r\n", "\n").strip()
        elif isinstance(value, datetime.datetime):
            # Posted in local time, read back in UTC; to the second where the box shows no more.
            if timezone.is_aware(value):
                value = value.astimezone(datetime.UTC)
            if not self.fields[field.name].widget.supports_microseconds:
                value = value.replace(microsecond=0)
        return hashlib.sha256(repr(value).encode()).hexdigest()[:12]

    def _widget_data_value(self, widget, html_name):
        # Django's one hook between a box and the posted data it shows: a box kept as a
        # colleague saved it shows their value, as an unbound form shows its initial one.
        if html_name in self.shows_saved:
            return self.shows_saved[html_name]
        return super()._widget_data_value(widget, html_name)

    def _refuse(self, conflicts, locked, opened):
        """Refuse the save: the `conflicts` fields were changed both by someone else and in the
        form. Under each is what is saved now; sent again, the form saves the editor's version
        of them (`opened` records them as saved now). The boxes kept as the colleague saved them
        (`kept_theirs`) show their value, not the older one the editor left there: that is what
        is saved, now and if sent again (`opened` records them as saved now too)."""
        theirs = model_to_dict(locked, fields=self.kept_theirs)
        self.shows_saved = {self.add_prefix(name): value for name, value in theirs.items()}
        for name in conflicts:
            self.add_error(name, "Changed by someone else since you opened this page.")
            field = self.fields[name]
            now = format_html(
                '<span class="saved-now">Saved now by someone else: “{}”</span>',
                _saved_text(locked, self.instance._meta.get_field(name)),
            )
            # Admin shows help text as HTML: the field's own is kept as it is. The bound field
            # (made when the form was cleaned) holds its own copy.
            field.help_text = f"{now}<br>{field.help_text}" if field.help_text else now
            self[name].help_text = field.help_text
        data = self.data.copy()
        data[self.add_prefix("opened_as")] = " ".join(f"{k}:{v}" for k, v in opened.items())
        self.data = data
        labels = [f"“{self.fields[name].label}”" for name in conflicts]
        opts = self.instance._meta
        saved = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(self.instance.pk)]
        )
        self.add_error(
            None,
            format_html(
                "Someone else saved this {} after you opened it, changing {} as you did, so "
                "nothing was saved. What you typed is still in the boxes, and what they saved is "
                "under each. Save again to keep yours, or take theirs from below. "
                '<a href="{}" target="_blank" rel="noopener">Open the saved version in a new '
                "tab</a>.{}",
                self.called or opts.verbose_name,
                get_text_list(labels, "and"),
                saved,
                self._kept_in_words(),
            ),
        )

    def _kept_in_words(self):
        """The sentence of the refusal that names the boxes showing what the colleague saved."""
        if not self.kept_theirs:
            return ""
        labels = [f"“{self.fields[name].label}”" for name in self.kept_theirs]
        one = len(labels) == 1
        return (
            f" {get_text_list(labels, 'and')} show{'s' if one else ''} what they saved, as you "
            f"left {'it' if one else 'them'} alone: that is kept."
        )


def _saved_text(instance, field):
    """`field`'s value on `instance` in words for an editor, shortened if long."""
    if field.many_to_many:
        value = "; ".join(str(related) for related in getattr(instance, field.name).all())
    elif field.is_relation:
        value = getattr(instance, field.name)
    elif field.choices:
        value = getattr(instance, f"get_{field.name}_display")()
    else:
        value = field.value_from_object(instance)
    if isinstance(value, bool):
        return "ticked" if value else "not ticked"
    if value is None or value == "":
        return "empty"
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return Truncator(formats.localize(value) if not isinstance(value, str) else value).chars(300)
