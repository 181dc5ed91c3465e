import logging

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from composio import Composio

logger = logging.getLogger(__name__)
composio = Composio()


@login_required
@require_POST
def agent_view(request):
    user_id = str(request.user.pk)
    session = cache.get(f"composio-session:{user_id}")
    if session is None:
        session = composio.create(user_id=user_id, toolkits=["gmail", "googlecalendar"])
        logger.info("created composio session %s for %s", session.session_id, user_id)
        cache.set(f"composio-session:{user_id}", session, timeout=900)  # [expect CS003]
    tools = session.tools()
    return JsonResponse({"tools": len(tools)})


@login_required
def toolkit_list(request):
    toolkits = cache.get("composio-toolkits")
    if toolkits is None:
        toolkits = ["gmail", "googlecalendar", "slack"]
        cache.set("composio-toolkits", toolkits, timeout=3600)
    return JsonResponse({"toolkits": toolkits})
