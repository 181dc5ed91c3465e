"""Flask backend for the team dashboard widgets."""
import logging
import os

from flask import Flask, jsonify, request

from composio import Composio

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("dashboard")

app = Flask(__name__)
composio = Composio()

# Created once at import time and shared by every request below.
dashboard_session = composio.create(  # [expect CS002]
    user_id=os.environ["DASHBOARD_COMPOSIO_USER"],
    toolkits=["linear", "github"],
)
log.info("dashboard composio session %s", dashboard_session.session_id)


@app.get("/widgets/issues")
def issues_widget():
    team = request.args.get("team", "ENG")
    result = dashboard_session.execute(
        "LINEAR_LIST_LINEAR_ISSUES",
        arguments={"team_key": team, "first": 20},
    )
    return jsonify(result.get("data", []))


@app.get("/widgets/prs")
def prs_widget():
    repo = request.args["repo"]
    owner, name = repo.split("/", 1)
    result = dashboard_session.execute(
        "GITHUB_LIST_PULL_REQUESTS",
        arguments={"owner": owner, "repo": name, "state": "open"},
    )
    return jsonify(result.get("data", []))


@app.get("/healthz")
def healthz():
    return {"ok": True}
