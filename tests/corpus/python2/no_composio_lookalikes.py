"""Chat persistence helpers (SQLAlchemy + OpenAI threads).

Composio tool sessions live in agents/tools.py; nothing here talks to Composio.
"""
from functools import lru_cache

from openai import OpenAI
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

DEFAULT_USER_ID = "default"
openai_client = OpenAI()


@lru_cache
def get_sessionmaker(url: str):
    return sessionmaker(bind=create_engine(url))


def create_chat_session(db, user_id: str = DEFAULT_USER_ID):
    return db.sessions.create(user_id=user_id, title="New chat")


def new_thread(user_id: str = "default"):
    return openai_client.beta.threads.create(metadata={"user_id": user_id})


def retention_days(plan: str) -> int:
    match plan:
        case "pro":
            return 90
        case "team":
            return 365
        case _:
            return 30
