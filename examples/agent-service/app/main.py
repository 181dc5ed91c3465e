"""HTTP API for the workplace assistant."""

import hmac
import logging
from functools import lru_cache

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel

from composio import Composio

from app.agent import AgentService, run_agent
from app.auth import User, current_user
from app.config import settings

logging.basicConfig(level=settings.log_level)
logger = logging.getLogger("agent_service")

app = FastAPI(title="Workplace assistant")
composio = Composio(api_key=settings.composio_api_key)
agents = AgentService(composio)

# The ops triage bot files Linear issues from Slack reports.
triage_session = composio.create(user_id=settings.service_user_id, toolkits=["linear", "slack"])
logger.info("triage bot ready, composio session %s", triage_session.session_id)


class ChatRequest(BaseModel):
    message: str


class TriageRequest(BaseModel):
    channel: str
    text: str


class JobRequest(BaseModel):
    prompt: str


@app.post("/chat")
def chat(body: ChatRequest, user: User = Depends(current_user)) -> dict:
    session = composio.create(user_id=user.id, toolkits=list(settings.default_toolkits))
    logger.info("chat user=%s composio_session=%s", user.id, session.session_id)
    return {"reply": run_agent(composio, user.id, body.message, session.tools())}


@app.post("/threads/{thread_id}/messages")
def thread_message(thread_id: str, body: ChatRequest, user: User = Depends(current_user)) -> dict:
    return {"reply": agents.reply_in_thread(user.id, thread_id, body.message)}


@app.post("/conversations")
def start_conversation(user: User = Depends(current_user)) -> dict:
    conversation = agents.start_conversation(user.id, list(settings.default_toolkits))
    return {"conversation_id": conversation.conversation_id}


@app.post("/conversations/{conversation_id}/messages")
def conversation_message(
    conversation_id: str, body: ChatRequest, user: User = Depends(current_user)
) -> dict:
    try:
        return {"reply": agents.continue_conversation(user.id, conversation_id, body.message)}
    except KeyError:
        raise HTTPException(status_code=404, detail="conversation not found") from None


@app.get("/inbox/summary")
def inbox_summary(user: User = Depends(current_user)) -> dict:
    return {"summary": agents.summarize_inbox(user.id)}


@lru_cache(maxsize=512)
def calendar_session(user_id: str):
    session = composio.create(user_id=user_id, toolkits=["googlecalendar"])
    logger.info("calendar session %s for user %s", session.session_id, user_id)
    return session


@app.get("/calendar/today")
def calendar_today(user: User = Depends(current_user)) -> dict:
    session = calendar_session(user.id)
    prompt = "List my meetings for today with their start times."
    return {"agenda": run_agent(composio, user.id, prompt, session.tools())}


@app.get("/tools")
def available_tools(user: User = Depends(current_user)) -> dict:
    session = composio.create(user_id=user.id, toolkits=list(settings.default_toolkits))
    logger.info("listing tools for user %s via %s", user.id, session.mcp.url)
    return {"tools": [tool["function"]["name"] for tool in session.tools()]}


@app.post("/connections/{toolkit}")
def connect_toolkit(toolkit: str, user: User = Depends(current_user)) -> dict:
    session = composio.create(user_id=user.email, toolkits=[toolkit])
    logger.info("connecting %s in composio session %s", toolkit, session.session_id)
    connection = session.authorize(toolkit)
    return {"redirect_url": connection.redirect_url}


@app.post("/triage")
def triage(body: TriageRequest, user: User = Depends(current_user)) -> dict:
    prompt = f"Report from #{body.channel} by {user.id}. File a Linear issue if needed:\n{body.text}"
    result = run_agent(composio, settings.service_user_id, prompt, triage_session.tools())
    return {"result": result}


@app.post("/jobs/{job}")
def run_job(job: str, body: JobRequest, x_scheduler_token: str = Header(...)) -> dict:
    if not hmac.compare_digest(x_scheduler_token, settings.scheduler_token):
        raise HTTPException(status_code=403, detail="forbidden")
    return {"result": agents.run_scheduled_job(job, body.prompt)}
