"""Multi-tenant gateway: each tenant has its own Composio project/API key.

Clients are cached per tenant (long-lived clients are recommended). Connected-account
listings are cached per user for the settings page; those are plain data, not sessions.
"""
from __future__ import annotations

import logging
import time

from composio import Composio

from .tenants import Tenant, load_tenant

logger = logging.getLogger("gateway")

_clients: dict[str, Composio] = {}
_accounts_cache: dict[str, tuple[float, list]] = {}


def client_for(tenant: Tenant) -> Composio:
    client = _clients.get(tenant.id)
    if client is None:
        client = Composio(api_key=tenant.composio_api_key)
        _clients[tenant.id] = client
    return client


def connected_accounts(tenant: Tenant, user_id: str) -> list:
    hit = _accounts_cache.get(user_id)
    if hit and time.monotonic() - hit[0] < 60:
        return hit[1]
    items = client_for(tenant).connected_accounts.list(user_ids=[user_id]).items
    _accounts_cache[user_id] = (time.monotonic(), items)
    return items


def org_session(tenant_id: str, org_id: str, toolkits: list[str]):
    tenant = load_tenant(tenant_id)
    session = client_for(tenant).create(
        user_id=f"org_{org_id}",
        toolkits=toolkits,
        manage_connections=True,
    )
    logger.info("tenant=%s org=%s session=%s", tenant_id, org_id, session.session_id)
    return session


def user_session(tenant_id: str, user_id: str):
    tenant = load_tenant(tenant_id)
    session = client_for(tenant).create(user_id=f"{tenant_id}:{user_id}", toolkits=["gmail"])
    sid = session.session_id
    logger.info("tenant=%s session=%s", tenant_id, sid)
    return session
