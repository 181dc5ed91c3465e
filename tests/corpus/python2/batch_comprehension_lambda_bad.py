"""Nightly digest job: per-user sessions created in a comprehension, a lambda and a loop."""
import logging
from concurrent.futures import ThreadPoolExecutor

from composio import Composio

log = logging.getLogger("digest")
composio = Composio()


def warm_sessions(users):
    sessions = [composio.create(user_id=u.id, toolkits=["gmail"]) for u in users]  # [expect CS004]
    log.info("warmed %d sessions", len(sessions))
    return sessions


def digest_all(users):
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda u: composio.create(user_id=u.id, toolkits=["gmail"]).tools(), users))  # [expect CS004]
    return results


def digest_each(users):
    for user in users:
        session = composio.create(user_id=user.id, toolkits=["gmail"])
        log.info("digest session %s user %s", session.session_id, user.id)
        yield user.id, session.tools()
