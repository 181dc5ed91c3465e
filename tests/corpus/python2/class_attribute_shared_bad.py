import logging

from composio import Composio

logger = logging.getLogger(__name__)
composio = Composio()

SERVICE_USER_ID = "svc-linear-bot"


class ToolHub:
    _session = None

    @classmethod
    def shared(cls):
        if cls._session is None:
            session = composio.create(user_id=SERVICE_USER_ID, toolkits=["linear"])  # [expect CS002]
            logger.info("tool hub session %s", session.session_id)
            cls._session = session
        return cls._session


def handle_ticket(user_id: str, ticket: dict) -> dict:
    tools = ToolHub.shared().tools()
    return {"user": user_id, "ticket": ticket["id"], "tools": len(tools)}
