import logging
import os

from cachetools import TTLCache, cached

from composio import Composio

logger = logging.getLogger(__name__)


@cached(cache=TTLCache(maxsize=8, ttl=3600))
def composio_for_project(project_id: str) -> Composio:
    # one client per project API key: caching clients is fine
    return Composio(api_key=os.environ[f"COMPOSIO_API_KEY_{project_id.upper()}"])


@cached(cache=TTLCache(maxsize=1024, ttl=600))  # [expect CS003]
def session_for(project_id: str, user_id: str):
    session = composio_for_project(project_id).create(user_id=user_id, toolkits=["hubspot"])
    logger.info("hubspot session %s for %s", session.session_id, user_id)
    return session


def handle_crm_message(project_id: str, user_id: str, message: str) -> dict:
    tools = session_for(project_id, user_id).tools()
    return {"message": message, "tools": len(tools)}
