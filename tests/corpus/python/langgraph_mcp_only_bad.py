"""LangGraph agent served over MCP (langchain-mcp-adapters)."""
from __future__ import annotations

from typing import TypedDict

import structlog
from langchain_mcp_adapters.client import MultiServerMCPClient
from langgraph.prebuilt import create_react_agent

from composio import Composio

log = structlog.get_logger()
composio = Composio()


class RequestState(TypedDict):
    user_id: str
    user_email: str
    prompt: str


async def mcp_agent(state: RequestState):
    session = composio.create(  # [expect CS004]
        user_id=state["user_email"],  # [expect CS005]
        toolkits=["googledocs", "gmail"],
    )
    log.info("mcp.session.ready", mcp_url=session.mcp.url)
    client = MultiServerMCPClient(
        {"composio": {"url": session.mcp.url, "transport": "streamable_http"}}
    )
    tools = await client.get_tools()
    agent = create_react_agent("openai:gpt-4.1", tools)
    return await agent.ainvoke({"messages": [("user", state["prompt"])]})


async def mcp_agent_v2(state: RequestState):
    session = composio.create(user_id=state["user_id"], toolkits=["googledocs", "gmail"])
    bound = log.bind(composio_session=session.session_id, user=state["user_id"])
    bound.info("mcp.session.ready", mcp_url=session.mcp.url)
    client = MultiServerMCPClient(
        {"composio": {"url": session.mcp.url, "transport": "streamable_http"}}
    )
    tools = await client.get_tools()
    agent = create_react_agent("openai:gpt-4.1", tools)
    return await agent.ainvoke({"messages": [("user", state["prompt"])]})
