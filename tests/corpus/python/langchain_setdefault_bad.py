"""LangChain agent service for the sales copilot."""
from __future__ import annotations

import asyncio
import logging

from langchain.agents import AgentExecutor, create_tool_calling_agent
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

from composio import Composio
from composio_langchain import LangchainProvider

log = logging.getLogger("copilot")

PROMPT = ChatPromptTemplate.from_messages(
    [("system", "You are a sales copilot."), ("human", "{input}"), ("placeholder", "{agent_scratchpad}")]
)


class CopilotService:
    def __init__(self, composio_client: Composio):
        self.composio_client = composio_client
        self.llm = ChatOpenAI(model="gpt-4o", temperature=0)
        self._sessions: dict[str, object] = {}
        self._thread_session_ids: dict[str, str] = {}
        self._lock = asyncio.Lock()

    async def _session(self, user_id: str):
        async with self._lock:
            fresh = self.composio_client.create(user_id=user_id, toolkits=["hubspot", "gmail"])
            log.info("copilot session %s", fresh.session_id)
            return self._sessions.setdefault(user_id, fresh)  # [expect CS003]

    async def ask(self, user_id: str, question: str) -> str:
        session = await self._session(user_id)
        agent = create_tool_calling_agent(self.llm, session.tools(), PROMPT)
        result = await AgentExecutor(agent=agent, tools=session.tools()).ainvoke({"input": question})
        return result["output"]

    async def ask_in_thread(self, user_id: str, thread_id: str, question: str) -> str:
        sid = self._thread_session_ids.get(thread_id)
        if sid is None:
            session = self.composio_client.create(user_id=user_id, toolkits=["hubspot"])
            self._thread_session_ids[thread_id] = session.session_id
        else:
            session = self.composio_client.use(sid)
        log.info("thread=%s session=%s", thread_id, session.session_id)
        agent = create_tool_calling_agent(self.llm, session.tools(), PROMPT)
        result = await AgentExecutor(agent=agent, tools=session.tools()).ainvoke({"input": question})
        return result["output"]


def build() -> CopilotService:
    return CopilotService(Composio(provider=LangchainProvider()))
