"""Settings for the agent service, read once from the environment at import time."""

import os
from dataclasses import dataclass
from functools import lru_cache

from composio import Composio


@dataclass(frozen=True)
class Settings:
    composio_api_key: str = os.getenv("COMPOSIO_API_KEY", "")
    jwt_secret: str = os.getenv("JWT_SECRET", "")
    scheduler_token: str = os.getenv("SCHEDULER_TOKEN", "")
    openai_model: str = os.getenv("OPENAI_MODEL", "gpt-4.1-mini")
    log_level: str = os.getenv("LOG_LEVEL", "INFO")
    default_toolkits: tuple[str, ...] = ("gmail", "googlecalendar", "slack")
    # Identity for work that no signed-in user triggered (ops bot, cron jobs).
    service_user_id: str = os.getenv("COMPOSIO_SERVICE_USER_ID", "default")


settings = Settings()


@lru_cache(maxsize=1)
def get_composio() -> Composio:
    """The process-wide Composio client, for workers and the admin shell."""
    return Composio(api_key=settings.composio_api_key or None)
