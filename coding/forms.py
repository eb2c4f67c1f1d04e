"""Builder forms. Each checks its own fields, then asks the engine whether the whole encounter still holds,
and puts the engine's complaints beside the field they name."""

import re

from django import forms

from coding.engine import EncounterError, parse_encounter, parse_json
from coding.engine.schema import MAX_ADMINISTRATIONS, Category, Pump, Route, Setting

CATEGORY_LABELS = {
    Category.THERAPEUTIC: "Therapeutic, prophylactic or diagnostic",
    Category.HYDRATION: "Hydration (fluids, electrolytes)",
    Category.CHEMOTHERAPY: "Chemotherapy or complex drug",
}
ROUTE_LABELS = {
    Route.IV_INFUSION: "IV infusion",
    Route.IV_PUSH: "IV push",
    Route.SUBCUTANEOUS: "Subcutaneous injection",
    Route.INTRAMUSCULAR: "Intramuscular injection",
    Route.INTRA_ARTERIAL: "Intra-arterial",
    Route.SC_INFUSION: "Subcutaneous infusion",
    Route.INTRALESIONAL: "Intralesional",
    Route.INTRATHECAL: "Intrathecal",
    Route.INTRAPLEURAL: "Intrapleural",
    Route.INTRAPERITONEAL: "Intraperitoneal",
    Route.VENTRICULAR_RESERVOIR: "Ventricular reservoir",
    Route.PUMP_REFILL: "Pump refill",
    Route.PORT_FLUSH: "Port flush",
}
PUMP_LABELS = {Pump.PORTABLE: "Portable pump", Pump.IMPLANTABLE: "Implantable pump"}
SETTING_LABELS = {Setting.FACILITY: "Facility", Setting.PROFESSIONAL: "Professional"}
NUDGES = (-5, -1, 1, 5)
MAX_IMPORT_BYTES = 1_000_000

SHORT_CLOCK = re.compile(r"^(\d):(\d{2})$")
FLAGS = ("incidental", "primary", "hormonal")
TIME_HELP = "HH:MM; past midnight, 2026-03-14T23:10"


def next_administration_id(encounter: dict) -> str:
    taken = {administration["id"] for administration in encounter["administrations"]}
    number = len(taken) + 1
    while f"a{number}" in taken:
        number += 1
    return f"a{number}"


def engine_errors(encounter: dict) -> list[dict[str, str]]:
    try:
        parse_encounter(encounter)
    except EncounterError as exc:
        return exc.errors
    return []


def describe_loc(loc: str, encounter: object) -> str:
    """ "administrations.2.stop" -> "Administration 3 (a3), stop", so a person can find the field."""
    parts = loc.split(".")
    if len(parts) >= 2 and parts[0] in {"administrations", "accesses"} and parts[1].isdigit():
        index = int(parts[1])
        noun = "Administration" if parts[0] == "administrations" else "Access"
        label = f"{noun} {index + 1}"
        items = encounter.get(parts[0]) if isinstance(encounter, dict) else None
        if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
            item_id = items[index].get("id")
            if isinstance(item_id, str):
                label += f" ({item_id})"
        return ", ".join([label, *parts[2:]])
    return loc


