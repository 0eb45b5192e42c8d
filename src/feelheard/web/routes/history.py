"""The seam for the storage issue: history, practice, assessments, check-ins, journal, export and delete.

Nothing is stored yet. When `feelheard.storage` lands, the lead wires it here:

1. Add the storage endpoints to `router` (it is mounted under `/api/v1`), e.g. `GET /history`,
   `POST /practice`, `GET|POST /assessments`, `GET|POST /checkins`, `GET|POST /journal`, `GET /export`,
   `POST /import`, `DELETE /data`. Bound uploads (size and JSON type) the same way as other bodies.
2. Set `app.state.recorder` (in `create_app`) to an object with `record(analysis, *, source)`
   (`feelheard.web.deps.ExchangeRecorder`) so saved exchanges reach storage.
   The web layer must never record an exchange whose safety level is not "none".
3. Add the pages (Practice, Assessments, Check-ins, Progress, Chat review) to `routes/pages.py` and their
   links to `NAV` there; each appears when its back end exists.
"""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["history"])
