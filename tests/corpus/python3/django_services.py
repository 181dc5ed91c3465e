"""assistant/services.py — business logic behind the assistant views.

Keep Django request objects out of here; views pass plain values in.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

from cachetools import TTLCache
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from openai import OpenAI

from .composio_client import get_composio
from .models import Conversation, SharedDriveFile, Turn

logger = logging.getLogger(__name__)

composio = get_composio()
llm = OpenAI(api_key=settings.OPENAI_API_KEY)

# Service account used by the nightly shared-drive sync (see sync_shared_drive below).
SYSTEM_USER_ID = getattr(settings, "COMPOSIO_SYSTEM_USER_ID", "default")  # [expect CS001]

AGENT_MODEL = getattr(settings, "ASSISTANT_MODEL", "gpt-4.1-mini")
MAX_TOOL_ROUNDS = 6
SYSTEM_PROMPT = (
    "You are the workspace assistant. Use the available tools to act on the user's "
    "connected apps. Ask before sending anything on their behalf."
)


@dataclass
class TurnResult:
    reply: str
    tool_calls: int = 0
    elapsed_ms: int = 0
    errors: list[str] = field(default_factory=list)


def _tool_messages(tool_calls, results) -> Iterable[dict[str, Any]]:
    for call, result in zip(tool_calls, results):
        yield {"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)[:20_000]}


def run_agent_turn(session, message: str, history: list[dict[str, Any]] | None = None) -> str:
    """Run one user message through the model with the session's tools."""
    messages = [{"role": "system", "content": SYSTEM_PROMPT}, *(history or []), {"role": "user", "content": message}]
    tools = session.tools()
    for _ in range(MAX_TOOL_ROUNDS):
        completion = llm.chat.completions.create(model=AGENT_MODEL, messages=messages, tools=tools)
        msg = completion.choices[0].message
        if not msg.tool_calls:
            return msg.content or ""
        messages.append(msg.model_dump(exclude_none=True))
        results = [session.execute(c.function.name, json.loads(c.function.arguments)) for c in msg.tool_calls]
        messages.extend(_tool_messages(msg.tool_calls, results))
    return "Sorry, that took too many steps."


class AgentService:
    """Facade used by views and the DRF API.

    Sessions used to be created on every call; creating them showed up in traces,
    so they are now kept for fifteen minutes per user.
    """

    def __init__(self, ttl_seconds: int = 900, toolkits: list[str] | None = None) -> None:
        self._sessions: TTLCache = TTLCache(maxsize=10_000, ttl=ttl_seconds)
        self._toolkits = toolkits or ["gmail", "googlecalendar", "slack", "notion"]

    def session_for(self, user_pk: int):
        user_id = f"user_{user_pk}"
        session = self._sessions.get(user_id)
        if session is None:
            session = composio.create(user_id=user_id, toolkits=self._toolkits, manage_connections=True)
            logger.info("composio session %s created for %s", session.session_id, user_id)
            self._sessions[user_id] = session  # [expect CS003]
        return session

    def answer(self, user_pk: int, conversation: Conversation, message: str) -> TurnResult:
        started = time.monotonic()
        session = self.session_for(user_pk)
        history = [{"role": t.role, "content": t.content} for t in conversation.turns.order_by("created_at")]
        reply = run_agent_turn(session, message, history)
        with transaction.atomic():
            Turn.objects.create(conversation=conversation, role="user", content=message)
            Turn.objects.create(conversation=conversation, role="assistant", content=reply)
        return TurnResult(reply=reply, elapsed_ms=int((time.monotonic() - started) * 1000))

    def forget(self, user_pk: int) -> None:
        self._sessions.pop(f"user_{user_pk}", None)


class ConversationRunner:
    """One runner per open conversation tab; it owns that conversation's session."""

    def __init__(self, user_pk: int, conversation: Conversation) -> None:
        self.user_id = f"user_{user_pk}"
        self.conversation = conversation
        self.session = composio.create(user_id=self.user_id, toolkits=conversation.toolkits)
        logger.info(
            "conversation %s bound to session %s", conversation.pk, self.session.session_id
        )
        conversation.composio_session_id = self.session.session_id
        conversation.save(update_fields=["composio_session_id"])

    def send(self, message: str) -> str:
        return run_agent_turn(self.session, message)


def notify_owner(user, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=True)


def list_user_toolkits(user_pk: int) -> list[str]:
    accounts = composio.connected_accounts.list(user_ids=[f"user_{user_pk}"])
    return sorted({a.toolkit.slug for a in accounts.items if a.status == "ACTIVE"})


def execute_for_user(user_pk: int, slug: str, arguments: dict[str, Any]) -> dict[str, Any]:
    logger.info("execute %s for user_%s", slug, user_pk)
    return composio.tools.execute(slug, arguments=arguments, user_id=f"user_{user_pk}")


# --------------------------------------------------------------------------- scheduled jobs


def sync_shared_drive(folder_id: str, page_size: int = 100) -> int:
    """Nightly job (django-q schedule ``assistant.services.sync_shared_drive``)."""
    synced = 0
    cursor = None
    while True:
        arguments = {"folder_id": folder_id, "page_size": page_size}
        if cursor:
            arguments["page_token"] = cursor
        result = composio.tools.execute(
            "GOOGLEDRIVE_LIST_FILES",
            arguments=arguments,
            user_id=SYSTEM_USER_ID,
        )
        data = result.get("data") or {}
        for item in data.get("files", []):
            SharedDriveFile.objects.update_or_create(
                drive_id=item["id"], defaults={"name": item["name"], "mime_type": item.get("mimeType", "")}
            )
            synced += 1
        cursor = data.get("nextPageToken")
        if not cursor:
            break
    logger.info("shared drive sync finished: %d files", synced)
    return synced
