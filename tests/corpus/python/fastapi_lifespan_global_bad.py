"""FastAPI service that warms up a Composio session at startup."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Header

from composio import Composio

logger = logging.getLogger("uvicorn.error")

composio = Composio()
TOOL_SESSION = None
WARMUP_USER = "warmup-svc"


@asynccontextmanager
async def lifespan(app: FastAPI):
    global TOOL_SESSION
    TOOL_SESSION = composio.create(user_id=WARMUP_USER, toolkits=["gmail", "slack"])  # [expect CS002]
    logger.info("warm session ready: %s", TOOL_SESSION.session_id)
    yield
    TOOL_SESSION = None


app = FastAPI(lifespan=lifespan)


@app.get("/tools")
async def list_tools(x_user_id: str = Header(...)):
    # Every caller gets the warm session, whoever they are.
    return {"user": x_user_id, "tools": TOOL_SESSION.tools()}


@app.post("/execute/{slug}")
async def execute(slug: str, arguments: dict, x_user_id: str = Header(...)):
    return TOOL_SESSION.execute(slug, arguments=arguments)


@app.post("/v2/execute/{slug}")
async def execute_v2(slug: str, arguments: dict, x_user_id: str = Header(...)):
    session = composio.create(user_id=x_user_id, toolkits=["gmail", "slack"])
    logger.info("v2 session %s", session.session_id)
    return session.execute(slug, arguments=arguments)
