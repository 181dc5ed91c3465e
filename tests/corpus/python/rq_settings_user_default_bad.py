"""Worker settings and jobs for the CRM enrichment pipeline (RQ)."""
from __future__ import annotations

import logging

from pydantic_settings import BaseSettings, SettingsConfigDict
from rq import get_current_job

from composio import Composio

log = logging.getLogger("enrich")


class WorkerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ENRICH_")

    composio_api_key: str
    composio_user_id: str = "default"  # [expect CS001]
    hubspot_auth_config: str = "default"
    batch_size: int = 50


settings = WorkerSettings()
composio = Composio(api_key=settings.composio_api_key)


def enrich_contacts(contact_ids: list[str], requested_by: str | None = None) -> int:
    job = get_current_job()
    user_id = requested_by or settings.composio_user_id
    session = composio.create(
        user_id=user_id,
        toolkits=["hubspot", "exa"],
        auth_configs={"hubspot": settings.hubspot_auth_config},
    )
    log.info("job=%s session=%s", job.id if job else "-", session.session_id)
    done = 0
    for start in range(0, len(contact_ids), settings.batch_size):
        batch = contact_ids[start : start + settings.batch_size]
        session.execute("HUBSPOT_BATCH_READ_CONTACTS", arguments={"ids": batch})
        done += len(batch)
    return done
