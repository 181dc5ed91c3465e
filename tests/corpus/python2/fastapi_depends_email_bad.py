import logging

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from composio import Composio

from ..deps import User, current_user, get_composio

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/agent")


class RunRequest(BaseModel):
    prompt: str
    toolkits: list[str]


@router.post("/run")
async def run_agent(
    body: RunRequest,
    user: User = Depends(current_user),
    composio: Composio = Depends(get_composio),
):
    session = composio.create(  # [expect CS004]
        user_id=user.email,  # [expect CS005]
        toolkits=body.toolkits,
    )
    return {"tools": len(session.tools()), "prompt": body.prompt}


@router.post("/run-v2")
async def run_agent_v2(
    body: RunRequest,
    user: User = Depends(current_user),
    composio: Composio = Depends(get_composio),
):
    session = composio.create(user_id=user.id, toolkits=body.toolkits)
    logger.info("agent run", extra={"session_id": session.session_id, "user": user.id})
    return {"tools": len(session.tools()), "prompt": body.prompt}
