"""sukien: Vietnamese news pages in, a dated chronicle of international events out."""

__version__ = "0.1.0"
