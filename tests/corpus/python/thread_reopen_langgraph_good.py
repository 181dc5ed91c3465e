"""LangGraph chat backend: one Composio session per thread, reopened by id."""
from __future__ import annotations

import logging
from typing import Annotated, TypedDict

import redis
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages

from composio import Composio
from composio_langchain import LangchainProvider

log = logging.getLogger(__name__)

composio = Composio(provider=LangchainProvider())
store = redis.Redis.from_url("redis://localhost:6379/2", decode_responses=True)


class ChatState(TypedDict):
    messages: Annotated[list, add_messages]
    user_id: str
    thread_id: str


def _session_key(thread_id: str) -> str:
    return f"composio:thread:{thread_id}"


def session_for_thread(user_id: str, thread_id: str):
    """Reuse the thread's session if we have one, otherwise start a new one."""
    stored_id = store.get(_session_key(thread_id))
    if stored_id:
        session = composio.use(stored_id)
        log.info("reopened composio session %s for thread %s", session.session_id, thread_id)
        return session

    session = composio.create(user_id=user_id, toolkits=["github", "linear"])
    # Only the id is persisted -- this is the documented multi-turn pattern.
    store.set(_session_key(thread_id), session.session_id, ex=60 * 60 * 24)
    log.info("new composio session %s for thread %s", session.session_id, thread_id)
    return session


def call_model(state: ChatState):
    from .llm import model

    session = session_for_thread(state["user_id"], state["thread_id"])
    bound = model.bind_tools(session.tools())
    return {"messages": [bound.invoke(state["messages"])]}


def build_graph():
    graph = StateGraph(ChatState)
    graph.add_node("agent", call_model)
    graph.add_edge(START, "agent")
    graph.add_edge("agent", END)
    return graph.compile()
