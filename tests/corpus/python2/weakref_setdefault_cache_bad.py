import logging
import weakref

from composio import Composio

logger = logging.getLogger(__name__)
composio = Composio()

_live_sessions: "weakref.WeakValueDictionary[str, object]" = weakref.WeakValueDictionary()
_by_key: dict = {}
_by_thread: dict = {}


def session_for(user_id: str):
    session = _live_sessions.get(user_id)
    if session is None:
        session = composio.create(user_id=user_id, toolkits=["github"])
        logger.info("github session %s", session.session_id)
        _live_sessions[user_id] = session  # [expect CS003]
    return session


def tools_for(user_id: str):
    session = _by_key.setdefault(f"user:{user_id}", composio.create(user_id=user_id, toolkits=["jira"]))  # [expect CS003] [expect CS004]
    return session.tools()


def thread_session(user_id: str, thread_id: str):
    key = (user_id, thread_id)
    if key not in _by_thread:
        session = composio.create(user_id=user_id, toolkits=["jira"])
        logger.info("thread %s session %s", thread_id, session.session_id)
        _by_thread[key] = session
    return _by_thread[key]
