"""Onboarding a landlord: residence files written from its spreadsheet (``residence-hub import``)."""
