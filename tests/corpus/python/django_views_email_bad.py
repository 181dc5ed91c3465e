"""Django views for the in-app assistant."""
import json
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from composio import Composio

logger = logging.getLogger("assistant.views")
composio = Composio(api_key=settings.COMPOSIO_API_KEY)


@login_required
@require_POST
def assistant_turn(request: HttpRequest) -> JsonResponse:
    data = json.loads(request.body)
    user_email = request.user.email
    session = composio.create(user_id=user_email, toolkits=data.get("toolkits", ["gmail"]))  # [expect CS005]
    logger.info("assistant session %s", session.session_id)
    return JsonResponse({"tools": len(session.tools())})


@login_required
def connect_gmail(request: HttpRequest) -> JsonResponse:
    connection = composio.connected_accounts.initiate(
        user_id=request.user.email,  # [expect CS005]
        auth_config_id=settings.COMPOSIO_GMAIL_AUTH_CONFIG,
    )
    return JsonResponse({"redirect_url": connection.redirect_url})


@login_required
@require_POST
def send_invite(request: HttpRequest) -> JsonResponse:
    data = json.loads(request.body)
    # Correct: stable pk as user id; the invitee's email is just a tool argument.
    composio.tools.execute(
        "GMAIL_SEND_EMAIL",
        user_id=str(request.user.pk),
        arguments={"recipient_email": data["email"], "subject": "Join us", "body": "..."},
    )
    return JsonResponse({"ok": True})
