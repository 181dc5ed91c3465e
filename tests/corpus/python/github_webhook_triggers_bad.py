"""GitHub App webhook receiver that wires Composio triggers for new installs."""
import hashlib
import hmac
import logging
import os

import composio
from flask import Flask, abort, request

log = logging.getLogger("webhooks")
app = Flask(__name__)

client = composio.Composio(api_key=os.environ["COMPOSIO_API_KEY"])
WEBHOOK_SECRET = os.environ["GH_WEBHOOK_SECRET"].encode()
DEFAULT_USER_ID = "default"  # [expect CS001]
OWNER_EMAIL = os.environ.get("OWNER_EMAIL", "cto@acme.dev")


def _verify(sig: str, body: bytes) -> bool:
    digest = "sha256=" + hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, sig or "")


@app.post("/github/webhook")
def github_webhook():
    if not _verify(request.headers.get("X-Hub-Signature-256"), request.get_data()):
        abort(401)
    event = request.get_json()
    if event.get("action") == "created" and "installation" in event:
        client.triggers.create(
            slug="GITHUB_COMMIT_EVENT",
            user_id=DEFAULT_USER_ID,
            trigger_config={"owner": event["installation"]["account"]["login"]},
        )
        log.info("trigger created for installation %s", event["installation"]["id"])
    return {"ok": True}


@app.get("/admin/connections")
def admin_connections():
    accounts = client.connected_accounts.list(user_ids=[OWNER_EMAIL], toolkit_slugs=["github"])  # [expect CS005]
    return {"count": len(accounts.items)}


@app.post("/github/agent")
def github_agent():
    installation_id = request.get_json()["installation"]["id"]
    session = client.create(user_id=f"gh_install_{installation_id}", toolkits=["github"])
    log.info("agent session %s (installation %s)", session.session_id, installation_id)
    return {"tools": len(session.tools())}
