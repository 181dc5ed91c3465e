"""Assistant views (Django). The Composio session is built lazily on first use."""
import logging

from django.http import HttpRequest, JsonResponse
from django.views import View

from composio import Composio

logger = logging.getLogger(__name__)

_composio = Composio()
_SHARED_SESSION = None
OPS_USER = "ops-shared"


def _get_session():
    global _SHARED_SESSION
    if _SHARED_SESSION is None:
        _SHARED_SESSION = _composio.create(user_id=OPS_USER, toolkits=["jira", "confluence"])  # [expect CS002] [expect CS004]
    return _SHARED_SESSION


class TicketSearchView(View):
    def get(self, request: HttpRequest) -> JsonResponse:
        q = request.GET.get("q", "")
        result = _get_session().execute("JIRA_SEARCH_ISSUES", arguments={"jql": f'text ~ "{q}"'})
        return JsonResponse(result)


def toolkit_catalog(request: HttpRequest) -> JsonResponse:
    # Preview which tools a given user would get; falls back to the demo identity.
    tools = _composio.tools.get(
        user_id=request.GET.get("user_id", "default"),  # [expect CS001]
        toolkits=["jira"],
    )
    return JsonResponse({"count": len(tools)})


def my_tools(request: HttpRequest) -> JsonResponse:
    session = _composio.create(user_id=str(request.user.pk), toolkits=["jira"])
    logger.info("my_tools session=%s", session.session_id)
    return JsonResponse({"count": len(session.tools())})
