"""English in a Vietnamese school: the same dd/mm/yyyy dates as the Vietnamese interface."""

from school_site.formats.vi.formats import *  # noqa: F403

YEAR_MONTH_FORMAT = "F Y"
