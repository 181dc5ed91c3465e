"""assistant/views.py — chat, connections and tool listing for logged-in users."""
import json
import logging
from http import HTTPStatus

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import caches
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from .composio_client import get_composio
from .forms import ChatForm
from .models import Connection, Conversation, Turn
from .services import run_agent_turn

logger = logging.getLogger(__name__)

composio = get_composio()
tool_cache = caches["default"]

TOOLS_TTL_SECONDS = 300
HTTP_SESSION_KEY = "composio_session_id"


def _user_key(request: HttpRequest) -> str:
    # Stable primary key, never the e-mail or username.
    return f"user_{request.user.pk}"


@login_required
@require_POST
def chat(request: HttpRequest) -> JsonResponse:
    form = ChatForm(json.loads(request.body or b"{}"))
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=HTTPStatus.BAD_REQUEST)

    user_id = _user_key(request)
    conversation = get_object_or_404(Conversation, pk=form.cleaned_data["conversation"], owner=request.user)

    stored = request.session.get(HTTP_SESSION_KEY)
    if stored and stored.get("conversation") == conversation.pk:
        session = composio.use(stored["id"])
        logger.info("resumed composio session %s for conversation %s", session.session_id, conversation.pk)
    else:
        session = composio.create(user_id=user_id, toolkits=conversation.toolkits, manage_connections=True)
        logger.info("new composio session %s for conversation %s", session.session_id, conversation.pk)
        # The browser session only keeps the id; the session is reopened with composio.use().
        request.session[HTTP_SESSION_KEY] = {"id": session.session_id, "conversation": conversation.pk}

    reply = run_agent_turn(session, form.cleaned_data["message"])
    with transaction.atomic(using="default"):
        Turn.objects.create(conversation=conversation, role="user", content=form.cleaned_data["message"])
        Turn.objects.create(conversation=conversation, role="assistant", content=reply)
    return JsonResponse({"reply": reply})


@login_required
@require_GET
def tools(request: HttpRequest) -> JsonResponse:
    user_id = _user_key(request)
    cache_key = f"tool-slugs:{user_id}"
    slugs = tool_cache.get(cache_key)
    if slugs is None:
        raw = composio.tools.get(user_id=user_id, toolkits=["GMAIL", "SLACK", "NOTION"])
        slugs = sorted(t["function"]["name"] for t in raw)
        # Only the list of names is cached, never a session.
        tool_cache.set(cache_key, slugs, TOOLS_TTL_SECONDS)
    return JsonResponse({"tools": slugs})


@login_required
@require_POST
def connect(request: HttpRequest, toolkit: str) -> HttpResponse:
    auth_config_id = settings.COMPOSIO_AUTH_CONFIGS.get(toolkit)
    if auth_config_id is None:
        return JsonResponse({"error": "unknown toolkit"}, status=HTTPStatus.NOT_FOUND)
    request_ = composio.connected_accounts.initiate(
        user_id=_user_key(request),
        auth_config_id=auth_config_id,
        callback_url=request.build_absolute_uri(f"/assistant/connect/{toolkit}/done/"),
    )
    Connection.objects.update_or_create(
        owner=request.user, toolkit=toolkit, defaults={"pending_id": request_.id, "status": "INITIATED"}
    )
    return redirect(request_.redirect_url)


@login_required
def connect_done(request: HttpRequest, toolkit: str) -> HttpResponse:
    conn = get_object_or_404(Connection, owner=request.user, toolkit=toolkit)
    conn.status = request.GET.get("status", "ACTIVE")
    conn.save(update_fields=["status"])
    send_mail(
        subject=f"{toolkit.title()} connected",
        message="Your assistant can now use this app.",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[request.user.email],
    )
    return redirect("assistant:settings")


class ConversationDetailView(LoginRequiredMixin, View):
    template_name = "assistant/conversation.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        conversation = get_object_or_404(Conversation, pk=pk, owner=request.user)
        context = {
            "conversation": conversation,
            "turns": conversation.turns.order_by("created_at"),
            "account_email": request.user.email,
        }
        if conversation.composio_session_id:
            session = composio.use(conversation.composio_session_id)
            logger.debug("rendering conversation %s with session %s", pk, session.session_id)
            context["mcp_url"] = session.mcp.url
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        conversation = get_object_or_404(Conversation, pk=pk, owner=request.user)
        session = composio.create(user_id=_user_key(request), toolkits=conversation.toolkits)
        logger.info(
            "conversation %s restarted", pk, extra={"composio_session_id": session.session_id}
        )
        conversation.composio_session_id = session.session_id
        conversation.save(update_fields=["composio_session_id"])
        return redirect("assistant:conversation", pk=pk)


@login_required
@require_GET
def connections(request: HttpRequest) -> JsonResponse:
    accounts = composio.connected_accounts.list(user_ids=[_user_key(request)])
    return JsonResponse(
        {"connections": [{"id": a.id, "toolkit": a.toolkit.slug, "status": a.status} for a in accounts.items]}
    )
