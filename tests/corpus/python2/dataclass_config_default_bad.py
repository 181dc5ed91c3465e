"""Small agent runner configured with a frozen dataclass or a JSON file."""
import json
from dataclasses import dataclass
from pathlib import Path

from composio import Composio

composio = Composio()


@dataclass(frozen=True)
class AgentConfig:
    user_id: str = "default"  # [expect CS001]
    toolkits: tuple[str, ...] = ("github",)
    model: str = "gpt-4o-mini"


def run(task: str, config: AgentConfig = AgentConfig()) -> list:
    session = composio.create(user_id=config.user_id, toolkits=list(config.toolkits))
    print(f"[session {session.session_id}] {task} with {config.model}")
    return session.tools()


def run_from_file(path: str, task: str) -> list:
    config = json.loads(Path(path).read_text())
    user_id = config.get("user_id") or "default"  # [expect CS001]
    session = composio.create(user_id=user_id, toolkits=config.get("toolkits", ["github"]))
    print(f"[session {session.session_id}] {task}")
    return session.tools()
