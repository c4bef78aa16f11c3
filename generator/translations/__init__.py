"""Content translations: extract translatable fields, merge gettext catalogs, report and check them."""
