"""Agent endpoint for the web app.

Every request gets its own Composio session built from the authenticated user's
database id. We never fall back to a "default" user and never key anything on the
user's email address (emails change when people rename their accounts).
"""
import logging
from functools import lru_cache

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel

from composio import Composio
from composio_openai import OpenAIProvider

from .auth import User, get_current_user
from .agent import run_agent

logger = logging.getLogger("api.agent")
app = FastAPI(title="assistant-api")


class AgentRequest(BaseModel):
    message: str
    toolkits: list[str] = ["gmail", "googlecalendar"]
    notify_by_email: bool = False


@lru_cache(maxsize=1)
def get_composio() -> Composio:
    # A long-lived client is fine (and recommended); sessions are not cached.
    return Composio(provider=OpenAIProvider())


@app.post("/v1/agent")
async def agent_endpoint(
    body: AgentRequest,
    user: User = Depends(get_current_user),
    composio: Composio = Depends(get_composio),
):
    if not body.message.strip():
        raise HTTPException(status_code=400, detail="empty message")

    session = composio.create(
        user_id=str(user.id),
        toolkits=body.toolkits,
        manage_connections=True,
    )
    logger.info(
        "composio session created",
        extra={"session_id": session.session_id, "user_id": str(user.id)},
    )

    tools = session.tools()
    reply = await run_agent(body.message, tools)

    if body.notify_by_email:
        # The email is a tool *argument* here, not the Composio user id.
        composio.tools.execute(
            "GMAIL_SEND_EMAIL",
            user_id=str(user.id),
            arguments={
                "recipient_email": user.email,
                "subject": "Your assistant finished",
                "body": reply,
            },
        )

    return {"reply": reply, "session_id": session.session_id}


@app.get("/healthz")
def healthz():
    return {"status": "ok", "profile": "default"}
