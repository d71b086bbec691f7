"""Settings, retrieval, answering and the user-facing entry points (CLI, UI, Python API)."""
