"""Chat endpoint: client injected with Depends, one session per request, ID logged via a helper."""
import logging
from functools import lru_cache

from fastapi import Depends, FastAPI
from pydantic import BaseModel

from composio import Composio
from composio_openai import OpenAIProvider

from .auth import User, current_user

logger = logging.getLogger(__name__)
app = FastAPI()


class ChatBody(BaseModel):
    message: str
    toolkits: list[str] = ["gmail"]


@lru_cache
def get_composio() -> Composio:
    # caching the client is fine; it is long-lived by design
    return Composio(provider=OpenAIProvider())


def log_session(session, **fields) -> None:
    logger.info("composio session", extra={"session_id": session.session_id, **fields})


@app.post("/chat")
async def chat(
    body: ChatBody,
    user: User = Depends(current_user),
    composio: Composio = Depends(get_composio),
):
    session = composio.create(user_id=user.id, toolkits=body.toolkits, manage_connections=True)
    log_session(session, user=user.id)
    tools = session.tools()
    return {"greeting": f"hi {user.email}", "tool_count": len(tools), "message": body.message}