class AdministrationForm(forms.Form):
    substance = forms.CharField(label="Substance", max_length=120)
    category = forms.ChoiceField(label="Category", choices=list(CATEGORY_LABELS.items()))
    route = forms.ChoiceField(label="Route", choices=list(ROUTE_LABELS.items()))
    start = forms.CharField(label="Start", max_length=19, help_text=TIME_HELP)
    stop = forms.CharField(
        label="Stop", max_length=19, required=False, help_text="Leave empty if not documented"
    )
    access = forms.CharField(label="IV access", max_length=32, initial="A")
    incidental = forms.BooleanField(label="Incidental (keep vein open, carrier, flush)", required=False)
    primary = forms.BooleanField(label="Primary reason for visit", required=False)
    pump = forms.ChoiceField(label="Pump", choices=[("", "No pump"), *PUMP_LABELS.items()], required=False)
    hormonal = forms.BooleanField(label="Hormonal", required=False)

    def __init__(self, *args, encounter: dict, editing: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.encounter = encounter
        self.editing = editing
        self.new_encounter: dict | None = None
        if editing is not None:
            # The form opens in place of the card: take the keyboard there with it.
            self.fields["substance"].widget.attrs["autofocus"] = True

    @staticmethod
    def initial_for(administration: dict) -> dict:
        return {name: administration.get(name, "") for name in AdministrationForm.base_fields} | {
            "access": administration.get("access", "A")
        }

    def _clean_time(self, name: str) -> str:
        value = self.cleaned_data[name].strip().replace(" ", "T")
        short = SHORT_CLOCK.match(value)
        return f"0{short[1]}:{short[2]}" if short else value

    def clean_start(self) -> str:
        return self._clean_time("start")

    def clean_stop(self) -> str:
        return self._clean_time("stop")

    def clean_substance(self) -> str:
        return self.cleaned_data["substance"].strip()

    def clean_access(self) -> str:
        return self.cleaned_data["access"].strip().upper() or "A"

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        administrations = list(self.encounter["administrations"])
        if self.editing is None:
            if len(administrations) >= MAX_ADMINISTRATIONS:
                raise forms.ValidationError(
                    f"This encounter already has {MAX_ADMINISTRATIONS} administrations, the most one encounter "
                    "may hold. Nothing was added; code a second visit as a second encounter."
                )
            index = len(administrations)
            administrations.append(self._administration({"id": next_administration_id(self.encounter)}))
        else:
            index = next(i for i, a in enumerate(administrations) if a["id"] == self.editing)
            administrations[index] = self._administration(administrations[index])
        candidate = self.encounter | {"administrations": administrations}
        prefix = f"administrations.{index}."
        for error in engine_errors(candidate):
            field = (
                error["loc"].removeprefix(prefix).split(".")[0] if error["loc"].startswith(prefix) else None
            )
            self.add_error(field if field in self.fields else None, error["msg"])
        if not self.errors:
            self.new_encounter = candidate
        return cleaned

    def _administration(self, existing: dict) -> dict:
        """The form's fields over the administration being edited (keeping fields the form does not show)."""
        data = self.cleaned_data
        administration = dict(existing)
        for name in ("substance", "category", "route", "start", "stop", "access", "pump", *FLAGS):
            administration.pop(name, None)
            value = data[name]
            if value not in ("", False, None) and not (name == "access" and value == "A"):
                administration[name] = value
        return administration


class SettingForm(forms.Form):
    setting = forms.ChoiceField(
        label="Setting", choices=list(SETTING_LABELS.items()), widget=forms.RadioSelect
    )


class NudgeForm(forms.Form):
    minutes = forms.TypedChoiceField(choices=[(n, n) for n in NUDGES], coerce=int)


class AccessForm(forms.Form):
    access = forms.RegexField(regex=r"^[A-Za-z0-9_-]{1,32}$")
    separate_site_necessary = forms.BooleanField(required=False)


class SaveForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Reader question, concurrent"}),
    )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Give the encounter a title.")
        return title


class ImportForm(forms.Form):
    file = forms.FileField(label="JSON file", required=False)
    text = forms.CharField(
        label="Or paste the JSON", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.encounter: dict | None = None
        self.encounter_errors: list[dict[str, str]] = []

    def clean(self) -> dict:
        cleaned = super().clean()
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if self.errors:
            return cleaned
        if upload and text:
            raise forms.ValidationError("Choose a file or paste text, not both.")
        if not upload and not text:
            raise forms.ValidationError("Choose a JSON file or paste the JSON text.")
        field = "file" if upload else "text"
        if upload and upload.size > MAX_IMPORT_BYTES:
            self.add_error(field, "The file is larger than 1 MB; an encounter is a few kilobytes.")
            return cleaned
        try:
            data = parse_json(upload.read() if upload else text)
        except EncounterError as exc:
            what = "The file" if upload else "The text"
            self.add_error(field, f"{what} is not JSON: {exc.errors[0]['msg']}")
            return cleaned
        self.encounter_errors = [
            {"loc": describe_loc(error["loc"], data), "msg": error["msg"]} for error in engine_errors(data)
        ]
        if self.encounter_errors:
            self.add_error(field, "The JSON is not a valid encounter; the fields at fault are listed below.")
        else:
            self.encounter = data
        return cleaned
