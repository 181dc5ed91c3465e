"""Bearer-token authentication for the API."""

from dataclasses import dataclass

import jwt
from fastapi import Header, HTTPException

from app.config import settings


@dataclass(frozen=True)
class User:
    id: str
    email: str
    org_id: str


def current_user(authorization: str = Header(...)) -> User:
    token = authorization.removeprefix("Bearer ").strip()
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])
    except jwt.InvalidTokenError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc
    return User(id=claims["sub"], email=claims["email"], org_id=claims.get("org", ""))
