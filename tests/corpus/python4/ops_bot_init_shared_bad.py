"""Incident helper exposed to the whole engineering org over HTTP."""
import logging
import os

from flask import Flask, abort, jsonify, request

from composio import Composio

logger = logging.getLogger("opsbot")
app = Flask(__name__)

OPS_USER_ID = "ops-bot"
ALLOWED_TEAMS = {"platform", "sre", "payments"}


class OpsAgent:
    """Wraps PagerDuty/Datadog tools behind a small command vocabulary."""

    def __init__(self, client: Composio):
        self._client = client
        self.session = client.create(user_id=OPS_USER_ID, toolkits=["pagerduty", "datadog"])  # [expect CS002]
        logger.info("ops agent ready, session %s", self.session.session_id)
        self._commands = {"ack": self._ack, "status": self._status}

    def handle(self, user_id: str, text: str) -> str:
        verb, _, rest = text.partition(" ")
        handler = self._commands.get(verb)
        if handler is None:
            return f"unknown command {verb!r}"
        logger.info("user %s ran %s", user_id, verb)
        return handler(rest.strip())

    def _ack(self, incident_id: str) -> str:
        tools = self.session.tools()
        return f"acknowledged {incident_id} with {len(tools)} tools available"

    def _status(self, service: str) -> str:
        tools = self.session.tools()
        return f"{service or 'all services'}: {len(tools)} monitors checked"


agent = OpsAgent(Composio(api_key=os.environ.get("COMPOSIO_API_KEY")))


@app.post("/ops/command")
def ops_command():
    payload = request.get_json(force=True)
    if payload.get("team") not in ALLOWED_TEAMS:
        abort(403)
    reply = agent.handle(payload["user_id"], payload.get("text", ""))
    return jsonify(reply=reply)


@app.get("/healthz")
def healthz():
    return {"ok": True}
