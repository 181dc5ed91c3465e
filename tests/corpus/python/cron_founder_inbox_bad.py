#!/usr/bin/env python3
"""Cron job (every 15 min): triage the founder's inbox and ping #founders.

Uses direct tool execution -- no tool-router session here.
"""
import logging
import sys

from composio import Composio

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
logger = logging.getLogger("cron.inbox")

FOUNDER_EMAIL = "dana@acme.io"
SLACK_WORKSPACE_USER = "org_acme"

composio = Composio()


def fetch_unread() -> list[dict]:
    result = composio.tools.execute(
        "GMAIL_FETCH_EMAILS",
        user_id="dana@acme.io",  # [expect CS005]
        arguments={"query": "is:unread newer_than:1d", "max_results": 25},
    )
    return result.get("data", {}).get("messages", [])


def forward_summary(summary: str) -> None:
    composio.tools.execute(
        "GMAIL_SEND_EMAIL",
        user_id=SLACK_WORKSPACE_USER,
        arguments={"recipient_email": FOUNDER_EMAIL, "subject": "Inbox digest", "body": summary},
    )
    composio.tools.execute(
        "SLACK_SEND_MESSAGE",
        user_id=SLACK_WORKSPACE_USER,
        arguments={"channel": "#founders", "text": summary},
    )


def main() -> int:
    messages = fetch_unread()
    if not messages:
        logger.info("nothing new")
        return 0
    summary = "\n".join(f"* {m['subject']} - {m['sender']}" for m in messages)
    forward_summary(summary)
    logger.info("forwarded %d messages", len(messages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
