"""Unit tests for app.agent -- Composio is mocked, nothing hits the network."""
from unittest.mock import MagicMock

import pytest

from composio import Composio

from app.agent import build_reply, handle_message

# Canned API payload captured from staging; used only as mock data.
FAKE_SESSION_PAYLOAD = {
    "session_id": "trs_01HZX",
    "user_id": "default",
    "mcp": {"url": "https://mcp.composio.dev/trs_01HZX"},
}


@pytest.fixture
def fake_client():
    client = MagicMock(spec=Composio)
    fake_session = MagicMock()
    fake_session.session_id = FAKE_SESSION_PAYLOAD["session_id"]
    fake_session.tools.return_value = []
    client.create.return_value = fake_session
    return client


def test_handle_message_creates_session_for_caller(fake_client):
    handle_message(fake_client, user_id="usr_42", message="hi")
    fake_client.create.assert_called_once()
    kwargs = fake_client.create.call_args.kwargs
    assert kwargs["user_id"] == "usr_42"
    assert kwargs["user_id"] != "default"


def test_email_is_only_a_tool_argument(fake_client):
    handle_message(fake_client, user_id="usr_42", message="email bob@example.com the notes")
    args = fake_client.tools.execute.call_args.kwargs["arguments"]
    assert args["recipient_email"] == "bob@example.com"


@pytest.mark.parametrize("text", ["", "   "])
def test_build_reply_rejects_blank(text):
    with pytest.raises(ValueError):
        build_reply(text, tools=[])
