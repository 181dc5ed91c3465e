#!/usr/bin/env python3
"""scripts/backfill_connections.py

Finds users in an export who have not connected a toolkit yet, creates Connect Links for
them and mails the operator a summary. Run by an operator, once, from a laptop:

    python scripts/backfill_connections.py users.csv --toolkit github \
        --auth-config ac_123 --operator-id usr_9f2c --notify-email ops@acme.io
"""
from __future__ import annotations

import argparse
import configparser
import csv
import logging
import sys
import time
from pathlib import Path
from typing import Iterator

from composio import Composio

log = logging.getLogger("backfill")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", type=Path, help="CSV with a user_id column")
    parser.add_argument("--toolkit", required=True)
    parser.add_argument("--auth-config", required=True, dest="auth_config_id")
    parser.add_argument("--operator-id", required=True, help="your own Composio user id")
    parser.add_argument("--notify-email", help="where to send the summary")
    parser.add_argument("--profile", default="default", help="section of ~/.acme/credentials")
    parser.add_argument("--out", type=Path, default=Path("connect_links.csv"))
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args(argv)


def api_key_from_profile(profile: str) -> str:
    creds = configparser.ConfigParser()
    creds.read(Path.home() / ".acme" / "credentials")
    if profile not in creds:
        sys.exit(f"no credentials profile named {profile!r}")
    return creds[profile]["composio_api_key"]


def read_user_ids(path: Path) -> Iterator[str]:
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            user_id = (row.get("user_id") or "").strip()
            if user_id:
                yield user_id


def with_retries(fn, *args, attempts: int = 3, delay_s: float = 1.5, **kwargs):
    """Tiny retry helper; the export can be a few thousand rows and the API rate-limits."""
    for attempt in range(1, attempts + 1):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            if attempt == attempts:
                raise
            log.warning("attempt %d failed (%s), retrying in %.1fs", attempt, exc, delay_s)
            time.sleep(delay_s * attempt)


def has_connection(composio: Composio, user_id: str, toolkit: str) -> bool:
    accounts = composio.connected_accounts.list(user_ids=[user_id], toolkit_slugs=[toolkit])
    return any(a.status == "ACTIVE" for a in accounts.items)


def backfill(composio: Composio, args: argparse.Namespace) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for user_id in read_user_ids(args.export):
        if has_connection(composio, user_id, args.toolkit):
            log.debug("%s already connected", user_id)
            continue
        if args.dry_run:
            links.append((user_id, "(dry run)"))
            continue
        request = with_retries(composio.connected_accounts.initiate, user_id, args.auth_config_id)
        links.append((user_id, request.redirect_url))
        log.info("link created for %s", user_id)
    return links


def write_links(path: Path, links: list[tuple[str, str]]) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["user_id", "connect_url"])
        writer.writerows(links)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(message)s")
    composio = Composio(api_key=api_key_from_profile(args.profile))

    # Check the operator's own Gmail connection before doing any work.
    session = composio.create(user_id=args.operator_id, toolkits=["gmail"])
    log.info("operator session %s", session.session_id)
    if args.notify_email and not has_connection(composio, args.operator_id, "gmail"):
        auth = session.authorize("gmail")
        print(f"Connect your Gmail first: {auth.redirect_url}")
        return 1

    links = backfill(composio, args)
    write_links(args.out, links)
    log.info("%d users need to connect %s; links in %s", len(links), args.toolkit, args.out)

    if args.notify_email and links and not args.dry_run:
        composio.tools.execute(
            "GMAIL_SEND_EMAIL",
            arguments={
                "recipient_email": args.notify_email,
                "subject": f"{len(links)} {args.toolkit} connect links",
                "body": "\n".join(f"{uid}: {url}" for uid, url in links),
                "cc": ["platform-team@acme.io"],
            },
            user_id=args.operator_id,
        )
        log.info("summary sent")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
