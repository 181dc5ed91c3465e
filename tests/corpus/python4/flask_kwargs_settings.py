"""Flask blueprint that lets workspace members run saved automations."""
import logging

from flask import Blueprint, current_app, g, jsonify, render_template, request
from flask_caching import Cache

import composio

from .models import Automation

bp = Blueprint("automations", __name__, url_prefix="/automations")
cache = Cache()
audit = logging.getLogger("automations.audit")

composio_client = composio.Composio()


@cache.memoize(timeout=600)
def toolkit_catalog() -> list[str]:
    """Slugs offered in the automation editor; cached because the list rarely changes."""
    return sorted(t.slug for t in composio_client.toolkits.get())


@bp.get("/")
def index():
    theme = request.args.get("theme", "default")
    automations = Automation.query.filter_by(workspace_id=g.workspace.id).all()
    return render_template(
        "automations/index.html",
        automations=automations,
        catalog=toolkit_catalog(),
        theme=theme,
    )


@bp.post("/<int:automation_id>/run")
def run_automation(automation_id: int):
    automation = Automation.query.get_or_404(automation_id)
    # Scheduled runs have no signed-in user; interactive runs do.
    kwargs = {
        "user_id": "default",  # [expect CS001]
        "toolkits": automation.toolkits,
        "manage_connections": True,
    }
    if g.get("user") is not None:
        kwargs["user_id"] = g.user.id
    session = composio_client.create(**kwargs)
    current_app.logger.info(
        "automation %s running in session %s", automation_id, session.session_id
    )
    result = automation.execute(session.tools(), payload=request.get_json(silent=True) or {})
    return jsonify(status="ok", result=result)


@bp.get("/mcp")
def mcp_endpoint():
    session = composio_client.create(user_id=g.user.id, toolkits=["github", "linear"])  # [expect CS004]
    audit.info("issued MCP endpoint %s to user %s", session.mcp.url, g.user.id)
    return jsonify(url=session.mcp.url)
