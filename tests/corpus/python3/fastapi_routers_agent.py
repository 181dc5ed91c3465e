"""Agent endpoints for the web app.

Mounted in app/main.py as ``app.include_router(agent.router, prefix="/api")``.
"""
from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Annotated, Any, Literal

from composio import Composio
from composio_openai import OpenAIProvider
from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, status
from openai import OpenAI
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import CurrentUser, get_current_user
from app.config import settings
from app.db import SessionLocal, get_db
from app.models import Conversation, Message, UsageEvent

logger = logging.getLogger("app.routers.agent")

router = APIRouter(prefix="/agent", tags=["agent"])

composio = Composio(api_key=settings.COMPOSIO_API_KEY, provider=OpenAIProvider())
openai_client = OpenAI(api_key=settings.OPENAI_API_KEY)

DEFAULT_TOOLKITS = ["gmail", "googlecalendar", "slack"]
MAX_TURNS = 8


# --------------------------------------------------------------------------- schemas


class ChatRequest(BaseModel):
    message: str = Field(min_length=1, max_length=8000)
    conversation_id: uuid.UUID | None = None
    toolkits: list[str] = Field(default_factory=lambda: list(DEFAULT_TOOLKITS))


class ChatResponse(BaseModel):
    conversation_id: uuid.UUID
    reply: str
    session_id: str


class ConnectRequest(BaseModel):
    toolkit: Literal["gmail", "googlecalendar", "slack", "github"]
    auth_config_id: str


class ConnectResponse(BaseModel):
    redirect_url: str
    connection_id: str


class ExecuteRequest(BaseModel):
    slug: str
    arguments: dict[str, Any] = Field(default_factory=dict)


# --------------------------------------------------------------------------- dependencies

DbSession = Annotated[Session, Depends(get_db)]
User = Annotated[CurrentUser, Depends(get_current_user)]


def load_conversation(db: Session, owner_id: str, conversation_id: uuid.UUID | None) -> Conversation:
    if conversation_id is None:
        conv = Conversation(owner_id=owner_id, title="New chat")
        db.add(conv)
        db.commit()
        db.refresh(conv)
        return conv
    conv = db.scalar(
        select(Conversation).where(Conversation.id == conversation_id, Conversation.owner_id == owner_id)
    )
    if conv is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "conversation not found")
    return conv


def _history(db: Session, conv: Conversation) -> list[dict[str, Any]]:
    rows = db.scalars(select(Message).where(Message.conversation_id == conv.id).order_by(Message.created_at))
    return [{"role": m.role, "content": m.content} for m in rows]


def _run_agent(session, history: list[dict[str, Any]], user_id: str) -> str:
    tools = session.tools()
    for _ in range(MAX_TURNS):
        completion = openai_client.chat.completions.create(
            model=settings.OPENAI_MODEL, messages=history, tools=tools
        )
        choice = completion.choices[0]
        if not choice.message.tool_calls:
            return choice.message.content or ""
        history.append(choice.message.model_dump(exclude_none=True))
        results = composio.provider.handle_tool_calls(user_id=user_id, response=completion)
        for call, result in zip(choice.message.tool_calls, results):
            history.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)})
    return "I could not finish that request in time."


def _record_usage(user_id: str, conversation_id: uuid.UUID, elapsed_ms: int) -> None:
    # Background task: a fresh ORM session, not the request one.
    with SessionLocal() as session:
        session.add(UsageEvent(user_id=user_id, conversation_id=conversation_id, elapsed_ms=elapsed_ms))
        session.commit()


# --------------------------------------------------------------------------- endpoints


@router.post("/chat", response_model=ChatResponse)
def chat(body: ChatRequest, db: DbSession, user: User, background: BackgroundTasks) -> ChatResponse:
    started = time.monotonic()
    conv = load_conversation(db, user.id, body.conversation_id)

    if conv.composio_session_id:
        session = composio.use(conv.composio_session_id)
    else:
        session = composio.create(user_id=user.id, toolkits=body.toolkits, manage_connections=True)
        conv.composio_session_id = session.session_id
        db.commit()
    logger.info("agent turn user=%s conversation=%s session=%s", user.id, conv.id, session.session_id)

    history = _history(db, conv)
    history.append({"role": "user", "content": body.message})
    reply = _run_agent(session, history, user.id)

    db.add_all(
        [
            Message(conversation_id=conv.id, role="user", content=body.message),
            Message(conversation_id=conv.id, role="assistant", content=reply),
        ]
    )
    db.commit()
    background.add_task(_record_usage, user.id, conv.id, int((time.monotonic() - started) * 1000))
    return ChatResponse(conversation_id=conv.id, reply=reply, session_id=session.session_id)


@router.get("/tools")
def list_tools(user: User, toolkit: str | None = None) -> list[str]:
    tools = composio.tools.get(user_id=user.id, toolkits=[toolkit] if toolkit else DEFAULT_TOOLKITS)
    return [t["function"]["name"] for t in tools]


@router.post("/execute")
def execute(body: ExecuteRequest, user: User) -> dict[str, Any]:
    if not body.slug.isupper():
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "tool slugs are upper case")
    logger.info("direct execute %s for user %s", body.slug, user.id)
    return composio.tools.execute(body.slug, arguments=body.arguments, user_id=user.id)


@router.post("/digest")
def send_digest(user: User) -> dict[str, Any]:
    # The user's e-mail is tool input here, not an identity.
    return composio.tools.execute(
        "GMAIL_SEND_EMAIL",
        arguments={"recipient_email": user.email, "subject": "Your daily digest", "body": "..."},
        user_id=user.id,
    )


@router.post("/connect", response_model=ConnectResponse)
def connect(body: ConnectRequest, user: User) -> ConnectResponse:
    logger.info("user %s connecting %s", user.id, body.toolkit)
    request = composio.connected_accounts.initiate(
        user_id=user.email,  # [expect CS005]
        auth_config_id=body.auth_config_id,
    )
    return ConnectResponse(redirect_url=request.redirect_url, connection_id=request.id)


@router.get("/connections")
def connections(user: User) -> list[dict[str, Any]]:
    accounts = composio.connected_accounts.list(user_ids=[user.id])
    return [{"id": a.id, "toolkit": a.toolkit.slug, "status": a.status} for a in accounts.items]


# --------------------------------------------------------------------------- debug

if settings.DEBUG:

    @router.get("/debug/session")
    def debug_session(user: User) -> dict[str, str]:
        session = composio.create(user_id=user.id, toolkits=DEFAULT_TOOLKITS)  # [expect CS004]
        logger.debug("debug session mcp url %s", session.mcp.url)
        return {"session_id": session.session_id, "mcp_url": session.mcp.url}
