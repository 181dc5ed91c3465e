"""Slack bot: one Composio session per thread, agent memory per Slack user."""
import logging
import os

from agents import Agent, Runner, SQLiteSession
from composio import Composio
from composio_openai_agents import OpenAIAgentsProvider
from slack_bolt import App

logger = logging.getLogger("slackbot")

app = App(
    token=os.environ["SLACK_BOT_TOKEN"],
    signing_secret=os.environ["SLACK_SIGNING_SECRET"],
)
composio = Composio(provider=OpenAIAgentsProvider())

# Composio tool sessions live for one Slack thread.
_thread_sessions: dict[tuple[str, str], object] = {}
# Conversation memory for the OpenAI Agents SDK, one store per Slack user.
_memory: dict[str, SQLiteSession] = {}


def _memory_for(user_id: str) -> SQLiteSession:
    if user_id not in _memory:
        _memory[user_id] = SQLiteSession(f"slack-{user_id}", "agent_memory.db")
    return _memory[user_id]


def _tool_session(user_id: str, thread_ts: str):
    key = (user_id, thread_ts)
    session = _thread_sessions.get(key)
    if session is None:
        session = composio.create(user_id=user_id, toolkits=["linear", "github"])
        logger.info("thread %s -> composio session %s", thread_ts, session.session_id)
        _thread_sessions[key] = session
    return session


@app.event("app_mention")
def on_mention(event, say):
    thread_ts = event.get("thread_ts") or event["ts"]
    user_id = event["user"]
    session = _tool_session(user_id, thread_ts)

    agent = Agent(
        name="Eng helper",
        instructions="Help the team triage issues. Keep answers short.",
        tools=session.tools(),
    )
    result = Runner.run_sync(agent, event["text"], session=_memory_for(user_id))
    say(text=result.final_output, thread_ts=thread_ts)


@app.command("/forget")
def forget(ack, command, respond):
    ack()
    store = _memory.pop(command["user_id"], None)
    if store is not None:
        store.clear_session()
    respond("Done, I've cleared what I remembered about you.")


if __name__ == "__main__":
    app.start(port=int(os.environ.get("PORT", "3000")))
