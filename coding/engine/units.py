"""How time turns into units (R-B1, R-B2, R-D2 to R-D4, R-F6): small pure functions named for their thresholds."""

PUSH_MAX_MINUTES = 15  # R-B1: 15 minutes or less is a push; R-B2: 16 or more is an infusion
HYDRATION_MIN_MINUTES = 31  # R-D3
PAST_THE_HOUR = 30  # R-D4: a last part counts only when more than 30 minutes past the hour
REPEAT_PUSH_GAP = 30  # R-E3: 96376 needs more than 30 minutes since the last push of that drug
CONCURRENT_OVERLAP = 15  # R-D10: concurrent needs an overlap of more than 15 minutes
PROLONGED_PUMP_MINUTES = 8 * 60  # R-H5


def is_push_length(minutes: int) -> bool:
    return minutes <= PUSH_MAX_MINUTES


def hydration_reportable(minutes: int) -> bool:
    return minutes >= HYDRATION_MIN_MINUTES


def additional_hours(minutes: int) -> int:
    """Further hours after a first-hour code: 90 → 0, 91 → 1, 150 → 1, 151 → 2 (R-D4)."""
    if minutes <= 60:
        return 0
    full, rest = divmod(minutes - 60, 60)
    return full + (rest > PAST_THE_HOUR)


def secondary_hydration_units(minutes: int) -> int:
    """96361 with no 96360 before it: 31–90 → 1, 91–150 → 2 (R-F6)."""
    if minutes < HYDRATION_MIN_MINUTES:
        return 0
    full, rest = divmod(minutes, 60)
    return full + (rest > PAST_THE_HOUR)


def additional_hour_offsets(minutes: int) -> list[int]:
    """The minute (from the start) at which each further hour is earned: 91, 151, 211 …"""
    return [60 * k + 31 for k in range(1, additional_hours(minutes) + 1)]


def secondary_hydration_offsets(minutes: int) -> list[int]:
    return [60 * k + 31 for k in range(secondary_hydration_units(minutes))]
