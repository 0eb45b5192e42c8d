"""The web app and REST API: `create_app()` builds it, `feelheard serve` runs it.

FastAPI, Jinja2 and uvicorn are imported only when this package is, so the CLI stays fast.
"""

from __future__ import annotations

from feelheard.web.app import create_app as create_app
from feelheard.web.deps import WebConfig as WebConfig

__all__ = ["WebConfig", "create_app"]
