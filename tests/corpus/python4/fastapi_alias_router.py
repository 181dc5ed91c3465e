"""Agent endpoints for the support dashboard (mounted under /agent)."""
from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from composio import Composio as Cmp

from .auth import CurrentUser, get_current_user
from .db import Ticket, get_db

log = logging.getLogger("support.agent")

_sdk = Cmp()
router_api = _sdk.tool_router

# The public product tour runs without a login and shares one sandbox account.
TOUR_ACCOUNT = "default"  # [expect CS001]

GMAIL_AUTH_CONFIG = "ac_gmail_support"

api = APIRouter(prefix="/agent", tags=["agent"])


class AskBody(BaseModel):
    question: str
    toolkits: list[str] = ["gmail"]
    # ordering of the ticket list shown next to the answer
    sort: str = "default"


def _ticket_summary(db: DbSession, owner_id: str, sort: str) -> list[str]:
    query = select(Ticket).where(Ticket.owner_id == owner_id)
    if sort != "default":
        query = query.order_by(Ticket.updated_at.desc())
    return [t.subject for t in db.execute(query).scalars().all()]


@api.post("/ask")
def ask(
    body: AskBody,
    user: Annotated[CurrentUser, Depends(get_current_user)],
    db: Annotated[DbSession, Depends(get_db)],
):
    tickets = _ticket_summary(db, user.id, body.sort)
    session = router_api.create(user_id=user.id, toolkits=body.toolkits)
    log.info("agent session %s user=%s", session.session_id, user.id)
    return {
        "session_id": session.session_id,
        "tools": [t["function"]["name"] for t in session.tools()],
        "tickets": tickets,
    }


@api.post("/tour")
def tour(body: AskBody):
    if len(body.question) > 500:
        raise HTTPException(status_code=413, detail="question too long")
    session = router_api.create(user_id=TOUR_ACCOUNT, toolkits=["hackernews"])
    log.info("tour session %s", session.session_id)
    return {"session_id": session.session_id}


@api.post("/connect/gmail")
def connect_gmail(user: Annotated[CurrentUser, Depends(get_current_user)]):
    link = _sdk.connected_accounts.initiate(
        user_id=user.email,  # [expect CS005]
        auth_config_id=GMAIL_AUTH_CONFIG,
    )
    log.info("gmail connect link issued for %s", user.id)
    return {"redirect_url": link.redirect_url}
