"""Time zones as people in the United States say them: "Central Time", never
"America/Chicago" on one page and "CST" on another. The label holds for the whole year
(standard and daylight time), which is how people name their zone."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIME_ZONE = "America/Chicago"

US_ZONE_LABELS = {
    "America/New_York": "Eastern Time",
    "America/Detroit": "Eastern Time",
    "America/Indiana/Indianapolis": "Eastern Time",
    "America/Chicago": "Central Time",
    "America/Indiana/Knox": "Central Time",
    "America/Denver": "Mountain Time",
    "America/Boise": "Mountain Time",
    "America/Phoenix": "Arizona Time",
    "America/Los_Angeles": "Pacific Time",
    "America/Anchorage": "Alaska Time",
    "Pacific/Honolulu": "Hawaii Time",
    "America/Puerto_Rico": "Atlantic Time",
    "UTC": "Coordinated Universal Time (UTC)",
}


def zone_label(zone_name: str) -> str:
    """ "America/Chicago" → "Central Time"; a zone outside the list by its city:
    "Europe/Madrid" → "Madrid time"."""
    name = (zone_name or "").strip()
    if not name:
        return ""
    if name in US_ZONE_LABELS:
        return US_ZONE_LABELS[name]
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} time"


def session_time_zone(name: str) -> ZoneInfo:
    """The zone a session's times are shown in; the coalition's own when the name is unknown."""
    try:
        return ZoneInfo(name or DEFAULT_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)
