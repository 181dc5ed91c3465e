"""Google ADK agent with Composio tools. ADK sessions are not Composio sessions."""
import logging

from google.adk.agents import Agent
from google.adk.runners import Runner
from google.adk.sessions import InMemorySessionService
from google.genai import types

from composio import Composio

logger = logging.getLogger(__name__)
composio = Composio()
session_service = InMemorySessionService()
APP_NAME = "support_agent"


async def answer(user_id: str, question: str) -> str:
    composio_session = composio.create(user_id=user_id, toolkits=["zendesk"])
    logger.info("composio session %s", composio_session.session_id)
    agent = Agent(name="support", model="gemini-2.0-flash", tools=composio_session.tools())
    runner = Runner(agent=agent, app_name=APP_NAME, session_service=session_service)
    adk_session = await session_service.create_session(app_name=APP_NAME, user_id=user_id)
    content = types.Content(role="user", parts=[types.Part(text=question)])
    reply = ""
    async for event in runner.run_async(user_id=user_id, session_id=adk_session.id, new_message=content):
        if event.is_final_response():
            reply = event.content.parts[0].text
    return reply


async def smoke_test_session_store() -> bool:
    adk_session = await session_service.create_session(app_name=APP_NAME, user_id="default")
    fetched = await session_service.get_session(app_name=APP_NAME, user_id="default", session_id=adk_session.id)
    return fetched is not None
