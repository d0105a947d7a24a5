"""Audit log (admins only): who signed in, uploaded, changed questions, downloaded packs."""

from impact.ui.pages.audit import render

render()
