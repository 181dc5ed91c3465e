"""Thin REST client for Composio's tool-router API (we avoid the SDK in this lambda)."""
from __future__ import annotations

import logging
import os

import httpx
import segment.analytics as analytics

logger = logging.getLogger("lambda.composio_rest")

COMPOSIO_BASE = "https://backend.composio.dev/api/v3"
HEADERS = {"x-api-key": os.environ["COMPOSIO_API_KEY"], "content-type": "application/json"}
analytics.write_key = os.environ.get("SEGMENT_WRITE_KEY", "")


def create_tool_router_session(toolkits: list[str]) -> dict:
    resp = httpx.post(
        f"{COMPOSIO_BASE}/tool_router/session",
        headers=HEADERS,
        json={
            "user_id": "default",  # [expect CS001]
            "toolkits": {"enable": toolkits},
        },
        timeout=15,
    )
    resp.raise_for_status()
    body = resp.json()
    logger.info("tool router session %s", body.get("session_id"))
    return body


def execute_for(event: dict) -> dict:
    resp = httpx.post(
        f"{COMPOSIO_BASE}/tools/execute/{event['slug']}",
        headers=HEADERS,
        json={"user_id": event["requester"]["email"], "arguments": event.get("arguments", {})},  # [expect CS005]
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()


def handler(event: dict, context) -> dict:
    # Analytics is not Composio: its anonymous bucket is literally called "default".
    analytics.track(user_id="default", event="lambda_invoked", properties={"slug": event.get("slug")})
    if event.get("slug"):
        return execute_for(event)
    return create_tool_router_session(event.get("toolkits", ["gmail"]))
