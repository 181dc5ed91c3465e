"""worker/tasks.py — Celery tasks for background agent work.

Run with:  celery -A worker.tasks worker -Q default,agent -l info
Beat:      celery -A worker.tasks beat -l info
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from typing import Any

import redis
from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded
from celery.schedules import crontab
from celery.utils.log import get_task_logger
from composio import Composio

from worker import db
from worker.agent import run_agent

app = Celery("worker", broker=os.environ["REDIS_URL"], backend=os.environ["REDIS_URL"])
app.conf.update(
    task_default_queue="default",
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_soft_time_limit=240,
    beat_schedule={
        "send-followups": {"task": "worker.tasks.send_followups", "schedule": crontab(minute="*/15")},
        "refresh-connections": {"task": "worker.tasks.refresh_connections", "schedule": crontab(minute=5)},
    },
)

logger = get_task_logger(__name__)
composio = Composio(api_key=os.environ["COMPOSIO_API_KEY"])
kv = redis.Redis.from_url(os.environ["REDIS_URL"], decode_responses=True)

INBOX_TOOLKITS = ["gmail"]
AGENT_TOOLKITS = ["gmail", "googlecalendar", "slack", "linear"]
THREAD_KEY = "agent:thread:{thread_id}:session"

# Per-process cache: a worker usually handles a burst of jobs for the same user,
# so creating a session for every job was wasteful.
_SESSION_CACHE: dict[str, Any] = {}


def _session_for(user_id: str, toolkits: list[str]):
    key = f"user:{user_id}"
    if key not in _SESSION_CACHE:
        session = composio.create(user_id=user_id, toolkits=toolkits)
        logger.info("worker session %s for %s", session.session_id, user_id)
        _SESSION_CACHE[key] = session  # [expect CS003]
    return _SESSION_CACHE[key]


def _thread_session(user_id: str, thread_id: str):
    """Reuse the thread's session across jobs by storing only its id."""
    stored = kv.get(THREAD_KEY.format(thread_id=thread_id))
    if stored:
        session = composio.use(stored)
        logger.info("thread %s resumed session %s", thread_id, session.session_id)
        return session
    session = composio.create(user_id=user_id, toolkits=AGENT_TOOLKITS, manage_connections=True)
    logger.info("thread %s started session %s", thread_id, session.session_id)
    kv.set(THREAD_KEY.format(thread_id=thread_id), session.session_id, ex=int(timedelta(days=7).total_seconds()))
    return session


@app.task(bind=True, queue="agent", max_retries=3, default_retry_delay=20)
def run_agent_job(self, job_id: str) -> dict[str, Any]:
    job = db.get_job(job_id)
    if job is None:
        logger.warning("job %s vanished", job_id)
        return {"status": "missing"}
    try:
        session = _thread_session(job["user_id"], job["thread_id"])
        reply = run_agent(session, job["prompt"])
    except SoftTimeLimitExceeded:
        db.mark_job(job_id, "timeout")
        raise
    except Exception as exc:  # noqa: BLE001 - retried below
        logger.exception("job %s failed", job_id)
        raise self.retry(exc=exc)
    db.mark_job(job_id, "done", result=reply)
    return {"status": "done", "reply": reply}


@app.task(queue="default")
def summarize_inbox(user_id: str, since_hours: int = 24) -> str:
    session = _session_for(user_id, INBOX_TOOLKITS)
    since = datetime.now(timezone.utc) - timedelta(hours=since_hours)
    prompt = f"Summarize the unread emails received since {since.isoformat()} in five bullets."
    summary = run_agent(session, prompt)
    db.save_summary(user_id, summary)
    return summary


@app.task(queue="default")
def execute_tool(user_id: str, slug: str, arguments_json: str) -> dict[str, Any]:
    arguments = json.loads(arguments_json)
    logger.info("executing %s for %s", slug, user_id)
    return composio.tools.execute(slug, arguments=arguments, user_id=user_id)


@app.task(queue="default")
def send_followups() -> int:
    sent = 0
    for row in db.due_followups(limit=200):
        session = composio.create(user_id=row.user_id, toolkits=["gmail"])  # [expect CS004]
        tools = session.tools()
        reply = run_agent(
            session,
            f"Draft and send a short follow-up to {row.contact_name} about: {row.topic}",
            tools=tools,
        )
        db.mark_followup_sent(row.id, reply)
        logger.info("followup %s sent for user %s", row.id, row.user_id)
        sent += 1
    return sent


@app.task(queue="default")
def refresh_connections() -> int:
    user_ids = db.active_user_ids()
    changed = 0
    for start in range(0, len(user_ids), 50):
        batch = user_ids[start : start + 50]
        accounts = composio.connected_accounts.list(user_ids=batch)
        for account in accounts.items:
            if db.update_connection_status(account.user_id, account.toolkit.slug, account.status):
                changed += 1
    logger.info("refreshed connections for %d users, %d changed", len(user_ids), changed)
    return changed


@app.task(queue="default")
def start_connection(user_id: str, auth_config_id: str) -> str:
    request = composio.connected_accounts.initiate(user_id, auth_config_id)
    db.save_pending_connection(user_id, request.id)
    return request.redirect_url
