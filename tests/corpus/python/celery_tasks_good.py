"""Celery tasks that run agent jobs in the background."""
from __future__ import annotations

from functools import cache

import structlog
from celery import Celery, shared_task

from composio import Composio
from composio_openai import OpenAIProvider

from .llm import run_completion

app = Celery("agents", broker="redis://localhost:6379/0")
log = structlog.get_logger(__name__)


@cache
def composio_client() -> Composio:
    """Process-wide client; building it once per worker is the recommended setup."""
    return Composio(provider=OpenAIProvider())


@shared_task(bind=True, max_retries=3, acks_late=True)
def summarize_inbox(self, user_id: str, since: str) -> str:
    session = composio_client().create(user_id=user_id, toolkits=["gmail"])
    bound = log.bind(composio_session_id=session.session_id, user_id=user_id, task_id=self.request.id)
    bound.info("summarize_inbox.start")
    try:
        return run_completion(
            f"Summarize my emails since {since}",
            tools=session.tools(),
        )
    except Exception as exc:
        bound.warning("summarize_inbox.retry", error=str(exc))
        raise self.retry(exc=exc, countdown=30)


@app.task
def post_standup(user_id: str, channel: str, text: str) -> None:
    client = composio_client()
    client.tools.execute(
        "SLACK_SEND_MESSAGE",
        user_id=user_id,
        arguments={"channel": channel, "text": text},
    )
    log.info("post_standup.done", user_id=user_id, channel=channel)
