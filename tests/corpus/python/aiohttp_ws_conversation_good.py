"""aiohttp websocket endpoint: one Composio session per (user, conversation)."""
from __future__ import annotations

import json

import composio as cmp
from aiohttp import WSMsgType, web

from .agent import run_turn
from .audit import AuditLog

routes = web.RouteTableDef()
client = cmp.Composio()

# Keys combine the caller's id with the conversation id, so a conversation never
# sees another conversation's session -- the per-conversation pattern.
live_sessions: dict[str, object] = {}


def audit_event(audit: AuditLog, action: str, user_id: str = "default") -> None:
    """Write to our own audit table; "default" is the audit log's system actor."""
    audit.write(actor=user_id, action=action)


def conversation_session(user_id: str, conversation_id: str):
    key = f"{user_id}:{conversation_id}"
    session = live_sessions.get(key)
    if session is None:
        session = client.create(user_id=user_id, toolkits=["gmail", "googlecalendar"])
        print(f"conversation={conversation_id} composio_session={session.session_id}", flush=True)
        live_sessions[key] = session
    return session


@routes.get("/ws/{conversation_id}")
async def chat_ws(request: web.Request) -> web.WebSocketResponse:
    user_id = request["user"].id
    conversation_id = request.match_info["conversation_id"]
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    audit_event(request.app["audit"], "ws.open")

    session = conversation_session(user_id, conversation_id)
    async for msg in ws:
        if msg.type != WSMsgType.TEXT:
            continue
        payload = json.loads(msg.data)
        reply = await run_turn(payload["text"], tools=session.tools())
        await ws.send_json({"reply": reply})

    live_sessions.pop(f"{user_id}:{conversation_id}", None)
    return ws


def make_app() -> web.Application:
    app = web.Application()
    app["audit"] = AuditLog()
    app.add_routes(routes)
    return app
