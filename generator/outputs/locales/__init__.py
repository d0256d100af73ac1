"""Our interface's gettext catalogs, one ``<lang>.po`` per language (``outputs.i18n`` reads them)."""
