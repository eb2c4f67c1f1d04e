"""The forms of the import and export page: what to download, the file to upload, and the preview's Confirm.

The preview is stateless: its Confirm form carries the uploaded file back, compressed and signed, and the import
reads and checks it again from scratch.
"""

from __future__ import annotations

import base64
import json
import zlib
from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat, pluralize

from authoring.content_export import bank_questions, export_owned_by, export_quizzes, export_starter
from authoring.content_files import is_csv
from quizzes.models import Case, Quiz

RENAME_LABEL = "Give slugs already taken on this site a free one (and update the file's references to them)"


class DownloadForm(forms.Form):
    # Not required: a bare GET of the download's address downloads what the educator owns.
    what = forms.ChoiceField(label="What to download", widget=forms.RadioSelect, required=False)
    quizzes = forms.ModelMultipleChoiceField(
        label="Quizzes",
        queryset=Quiz.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For the third choice: yours and the starter bank's.",
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        owned = (
            Case.objects.editable_by(user).count(),
            Quiz.objects.editable_by(user).count(),
            bank_questions().editable_by(user).count(),
        )
        # Someone who owns nothing yet is offered the starter bank first.
        self.initial.setdefault("what", "mine" if any(owned) else "starter")
        what = self.fields["what"]
        assert isinstance(what, forms.ChoiceField)
        what.choices = [
            ("mine", owned_label(*owned)),
            ("starter", "The starter bank"),
            ("quizzes", "The quizzes you choose below, with the cases they use"),
        ]
        chooser = self.fields["quizzes"]
        assert isinstance(chooser, forms.ModelMultipleChoiceField)
        chooser.queryset = Quiz.objects.visible_to_educator(user).order_by("position", "title")

    def clean_what(self) -> str:
        return self.cleaned_data["what"] or "mine"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("what") == "quizzes" and not cleaned.get("quizzes") and "quizzes" not in self.errors:
            self.add_error("quizzes", "Tick at least one quiz, or choose another download.")
        return cleaned

    def document(self) -> dict[str, Any]:
        what = self.cleaned_data["what"]
        if what == "starter":
            return export_starter()
        if what == "quizzes":
            return export_quizzes(self.cleaned_data["quizzes"])
        return export_owned_by(self.user)

    def filename(self) -> str:
        return f"infusion-coding-lab-{self.cleaned_data['what']}-{date.today():%Y-%m-%d}.json"


def owned_label(cases: int, quizzes: int, bank: int) -> str:
    """ "Everything you own: 2 cases, 1 quiz, 0 bank questions", or what to do first when that is nothing."""
    if not (cases or quizzes or bank):
        return "Everything you own: nothing yet (make or duplicate a case, question or quiz first)"
    return (
        f"Everything you own: {cases} case{pluralize(cases)}, {quizzes} quiz{pluralize(quizzes, 'zes')}, "
        f"{bank} bank question{pluralize(bank)}"
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Content file",
        help_text="A .json content document, or a .csv of choice questions.",
        error_messages={"required": "Choose a .json or .csv file to upload."},
    )
    rename = forms.BooleanField(label=RENAME_LABEL, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.CONTENT_UPLOAD_MAX_BYTES)
        self.fields["file"].help_text += f" At most {limit}."

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.CONTENT_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                f"This file is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}. "
                "Export fewer quizzes at a time, or split the CSV."
            )
        if not (is_csv(upload.name) or upload.name.lower().endswith(".json")):
            raise ValidationError("Upload a .json content document or a .csv file.")
        return upload

    def contents(self) -> tuple[str, bytes]:
        upload = self.cleaned_data["file"]
        return upload.name, upload.read()


class ConfirmForm(forms.Form):
    """The previewed file, carried back in one signed hidden field for the real import.

    The preview keeps nothing on the server, so whichever worker takes the Confirm can import; the signature
    (salted with the educator's id, valid for MAX_AGE) means it imports exactly the file, name and renaming that
    were previewed, and nothing is inflated unless the signature holds. The import checks the file again."""

    MAX_AGE = timedelta(hours=2)

    upload = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": "The previewed file did not come back; upload it again."},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signer = signing.TimestampSigner(salt=f"authoring.transfer.confirm.{user.pk}")

    @classmethod
    def carrying(cls, name: str, raw: bytes, rename: bool, *, user: User) -> ConfirmForm:
        form = cls(user=user)
        packed = base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii")
        form.initial = {"upload": form.signer.sign(json.dumps([name, rename, packed]))}
        return form

    def clean_upload(self) -> tuple[str, bool, bytes]:
        try:
            name, rename, packed = json.loads(
                self.signer.unsign(self.cleaned_data["upload"], max_age=self.MAX_AGE)
            )
        except signing.SignatureExpired:
            raise ValidationError("The preview is more than two hours old; upload the file again.") from None
        except signing.BadSignature:
            raise ValidationError("The previewed file did not come back intact; upload it again.") from None
        return name, rename, zlib.decompress(base64.urlsafe_b64decode(packed))

    def contents(self) -> tuple[str, bool, bytes]:
        """The file's name, whether to rename taken slugs, and its bytes."""
        contents: tuple[str, bool, bytes] = self.cleaned_data["upload"]
        return contents
