"""bot/app.py — Slack assistant (Bolt, Socket Mode).

Each Slack user connects their own GitHub/Linear accounts; the bot acts with them.
"""
from __future__ import annotations

import logging
import os
import re
from typing import Any

from composio import Composio
from composio_openai import OpenAIProvider
from openai import OpenAI
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
logger = logging.getLogger("bot")

app = App(token=os.environ["SLACK_BOT_TOKEN"], signing_secret=os.environ["SLACK_SIGNING_SECRET"])
composio = Composio(provider=OpenAIProvider())
llm = OpenAI()

BOT_USER_ID = "workspace-bot"
GITHUB_AUTH_CONFIG = os.environ["COMPOSIO_GITHUB_AUTH_CONFIG"]
LINEAR_AUTH_CONFIG = os.environ["COMPOSIO_LINEAR_AUTH_CONFIG"]
MENTION = re.compile(r"<@[A-Z0-9]+>\s*")

# Tools for channel mentions are loaded once at start-up; building them per event
# made the bot feel slow in busy channels.
shared_session = composio.tool_router.create(  # [expect CS002]
    user_id=BOT_USER_ID,
    toolkits=["github", "linear"],
)
logger.info("bot session ready: %s", shared_session.session_id)


def composio_user(team_id: str, slack_user: str) -> str:
    """Our user ids are namespaced by workspace so two teams never collide."""
    return f"slack:{team_id}:{slack_user}"


def run_llm(tools: list[dict[str, Any]], prompt: str, user_id: str) -> str:
    messages = [
        {"role": "system", "content": "You are a concise engineering assistant in Slack."},
        {"role": "user", "content": prompt},
    ]
    for _ in range(5):
        completion = llm.chat.completions.create(model="gpt-4.1-mini", messages=messages, tools=tools)
        msg = completion.choices[0].message
        if not msg.tool_calls:
            return msg.content or "(no answer)"
        messages.append(msg.model_dump(exclude_none=True))
        results = composio.provider.handle_tool_calls(user_id=user_id, response=completion)
        for call, result in zip(msg.tool_calls, results):
            messages.append({"role": "tool", "tool_call_id": call.id, "content": str(result)[:8000]})
    return "That needed too many steps, try a narrower question."


@app.event("app_mention")
def on_mention(event: dict[str, Any], say, context) -> None:
    text = MENTION.sub("", event.get("text", "")).strip()
    if not text:
        say("Ask me something about the repo or the board.", thread_ts=event["ts"])
        return
    tools = shared_session.tools()
    answer = run_llm(tools, text, BOT_USER_ID)
    say(answer, thread_ts=event.get("thread_ts", event["ts"]))


@app.event("message")
def on_direct_message(event: dict[str, Any], say, context) -> None:
    if event.get("channel_type") != "im" or event.get("bot_id"):
        return
    user_id = composio_user(context["team_id"], event["user"])
    session = composio.create(user_id=user_id, toolkits=["github", "linear"], manage_connections=True)
    logger.info("dm from %s -> session %s", user_id, session.session_id)
    answer = run_llm(session.tools(), event.get("text", ""), user_id)
    say(answer)


@app.command("/summarize")
def summarize_command(ack, command: dict[str, Any], respond) -> None:
    ack()
    user_id = composio_user(command["team_id"], command["user_id"])
    session = composio.create(user_id=user_id, toolkits=["github"])
    logger.info("summarize for %s in session %s", user_id, session.session_id)
    repo = command.get("text", "").strip() or "acme/web"
    respond(run_llm(session.tools(), f"Summarize open pull requests in {repo}.", user_id))


@app.command("/connect")
def connect_command(ack, command: dict[str, Any], client, respond) -> None:
    ack()
    toolkit = (command.get("text") or "github").strip().lower()
    auth_config = {"github": GITHUB_AUTH_CONFIG, "linear": LINEAR_AUTH_CONFIG}.get(toolkit)
    if auth_config is None:
        respond(f"I can't connect `{toolkit}` yet.")
        return
    info = client.users_info(user=command["user_id"])
    user_email = info["user"]["profile"]["email"]
    request = composio.connected_accounts.initiate(user_email, auth_config)  # [expect CS005]
    logger.info("connect %s requested by %s", toolkit, command["user_id"])
    respond(f"<{request.redirect_url}|Connect {toolkit.title()}> (link expires in 10 minutes)")


@app.event("app_home_opened")
def home_opened(event: dict[str, Any], client, context) -> None:
    user_id = composio_user(context["team_id"], event["user"])
    accounts = composio.connected_accounts.list(user_ids=[user_id])
    lines = [f"• {a.toolkit.slug}: {a.status}" for a in accounts.items] or ["No apps connected yet."]
    client.views_publish(
        user_id=event["user"],
        view={
            "type": "home",
            "blocks": [
                {"type": "section", "text": {"type": "mrkdwn", "text": "*Connected apps*"}},
                {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}},
            ],
        },
    )


if __name__ == "__main__":
    SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()
