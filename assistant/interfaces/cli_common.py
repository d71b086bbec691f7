"""What every `layoffqa` command shares: the consoles and the settings chosen on the command line."""

from __future__ import annotations

from rich.console import Console

from assistant.settings import Settings

console = Console()
errors = Console(stderr=True)


class State:
    settings: Settings = None  # type: ignore[assignment]  # set by the root callback
