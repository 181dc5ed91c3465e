import logging

from composio import Composio

from .models import Thread

logger = logging.getLogger(__name__)


def resume_or_start(composio: Composio, user_id: str, thread: Thread):
    try:
        session = composio.use(thread.composio_session_id)
    except Exception:
        session = composio.create(user_id=user_id, toolkits=thread.toolkits)
        thread.composio_session_id = session.session_id
        thread.save(update_fields=["composio_session_id"])
    logger.info("thread %s -> composio session %s", thread.id, session.session_id)
    return session
