"""Readers: files, folders, .gz, HTML, JSONL and CSV records → Documents (or Failures)."""

from sukien.ingest.readers import FieldMap, iter_documents

__all__ = ["FieldMap", "iter_documents"]
