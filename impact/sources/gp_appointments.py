"""NHS England "Appointments in General Practice" regional CSV, as downloaded.

One row per organisation × month × status × clinician type × mode × booking interval. The
booking-interval labels carry doubled spaces (``8  to 14 Days``) that would silently drop
rows from a naive comparison, so every label is whitespace-normalised before it is used.
The organisation is the CCG (later sub-ICB location) the layout reports by.
"""

from __future__ import annotations

from impact.sources.publication import Layout, Statement, publication

READER = publication(
    "gp_appointments",
    "Appointments in General Practice (regional CSV)",
    Layout(
        required={
            "ccg_code",
            "ccg_name",
            "region_name",
            "appointment_month",
            "appt_status",
            "time_between_book_and_appt",
            "count_of_appointments",
        },
        rows=Statement("gp_appointments_rows", "path", "regions", alias="appointments"),
        outputs={
            "observations": Statement("gp_appointments_observations"),
            "organisations": Statement("gp_appointments_organisations"),
        },
    ),
)
