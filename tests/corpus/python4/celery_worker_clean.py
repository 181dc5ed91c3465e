"""Nightly CRM sync tasks (Celery, Django settings)."""
from __future__ import annotations

import redis
from celery import shared_task
from celery.utils.log import get_task_logger
from django.conf import settings
from django.db import connection

from composio import Composio

from crm.models import Account

task_logger = get_task_logger(__name__)
_redis = redis.Redis.from_url(settings.REDIS_URL)


def make_composio_client() -> Composio:
    return Composio(api_key=settings.COMPOSIO_API_KEY)


@shared_task(queue="default", bind=True, max_retries=3, default_retry_delay=60)
def sync_account(self, account_id: int) -> dict:
    account = Account.objects.select_related("owner").get(pk=account_id)
    owner_id = str(account.owner.external_id)

    composio_client = make_composio_client()
    session = composio_client.create(user_id=owner_id, toolkits=["hubspot"])
    task_logger.info(
        "crm sync started",
        extra={"session_id": session.session_id, "account": account_id},
    )
    # Remember the id (not the session) so support can pull the trace later.
    _redis.set(f"crm:last-session:{owner_id}", session.session_id, ex=86400)

    try:
        result = composio_client.tools.execute(
            "HUBSPOT_LIST_CONTACTS",
            user_id=owner_id,
            arguments={"limit": 100},
        )
    except Exception as exc:  # noqa: BLE001 - retried below
        raise self.retry(exc=exc)

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE crm_account SET synced_at = now(), contact_count = %s WHERE id = %s",
            [len(result.get("data", {}).get("results", [])), account_id],
        )
    return {"account": account_id, "session": session.session_id}


@shared_task(queue="default")
def weekly_digest() -> None:
    composio_client = make_composio_client()
    # Org-level Slack connection: every digest posts as the company workspace.
    composio_client.tools.execute(
        "SLACK_SEND_MESSAGE",
        user_id=settings.COMPOSIO_ORG_USER_ID,
        arguments={
            "channel": "#sales",
            "text": "Weekly CRM digest is ready. Questions? " + settings.SALES_OPS_EMAIL,
        },
    )
    task_logger.info("weekly digest posted")
