"""CrewAI research crew, resumable per Slack thread."""
import logging
from dataclasses import dataclass

from crewai import Agent, Crew, Task

from composio import Composio
from composio_crewai import CrewAIProvider

logger = logging.getLogger("crew")


@dataclass
class ThreadRecord:
    thread_ts: str
    user_id: str
    composio_session_id: str | None = None


class ThreadStore:
    def __init__(self):
        self._rows: dict[str, ThreadRecord] = {}

    def get(self, thread_ts: str) -> ThreadRecord | None:
        return self._rows.get(thread_ts)

    def save(self, record: ThreadRecord) -> None:
        self._rows[record.thread_ts] = record


class ResearchCrew:
    def __init__(self, composio: Composio, store: ThreadStore):
        self.composio = composio
        self.store = store

    def _session(self, record: ThreadRecord):
        if record.composio_session_id:
            return self.composio.use(record.composio_session_id)  # [expect CS004]
        session = self.composio.create(user_id=record.user_id, toolkits=["exa", "notion"])
        logger.info("thread %s new session %s", record.thread_ts, session.session_id)
        record.composio_session_id = session.session_id
        self.store.save(record)
        return session

    def run(self, thread_ts: str, user_id: str, question: str) -> str:
        record = self.store.get(thread_ts) or ThreadRecord(thread_ts, user_id)
        session = self._session(record)
        researcher = Agent(
            role="Researcher",
            goal="Answer the question with sources",
            backstory="Careful analyst.",
            tools=session.tools(),
        )
        task = Task(description=question, expected_output="A short cited answer", agent=researcher)
        return str(Crew(agents=[researcher], tasks=[task]).kickoff())


def make_crew() -> ResearchCrew:
    return ResearchCrew(Composio(provider=CrewAIProvider()), ThreadStore())
