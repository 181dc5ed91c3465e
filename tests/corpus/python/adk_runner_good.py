"""Google ADK runner that exposes Composio tools to an ADK agent.

ADK has its own notion of sessions (conversation memory); those are not Composio
sessions. The Composio session is created per invocation from the real user id.
"""
import logging
import uuid

from google.adk.agents import Agent
from google.adk.runners import Runner
from google.adk.sessions import InMemorySessionService
from google.genai import types

from composio import Composio
from composio_google import GoogleProvider

logger = logging.getLogger(__name__)

APP_NAME = "ops-assistant"
composio = Composio(provider=GoogleProvider())
session_service = InMemorySessionService()


async def ensure_adk_session(session_id: str):
    # ADK's in-memory store is namespaced per app; "default" is just its bucket name.
    return await session_service.create_session(
        app_name=APP_NAME,
        user_id="default",
        session_id=session_id,
    )


async def run_for_user(user_id: str, prompt: str) -> str:
    tr_session = composio.create(user_id=user_id, toolkits=["googlecalendar"])
    logger.info("composio session %s (user %s)", tr_session.session_id, user_id)

    agent = Agent(
        name="ops_agent",
        model="gemini-2.0-flash",
        instruction="Help the user manage their calendar.",
        tools=tr_session.tools(),
    )
    adk_session_id = uuid.uuid4().hex
    await ensure_adk_session(adk_session_id)
    runner = Runner(agent=agent, app_name=APP_NAME, session_service=session_service)

    final = ""
    content = types.Content(role="user", parts=[types.Part(text=prompt)])
    async for event in runner.run_async(
        user_id=user_id, session_id=adk_session_id, new_message=content
    ):
        if event.is_final_response() and event.content:
            final = event.content.parts[0].text
    return final
