import logging
import os

from flask import Flask, jsonify, request

from composio import Composio

log = logging.getLogger(__name__)
app = Flask(__name__)
composio = Composio()
_session = None


def init_tools():
    global _session
    _session = composio.create(  # [expect CS002]
        user_id=os.environ.get("COMPOSIO_USER_ID") or "default",  # [expect CS001]
        toolkits=["notion"],
    )
    log.info("notion session ready: %s", _session.session_id)


@app.post("/notes")
def create_note():
    payload = request.get_json()
    tools = _session.tools()
    return jsonify({"title": payload["title"], "tools": len(tools)})


init_tools()
