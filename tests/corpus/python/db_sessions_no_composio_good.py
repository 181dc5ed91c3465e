"""Persistence helpers for the agent service. This module has nothing to do with
Composio -- it manages SQLAlchemy sessions and outbound HTTP sessions."""
from __future__ import annotations

import threading
from contextlib import contextmanager

import requests
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg://app@localhost/agents", pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, expire_on_commit=False)

# One HTTP session per user so per-user cookies stay separate.
_http_sessions: dict[str, requests.Session] = {}
_lock = threading.Lock()

shared_session = requests.Session()


def http_session_for(user_id: str) -> requests.Session:
    with _lock:
        session = _http_sessions.get(user_id)
        if session is None:
            session = requests.Session()
            session.headers["X-User"] = user_id
            _http_sessions[user_id] = session
        return session


@contextmanager
def db_session(user_id: str = "default"):
    session: Session = SessionLocal(info={"user_id": user_id})
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


class AuditClient:
    def __init__(self, base_url: str):
        self.base_url = base_url

    def create_session(self, user_id: str = "default", email: str | None = None):
        payload = {"user_id": user_id, "email": email}
        resp = shared_session.post(f"{self.base_url}/sessions", json=payload, timeout=10)
        resp.raise_for_status()
        return resp.json()


def record_run(user_id: str, email: str) -> None:
    audit = AuditClient("https://audit.internal")
    audit.create_session(user_id="default", email=email)
    with db_session(user_id) as s:
        s.execute("select 1")
