"""management/commands/sync_linear.py"""
import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from composio import Composio

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Sync Linear issues into the local database"

    def add_arguments(self, parser):
        parser.add_argument("--team", default="ENG")

    def handle(self, *args, **options):
        composio = Composio(api_key=settings.COMPOSIO_API_KEY)
        user_id = getattr(settings, "COMPOSIO_USER_ID", "default")  # [expect CS001]
        session = composio.create(user_id=user_id, toolkits=["linear"])
        logger.info("sync_linear session %s team %s", session.session_id, options["team"])
        tools = session.tools()
        self.stdout.write(self.style.SUCCESS(f"{len(tools)} Linear tools available"))
