"""Small helpers around Composio used by the chat and cron entrypoints."""
from __future__ import annotations

import logging
from typing import Iterable

from composio import Composio

logger = logging.getLogger("composio_helpers")
_composio = Composio()


def _trace(session, what: str) -> None:
    logger.info("%s: composio session %s", what, session.session_id)


def open_session(
    toolkits: Iterable[str],
    uid: str = "default",  # [expect CS001]
    *,
    manage_connections: bool = True,
):
    """Open a Composio session. `uid` defaults so local runs "just work"."""
    session = _composio.create(
        user_id=uid,
        toolkits=list(toolkits),
        manage_connections=manage_connections,
    )
    _trace(session, "open_session")
    return session


def chat_turn(user_id: str, message: str):
    session = open_session(["gmail"], uid=user_id)
    return session.tools(), message


def nightly_cleanup():
    # Relies on the helper's default identity.
    session = open_session(["googledrive"])
    return session.execute("GOOGLEDRIVE_LIST_FILES", arguments={"q": "trashed = true"})
