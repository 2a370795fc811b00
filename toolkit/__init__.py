"""backscatter-toolkit: mailboxes full of backscatter into Polars frames, notebooks and reports."""
__version__ = "0.1.0"

from .store import load  # noqa: E402

__all__ = ["load", "__version__"]
