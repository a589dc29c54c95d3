"""The read-only web API (FastAPI) over a sukien store; ``create_app`` in ``sukien.api.app``."""
