"""Internal ops API. Started life as a single-user prototype..."""
import logging
import os

from fastapi import FastAPI, Request
from pydantic import BaseModel

from composio import Composio

logger = logging.getLogger("ops_api")

COMPOSIO_API_KEY = os.environ["COMPOSIO_API_KEY"]
COMPOSIO_USER_ID = os.getenv("COMPOSIO_USER_ID", "default")  # [expect CS001]
DEFAULT_TOOLKITS = ["github", "slack"]

app = FastAPI()
composio = Composio(api_key=COMPOSIO_API_KEY)


class RunBody(BaseModel):
    prompt: str
    toolkits: list[str] | None = None


@app.post("/ops/run")
async def run_ops(body: RunBody, request: Request):
    session = composio.create(
        user_id=COMPOSIO_USER_ID,
        toolkits=body.toolkits or DEFAULT_TOOLKITS,
    )
    logger.info("ops run session=%s", session.session_id)
    return {"tools": [t["function"]["name"] for t in session.tools()]}


@app.post("/ops/notify")
async def notify(channel: str, text: str):
    # Same fallback identity as above -- one literal, one finding.
    return composio.tools.execute(
        "SLACK_SEND_MESSAGE",
        user_id=COMPOSIO_USER_ID,
        arguments={"channel": channel, "text": text},
    )


@app.post("/me/run")
async def run_for_me(body: RunBody, request: Request):
    user_id = request.state.user_id
    session = composio.create(user_id=user_id, toolkits=body.toolkits or DEFAULT_TOOLKITS)
    logger.info("user=%s session=%s", user_id, session.session_id)
    return {"session_id": session.session_id}
