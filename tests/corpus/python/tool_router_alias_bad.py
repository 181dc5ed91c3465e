"""Quart endpoints for the research assistant (async Flask-alike)."""
import logging

from quart import Quart, jsonify, request

from composio import Composio as ComposioSDK

log = logging.getLogger("research")
app = Quart(__name__)

sdk = ComposioSDK()
router = sdk.tool_router


@app.post("/research")
async def research():
    payload = await request.get_json()
    session = router.create(  # [expect CS004]
        user_id="DEFAULT",  # [expect CS001]
        toolkits=["exa", "firecrawl"],
    )
    log.info("research request topic=%s", payload.get("topic"))
    return jsonify({"tools": len(session.tools())})


@app.post("/research/legacy")
async def research_legacy():
    payload = await request.get_json()
    user_id = payload["user_id"]
    session = sdk.experimental.tool_router.create_session(user_id=user_id)  # [expect CS004]
    return jsonify({"url": session.mcp.url})


@app.post("/research/v2")
async def research_v2():
    payload = await request.get_json()
    session = router.create(user_id=payload["user_id"], toolkits=["exa"])
    log.info("research v2 session %s", session.session_id)
    return jsonify({"session_id": session.session_id})
