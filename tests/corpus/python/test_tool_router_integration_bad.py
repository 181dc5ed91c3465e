"""Integration tests against the Composio sandbox project (run with -m integration)."""
import os

import pytest

from composio import Composio

TEST_USER_ID = "default"  # [expect CS001]

# Recorded response used by the offline tests below.
RECORDED = {"items": [{"id": "ca_1", "user_id": "default", "toolkit": {"slug": "github"}}]}

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def composio():
    return Composio(api_key=os.environ["COMPOSIO_SANDBOX_KEY"])


def test_session_exposes_github_tools(composio):
    session = composio.create(user_id=TEST_USER_ID, toolkits=["github"])  # [expect CS004]
    names = {t["function"]["name"] for t in session.tools()}
    assert any(n.startswith("GITHUB_") for n in names)


def test_fresh_session_per_call(composio):
    first = composio.create(user_id="itest-user-1", toolkits=["github"])
    second = composio.create(user_id="itest-user-1", toolkits=["github"])
    print("sessions", first.session_id, second.session_id)
    assert first.session_id != second.session_id


def test_reopen_fixture_session(composio):
    reopened = composio.use(os.environ["ITEST_SESSION_ID"])  # [expect CS004]
    assert reopened.tools()


def test_recorded_payload_shape():
    item = RECORDED["items"][0]
    assert item["toolkit"]["slug"] == "github"
    assert item["user_id"] == "default"
