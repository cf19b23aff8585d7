"""transflow: carry documents through translation with gettext PO files."""

__version__ = "0.1.0"
