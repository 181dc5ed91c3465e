"""Calendar assistant views."""
import logging

from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from composio import Composio

from .agent import run_calendar_agent

logger = logging.getLogger(__name__)

composio_client = Composio()
page_cache = caches["default"]

# Process-wide; Gunicorn workers keep this for their whole lifetime.
_SESSIONS = {}


def _session_for(request):
    uid = str(request.user.pk)
    session = _SESSIONS.get(uid)
    if session is None:
        session = composio_client.create(user_id=uid, toolkits=["googlecalendar"])
        logger.info("calendar session %s for user %s", session.session_id, uid)
        _SESSIONS[uid] = session  # [expect CS003]
    return session


@login_required
@require_POST
def ask_calendar(request):
    session = _session_for(request)
    answer = run_calendar_agent(request.POST["question"], session.tools())
    return JsonResponse({"answer": answer})


@login_required
@require_GET
def agenda(request):
    key = f"agenda:{request.user.pk}"
    html = page_cache.get(key)
    if html is None:
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "SELECT title, starts_at FROM cal_event WHERE owner_id = %s ORDER BY starts_at",
                [request.user.pk],
            )
            rows = cursor.fetchall()
        html = render_to_string("calendar/agenda.html", {"rows": rows})
        # Rendered HTML keyed by user is fine; it is not a tool session.
        page_cache.set(key, html, 300)
    return HttpResponse(html)
