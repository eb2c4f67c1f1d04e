"""Plain words for the `why` sentences and notes: times, minutes and names as a coder reads them."""

from __future__ import annotations

from datetime import datetime

from coding.engine.schema import Administration, Route

ROUTE_WORDS = {
    Route.IV_INFUSION: "IV infusion",
    Route.IV_PUSH: "IV push",
    Route.SUBCUTANEOUS: "subcutaneous injection",
    Route.INTRAMUSCULAR: "intramuscular injection",
    Route.INTRA_ARTERIAL: "intra-arterial administration",
    Route.SC_INFUSION: "subcutaneous infusion",
    Route.INTRALESIONAL: "intralesional injection",
    Route.INTRATHECAL: "intrathecal administration",
    Route.INTRAPLEURAL: "intrapleural instillation",
    Route.INTRAPERITONEAL: "intraperitoneal instillation",
    Route.VENTRICULAR_RESERVOIR: "injection through a ventricular reservoir",
    Route.PUMP_REFILL: "pump refill",
    Route.PORT_FLUSH: "port flush",
}


def clock(moment: datetime, dated: bool) -> str:
    """ "09:05", or dated "2026-03-14 09:05" (formatted by hand: strftime took four times as long, many times a
    coding)."""
    time = f"{moment.hour:02d}:{moment.minute:02d}"
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} {time}" if dated else time


def name(administration: Administration) -> str:
    return administration.substance.strip()


def names(administrations: list[Administration]) -> str:
    unique = list(dict.fromkeys(name(a) for a in administrations))
    if len(unique) == 1:
        return unique[0]
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def minutes_text(count: int) -> str:
    return f"{count} minute" + ("" if count == 1 else "s")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def article(words: str) -> str:
    """Words with their indefinite article: "an IV push", "a subcutaneous injection"."""
    return ("an " if words[:1].lower() in "aeio" or words.startswith("IV") else "a ") + words
