"""Travel desk agent: Google ADK for the conversation, Composio for the tools."""
import logging
import uuid

from google.adk.agents import LlmAgent
from google.adk.runners import Runner
from google.adk.sessions import InMemorySessionService
from google.genai import types

from composio import Composio

log = logging.getLogger("travel_desk")

APP_NAME = "travel-desk"
MODEL = "gemini-2.0-flash"

session_service = InMemorySessionService()
composio = Composio()

# ADK conversation state per user. These are ADK sessions, not Composio ones.
_adk_sessions: dict = {}


async def _adk_session_for(user_id: str):
    existing = _adk_sessions.get(user_id)
    if existing is not None:
        return existing
    adk_session = await session_service.create_session(
        app_name=APP_NAME, user_id=user_id, session_id=uuid.uuid4().hex
    )
    _adk_sessions[user_id] = adk_session
    return adk_session


def _wrap_tools(tool_session) -> list:
    # Provider-specific adaptation omitted; ADK accepts plain callables.
    return list(tool_session.tools())


async def chat(user_id: str, text: str, voice: str = "default") -> str:
    tool_session = composio.create(user_id=user_id, toolkits=["googlecalendar", "gmail"])
    sid = tool_session.session_id
    log.debug("composio session opened", extra={"composio_session_id": sid, "user": user_id})

    agent = LlmAgent(
        name="travel_desk",
        model=MODEL,
        instruction="Plan trips using the user's calendar. Confirm before booking.",
        tools=_wrap_tools(tool_session),
    )
    runner = Runner(agent=agent, app_name=APP_NAME, session_service=session_service)
    adk_session = await _adk_session_for(user_id)

    content = types.Content(role="user", parts=[types.Part(text=text)])
    reply = ""
    async for event in runner.run_async(
        user_id=user_id, session_id=adk_session.id, new_message=content
    ):
        if event.is_final_response() and event.content and event.content.parts:
            reply = event.content.parts[0].text or ""
    if voice != "default":
        reply = f"[{voice}] {reply}"
    return reply


async def reset(user_id: str) -> None:
    adk_session = _adk_sessions.pop(user_id, None)
    if adk_session is not None:
        await session_service.delete_session(
            app_name=APP_NAME, user_id=user_id, session_id=adk_session.id
        )
