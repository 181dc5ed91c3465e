"""Dependency-injection wiring for the agent service (python-dependency-injector)."""
from __future__ import annotations

import logging

from dependency_injector import containers, providers
from dependency_injector.wiring import Provide, inject

from composio import Composio

logger = logging.getLogger(__name__)


def _log_session(session, *, reason: str) -> None:
    logger.info("composio session %s opened (%s)", session.session_id, reason)


class CalendarService:
    def __init__(self, client: Composio, toolkits: list[str]):
        self._client = client
        self._toolkits = toolkits

    def upcoming(self, user_id: str, days: int = 7):
        session = self._client.create(user_id=user_id, toolkits=self._toolkits)
        _log_session(session, reason="upcoming")
        return session.execute(
            "GOOGLECALENDAR_EVENTS_LIST",
            arguments={"calendar_id": "primary", "max_results": days * 10},
        )

    def resume(self, stored_session_id: str):
        session = self._client.use(stored_session_id)
        _log_session(session, reason="resume")
        return session.tools()


class Container(containers.DeclarativeContainer):
    config = providers.Configuration()
    composio = providers.Singleton(Composio, api_key=config.composio.api_key)
    calendar = providers.Factory(
        CalendarService,
        client=composio,
        toolkits=config.calendar.toolkits,
    )


@inject
def upcoming_for(
    user_id: str,
    service: CalendarService = Provide[Container.calendar],
):
    return service.upcoming(user_id)


def bootstrap() -> Container:
    container = Container()
    container.config.from_dict(
        {"composio": {"api_key": "ck_live"}, "calendar": {"toolkits": ["googlecalendar"]}}
    )
    container.wire(modules=[__name__])
    return container
