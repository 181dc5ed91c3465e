import logging
import os

import segment.analytics as analytics

from composio import Composio

analytics.write_key = os.environ["SEGMENT_WRITE_KEY"]
logger = logging.getLogger("agent.tasks")
composio = Composio()


def run_task(user_id: str, task: str) -> dict:
    session = composio.create(user_id=user_id, toolkits=["googlesheets"])
    logger.info("task session %s", session.session_id, extra={"user_id": user_id})
    analytics.track(user_id=user_id, event="agent_task_started", properties={"session_id": session.session_id})
    return {"task": task, "tools": len(session.tools())}


def record_anonymous_visit(page: str) -> None:
    analytics.track(user_id="default", event="page_view", properties={"page": page})
    logger.info("anonymous visit", extra={"user_id": "default", "page": page})
