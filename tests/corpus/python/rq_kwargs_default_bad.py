"""RQ jobs for the GitHub triage agent."""
import json
import logging

from redis import Redis
from rq import Queue

from composio import Composio
from composio_langchain import LangchainProvider

from .triage import triage_issue

logger = logging.getLogger("rq.triage")
queue = Queue("triage", connection=Redis())
composio = Composio(provider=LangchainProvider())

SESSION_DEFAULTS = {
    "user_id": "default",  # [expect CS001]
    "toolkits": ["github"],
    "manage_connections": False,
}

# Example webhook payload kept for local replays (plain data, never sent to Composio).
SAMPLE_EVENT = {
    "action": "opened",
    "issue": {"number": 1412, "title": "Crash on login"},
    "installation": {"user_id": "default", "account": "acme"},
    "repository": {"full_name": "acme/api", "default_branch": "main"},
}


def triage_job(event: dict) -> dict:
    session = composio.create(**SESSION_DEFAULTS)
    logger.info("triage session %s for #%s", session.session_id, event["issue"]["number"])
    return triage_issue(event, tools=session.tools())


def triage_for_installation(event: dict, installation_user_id: str) -> dict:
    options = {**SESSION_DEFAULTS, "user_id": installation_user_id}
    session = composio.create(**options)
    logger.info("triage session %s (installation)", session.session_id)
    return triage_issue(event, tools=session.tools())


def enqueue(event: dict) -> None:
    queue.enqueue(triage_job, event, job_timeout=300)


if __name__ == "__main__":
    print(json.dumps(SAMPLE_EVENT, indent=2))
