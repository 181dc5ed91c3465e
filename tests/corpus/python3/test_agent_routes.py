"""tests/test_agent_routes.py — unit tests with a mocked client, plus opt-in live tests.

Live tests run only with ``pytest -m live`` and a COMPOSIO_API_KEY in the environment.
"""
from __future__ import annotations

import os
import uuid
from types import SimpleNamespace
from unittest.mock import MagicMock

import pytest
from composio import Composio
from fastapi.testclient import TestClient

from app.auth import CurrentUser, get_current_user
from app.main import create_app
from app.routers import agent as agent_router

TEST_USER_ID = os.getenv("COMPOSIO_TEST_USER", "default")  # [expect CS001]

FAKE_USER = CurrentUser(id="usr_1", email="alice@example.com", display_name="Alice")

FAKE_ACCOUNTS = {
    "items": [
        {"id": "ca_1", "user_id": "default", "status": "ACTIVE", "toolkit": {"slug": "github"}},
        {"id": "ca_2", "user_id": "usr_1", "status": "EXPIRED", "toolkit": {"slug": "gmail"}},
    ],
    "next_cursor": None,
}


def _ns(obj):
    if isinstance(obj, dict):
        return SimpleNamespace(**{k: _ns(v) for k, v in obj.items()})
    if isinstance(obj, list):
        return [_ns(v) for v in obj]
    return obj


@pytest.fixture
def fake_session():
    session = MagicMock()
    session.session_id = "trs_test_123"
    session.mcp.url = "https://mcp.example.test/trs_test_123"
    session.tools.return_value = []
    return session


@pytest.fixture
def mock_client(monkeypatch, fake_session):
    client = MagicMock(spec=Composio)
    client.create.return_value = fake_session
    client.use.return_value = fake_session
    client.connected_accounts.list.return_value = _ns(FAKE_ACCOUNTS)
    client.connected_accounts.initiate.return_value = SimpleNamespace(
        id="cr_1", redirect_url="https://connect.example.test/cr_1"
    )
    monkeypatch.setattr(agent_router, "composio", client)
    monkeypatch.setattr(agent_router, "_run_agent", lambda session, history, user_id: "hi there")
    return client


@pytest.fixture
def api(mock_client):
    app = create_app(testing=True)
    app.dependency_overrides[get_current_user] = lambda: FAKE_USER
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()


def test_chat_creates_session_for_caller(api, mock_client):
    response = api.post("/api/agent/chat", json={"message": "what's on my calendar?"})
    assert response.status_code == 200
    body = response.json()
    assert body["session_id"] == "trs_test_123"
    assert uuid.UUID(body["conversation_id"])
    mock_client.create.assert_called_once()
    assert mock_client.create.call_args.kwargs["user_id"] == "usr_1"


def test_chat_reuses_stored_session(api, mock_client):
    first = api.post("/api/agent/chat", json={"message": "hello"}).json()
    api.post("/api/agent/chat", json={"message": "again", "conversation_id": first["conversation_id"]})
    mock_client.use.assert_called_once_with("trs_test_123")


def test_connections_lists_accounts(api, mock_client):
    response = api.get("/api/agent/connections")
    assert response.status_code == 200
    assert [c["toolkit"] for c in response.json()] == ["github", "gmail"]
    mock_client.connected_accounts.list.assert_called_once_with(user_ids=["usr_1"])


def test_connect_uses_stable_id(api, mock_client):
    response = api.post("/api/agent/connect", json={"toolkit": "github", "auth_config_id": "ac_gh"})
    assert response.status_code == 200
    kwargs = mock_client.connected_accounts.initiate.call_args.kwargs
    assert kwargs["user_id"] == FAKE_USER.id
    assert "@" not in kwargs["user_id"]


def test_execute_rejects_lowercase_slug(api):
    response = api.post("/api/agent/execute", json={"slug": "gmail_send_email", "arguments": {}})
    assert response.status_code == 400


# --------------------------------------------------------------------------- live tests


@pytest.fixture(scope="module")
def composio_client():
    if not os.getenv("COMPOSIO_API_KEY"):
        pytest.skip("COMPOSIO_API_KEY not set")
    return Composio()


@pytest.fixture(scope="module")
def live_session(composio_client):
    session = composio_client.create(user_id=TEST_USER_ID, toolkits=["hackernews"])  # [expect CS004]
    yield session


@pytest.mark.live
def test_live_session_has_tools(live_session):
    tools = live_session.tools()
    assert tools, "expected at least one hackernews tool"


@pytest.mark.live
def test_live_execute_top_stories(composio_client):
    result = composio_client.tools.execute(
        "HACKERNEWS_GET_TOP_STORIES", arguments={"limit": 3}, user_id=TEST_USER_ID
    )
    assert result["successful"], result.get("error")


@pytest.mark.live
def test_live_reopen(composio_client):
    created = composio_client.create(user_id=TEST_USER_ID, toolkits=["hackernews"])
    print("live session", created.session_id)
    reopened = composio_client.use(created.session_id)
    print("reopened", reopened.session_id)
    assert reopened.session_id == created.session_id
