"""Report summariser service."""
import logging

from fastapi import Depends, FastAPI
from pydantic import BaseModel
from pydantic_settings import BaseSettings

from composio import Composio

logger = logging.getLogger("reports")


class Settings(BaseSettings):
    composio_api_key: str = ""
    service_user_id: str = "svc-reports"
    max_pages: int = 20


settings = Settings()
app = FastAPI(title="reports")
composio = Composio(api_key=settings.composio_api_key or None)

# Lazily created on first request, then reused by every caller.
_shared = None


class SummariseBody(BaseModel):
    folder_id: str
    owner_email: str
    pages: int = 5


class User(BaseModel):
    id: str
    name: str


def current_user() -> User:  # replaced by the auth dependency in production
    return User(id="u_local", name="local")


@app.post("/summarise")
async def summarise(body: SummariseBody, user: User = Depends(current_user)):
    global _shared
    if _shared is None:
        _shared = composio.create(user_id=settings.service_user_id, toolkits=["googledrive"])  # [expect CS002]
        logger.info("warmed reports session %s", _shared.session_id)
    tools = _shared.tools()
    pages = min(body.pages, settings.max_pages)
    return {"requested_by": user.id, "pages": pages, "tools": len(tools)}


@app.post("/share")
async def share(body: SummariseBody, user: User = Depends(current_user)):
    owner = body.owner_email
    result = composio.tools.execute(
        "GOOGLEDRIVE_ADD_FILE_SHARING_PREFERENCE",
        user_id=owner,  # [expect CS005]
        arguments={"file_id": body.folder_id, "email_addresses": [body.owner_email]},
    )
    logger.info("shared %s on behalf of %s", body.folder_id, user.id)
    return {"ok": result.get("successful", False)}
