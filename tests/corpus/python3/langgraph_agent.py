"""agents/graph.py — LangGraph workflow that plans and acts with Composio tools.

The graph is compiled once at import; everything user-specific arrives through
``config["configurable"]`` (user_id, thread_id) so one compiled graph serves everyone.
"""
from __future__ import annotations

import json
import os
from typing import Annotated, Any, Literal, TypedDict

import structlog
from composio import Composio
from composio_langchain import LangchainProvider
from langchain_core.messages import AIMessage, AnyMessage, SystemMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langchain_openai import ChatOpenAI
from langgraph.checkpoint.memory import MemorySaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages

log = structlog.get_logger(__name__)

composio = Composio(api_key=os.environ["COMPOSIO_API_KEY"], provider=LangchainProvider())
model = ChatOpenAI(model=os.environ.get("AGENT_MODEL", "gpt-4.1"), temperature=0)

TOOLKITS = ["github", "linear", "slack"]
MAX_STEPS = 12

# One session per (user, thread): a thread keeps its tool context between turns,
# a new thread always gets a fresh session.
_THREAD_SESSIONS: dict[tuple[str, str], Any] = {}


class AgentState(TypedDict):
    messages: Annotated[list[AnyMessage], add_messages]
    user_display_name: str
    user_email: str
    steps: int


def _ids(config: RunnableConfig) -> tuple[str, str]:
    configurable = config.get("configurable", {})
    try:
        return configurable["user_id"], configurable["thread_id"]
    except KeyError as exc:
        raise ValueError(f"missing configurable key: {exc.args[0]}") from None


def session_for_thread(user_id: str, thread_id: str):
    key = (user_id, thread_id)
    session = _THREAD_SESSIONS.get(key)
    if session is None:
        session = composio.create(user_id=user_id, toolkits=TOOLKITS, manage_connections=True)
        log.bind(session_id=session.session_id, thread_id=thread_id).info("thread session created")
        _THREAD_SESSIONS[key] = session
    return session


def resume_thread(user_id: str, thread_id: str, stored_session_id: str):
    """Called after a process restart, when only the stored id survived."""
    session = composio.use(stored_session_id)
    log.info("thread session resumed", session_id=session.session_id, thread_id=thread_id)
    _THREAD_SESSIONS[(user_id, thread_id)] = session
    return session


def end_thread(user_id: str, thread_id: str) -> None:
    session = _THREAD_SESSIONS.pop((user_id, thread_id), None)
    if session is not None:
        log.info("thread session closed", session_id=session.session_id, thread_id=thread_id)


def _system_prompt(state: AgentState) -> SystemMessage:
    return SystemMessage(
        content=(
            f"You help {state['user_display_name']} ({state['user_email']}) with engineering work. "
            "Prefer reading before writing. Summarize what you changed at the end."
        )
    )


def agent_node(state: AgentState, config: RunnableConfig) -> dict[str, Any]:
    user_id, thread_id = _ids(config)
    session = session_for_thread(user_id, thread_id)
    bound = model.bind_tools(session.tools())
    response = bound.invoke([_system_prompt(state), *state["messages"]])
    return {"messages": [response], "steps": state.get("steps", 0) + 1}


def tools_node(state: AgentState, config: RunnableConfig) -> dict[str, Any]:
    user_id, thread_id = _ids(config)
    last = state["messages"][-1]
    assert isinstance(last, AIMessage)
    outputs: list[ToolMessage] = []
    for call in last.tool_calls:
        result = composio.tools.execute(call["name"], arguments=call["args"], user_id=user_id)
        outputs.append(ToolMessage(content=json.dumps(result)[:16_000], tool_call_id=call["id"]))
    log.debug("executed tools", count=len(outputs), thread_id=thread_id)
    return {"messages": outputs}


def route(state: AgentState) -> Literal["tools", "__end__"]:
    last = state["messages"][-1]
    if state.get("steps", 0) >= MAX_STEPS:
        return END
    if isinstance(last, AIMessage) and last.tool_calls:
        return "tools"
    return END


def build_graph():
    graph = StateGraph(AgentState)
    graph.add_node("agent", agent_node)
    graph.add_node("tools", tools_node)
    graph.add_edge(START, "agent")
    graph.add_conditional_edges("agent", route, {"tools": "tools", END: END})
    graph.add_edge("tools", "agent")
    return graph.compile(checkpointer=MemorySaver())


GRAPH = build_graph()


async def run_turn(user_id: str, thread_id: str, text: str, display_name: str, email: str) -> str:
    config: RunnableConfig = {"configurable": {"user_id": user_id, "thread_id": thread_id}}
    state = await GRAPH.ainvoke(
        {
            "messages": [("user", text)],
            "user_display_name": display_name,
            "user_email": email,
            "steps": 0,
        },
        config=config,
    )
    final = state["messages"][-1]
    return final.content if isinstance(final, AIMessage) else ""


async def connect_toolkit(user_id: str, toolkit: str) -> str:
    request = composio.toolkits.authorize(user_id=user_id, toolkit=toolkit)
    log.info("connect link issued", toolkit=toolkit, request_id=request.id)
    return request.redirect_url
