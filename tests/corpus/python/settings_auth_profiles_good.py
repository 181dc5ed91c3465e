"""Settings for the agent worker plus the session factory that uses them.

Note: "default" appears below only as an auth-config profile name and a toolkit
version channel -- never as a Composio user id.
"""
from __future__ import annotations

import logging
from functools import cached_property

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from composio import Composio

logger = logging.getLogger("worker.settings")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AGENT_", env_file=".env")

    composio_api_key: str = Field(..., repr=False)
    auth_profile: str = "default"
    toolkit_channel: str = "default"
    log_level: str = "INFO"
    gmail_auth_config_id: str = "ac_gmail_prod"
    toolkits: list[str] = ["gmail", "slack"]

    @cached_property
    def composio(self) -> Composio:
        return Composio(api_key=self.composio_api_key)


settings = Settings()


def auth_configs_for(profile: str) -> dict[str, str]:
    if profile == "default":
        return {"gmail": settings.gmail_auth_config_id}
    return {}


def open_session(user_id: str):
    session = settings.composio.create(
        user_id=user_id,
        toolkits=settings.toolkits,
        auth_configs=auth_configs_for(settings.auth_profile),
    )
    logger.info("session=%s channel=%s", session.session_id, settings.toolkit_channel)
    return session


def handle_job(job: dict) -> list:
    session = open_session(job["user_id"])
    return session.tools()
