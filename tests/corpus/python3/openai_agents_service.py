"""assistant/service.py — OpenAI Agents SDK assistant with Composio tools.

Conversation memory lives in the Agents SDK's SQLiteSession (one per conversation);
Composio provides the per-user tools.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from agents import Agent, HostedMCPTool, Runner, SQLiteSession
from composio import Composio
from composio_openai_agents import OpenAIAgentsProvider

logger = logging.getLogger(__name__)

composio = Composio(api_key=os.environ["COMPOSIO_API_KEY"], provider=OpenAIAgentsProvider())

MEMORY_DB = os.environ.get("ASSISTANT_MEMORY_DB", "var/conversations.sqlite3")

AGENT_PROFILES: dict[str, dict[str, Any]] = {
    "default": {
        "instructions": "You are a helpful assistant for scheduling and email.",
        "toolkits": ["GMAIL", "GOOGLECALENDAR"],
    },
    "sales": {
        "instructions": "You help account executives keep the CRM and inbox in sync.",
        "toolkits": ["GMAIL", "HUBSPOT"],
    },
    "support": {
        "instructions": "You triage support tickets and draft replies for review.",
        "toolkits": ["ZENDESK", "SLACK"],
    },
}

# Public "try it" widget on the marketing site lists a few no-auth toolkits.
CATALOG_QUERY = {"user_id": "default", "toolkits": ["HACKERNEWS", "WEATHERMAP"], "limit": 20}  # [expect CS001]


@dataclass
class Reply:
    text: str
    conversation_id: str
    tool_calls: int


def _profile(name: str | None) -> dict[str, Any]:
    return AGENT_PROFILES.get(name or "", AGENT_PROFILES["default"])


# Public FAQ answers only need read-only web tools, so they share one session.
_faq_session = None


class AssistantService:
    def __init__(self, memory_db: str = MEMORY_DB, model: str = "gpt-4.1") -> None:
        self.memory_db = memory_db
        self.model = model

    async def reply(self, user_id: str, conversation_id: str, text: str, profile: str | None = None) -> Reply:
        cfg = _profile(profile)
        # Agents SDK conversation memory, not a Composio session.
        session = SQLiteSession(conversation_id, self.memory_db)
        tools = composio.tools.get(user_id=user_id, toolkits=cfg["toolkits"])
        agent = Agent(name="Assistant", instructions=cfg["instructions"], model=self.model, tools=tools)
        result = await Runner.run(agent, text, session=session)
        calls = sum(1 for item in result.new_items if item.type == "tool_call_item")
        logger.info("reply for %s in %s used %d tools", user_id, conversation_id, calls)
        return Reply(text=str(result.final_output), conversation_id=conversation_id, tool_calls=calls)

    async def reply_via_mcp(self, user_id: str, conversation_id: str, text: str) -> Reply:
        """Same as reply(), but lets Composio's tool router discover tools at runtime."""
        tool_router = composio.create(user_id=user_id, manage_connections=True)
        logger.info(
            "tool router session %s (conversation %s)",
            tool_router.session_id,
            conversation_id,
        )
        agent = Agent(
            name="Router assistant",
            instructions="Find and use whatever tools the task needs. Ask before sending messages.",
            model=self.model,
            tools=[
                HostedMCPTool(
                    tool_config={
                        "type": "mcp",
                        "server_label": "composio",
                        "server_url": tool_router.mcp.url,
                        "headers": tool_router.mcp.headers,
                        "require_approval": "never",
                    }
                )
            ],
        )
        memory = SQLiteSession(conversation_id, self.memory_db)
        result = await Runner.run(agent, text, session=memory)
        return Reply(text=str(result.final_output), conversation_id=conversation_id, tool_calls=0)

    async def forget(self, conversation_id: str) -> None:
        session = SQLiteSession(conversation_id, self.memory_db)
        await session.clear_session()

    async def connect(self, user_id: str, toolkit: str, auth_config_id: str) -> str:
        request = composio.connected_accounts.initiate(user_id=user_id, auth_config_id=auth_config_id)
        logger.info("connect %s for %s -> %s", toolkit, user_id, request.id)
        return request.redirect_url

    async def schedule_meeting(self, user_id: str, attendee_email: str, start_iso: str) -> dict[str, Any]:
        return composio.tools.execute(
            "GOOGLECALENDAR_CREATE_EVENT",
            arguments={
                "summary": "Intro call",
                "start_datetime": start_iso,
                "event_duration_minutes": 30,
                "attendees": [attendee_email],
            },
            user_id=user_id,
        )


async def answer_faq(user_id: str, text: str) -> str:
    global _faq_session
    if _faq_session is None:
        _faq_session = composio.create(user_id="faq-bot", toolkits=["TAVILY", "FIRECRAWL"])  # [expect CS002]
        logger.info("faq session %s", _faq_session.session_id)
    agent = Agent(name="FAQ", instructions="Answer from public sources only.", tools=_faq_session.tools())
    result = await Runner.run(agent, text)
    logger.info("faq answer for %s", user_id)
    return str(result.final_output)


async def public_catalog() -> list[dict[str, str]]:
    tools = composio.tools.get(**CATALOG_QUERY)
    return [{"name": t.name, "description": t.description[:140]} for t in tools]


service = AssistantService()
