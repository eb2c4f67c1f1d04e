"""The builder's words for the encounter format's values: one source for the forms, the picture and the codes."""

from coding.engine.schema import Category, Pump, Route, Setting

# The words say what sets a drug apart from hydration, so an electrolyte given to treat is not entered as
# "any fluid" (the form's help adds the common case).
CATEGORY_LABELS = {
    Category.THERAPEUTIC: "Drug (therapeutic, prophylactic or diagnostic)",
    Category.HYDRATION: "Hydration (plain fluid given only to hydrate)",
    Category.CHEMOTHERAPY: "Chemotherapy or complex drug",
}
CATEGORY_HELP = "Potassium, magnesium or calcium given to replace a level is a drug, even in its own bag."
INCIDENTAL_LABEL = "Incidental fluid (not coded)"
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
ROLE_LABELS = {
    "initial": "Initial",
    "additional_hour": "Additional hour",
    "sequential": "Sequential",
    "concurrent": "Concurrent",
    "standalone": "Stand-alone",
}


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
    return {"administrations": "The timeline", "setting": "Setting", "accesses": "IV accesses"}.get(loc, loc)
