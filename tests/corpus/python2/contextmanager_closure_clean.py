"""AWS Lambda handler built by a factory closure; sessions scoped with a context manager."""
import json
import logging
import time
from contextlib import contextmanager

from composio import Composio

from .agent import run

logger = logging.getLogger()


@contextmanager
def composio_session(composio_client: Composio, user_id: str, toolkits: list[str]):
    session = composio_client.create(user_id=user_id, toolkits=toolkits)
    started = time.perf_counter()
    try:
        yield session
    finally:
        logger.info(
            "session done",
            extra={"session_id": session.session_id, "elapsed": time.perf_counter() - started},
        )


def make_handler(composio_client: Composio, toolkits: list[str]):
    def handler(event, context):
        user_id = event["requestContext"]["authorizer"]["claims"]["sub"]
        with composio_session(composio_client, user_id, toolkits) as session:
            answer = run(event["body"], session.tools())
        return {"statusCode": 200, "body": json.dumps(answer)}

    return handler


lambda_handler = make_handler(Composio(), ["gmail"])
