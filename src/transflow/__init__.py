"""transflow: carry documents through translation with gettext PO files."""

__version__ = "0.2.0"
