"""One AgentTurn per incoming message, built by a classmethod factory."""
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from composio import Composio

logger = logging.getLogger(__name__)


@dataclass
class AgentTurn:
    user_id: str
    session: Any
    started: float = field(default_factory=time.monotonic)

    @classmethod
    def begin(cls, composio: Composio, user_id: str, toolkits: list[str]) -> "AgentTurn":
        session = composio.create(user_id=user_id, toolkits=toolkits)
        logger.info("turn started", extra={"session_id": session.session_id, "user_id": user_id})
        return cls(user_id=user_id, session=session)

    def tools(self):
        return self.session.tools()

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def handle_message(composio: Composio, user_id: str, text: str) -> dict:
    turn = AgentTurn.begin(composio, user_id, ["slack", "notion"])
    tools = turn.tools()
    return {"text": text, "tools": len(tools), "elapsed": turn.elapsed()}
