"""Who is on the other end of the request."""

from flask import current_app, request


def client_address() -> str:
    """The client's address, trusting X-Forwarded-For only for the number of
    reverse proxies configured in RMN_PROXY_COUNT (a client can forge the rest)."""
    proxies = int(current_app.config.get("PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.remote_addr or "unknown"
