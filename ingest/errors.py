"""The one exception a loader raises: its message is the reason shown to the user."""


class LoadError(Exception):
    """A file or URL that cannot be ingested; str(error) is a short, user-facing reason."""
