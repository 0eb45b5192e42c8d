"""The routers of the web app: `/api/v1` (analyze, safety, history) and the HTML pages."""
