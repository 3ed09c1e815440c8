"""The client's address, as seen by the trusted proxy in front of the platform."""

import ipaddress

from django.conf import settings


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _from_trusted_proxy(remote) -> bool:
    return remote is not None and any(remote in net for net in settings.TRUSTED_PROXIES)


def client_ip(request) -> str:
    """REMOTE_ADDR, or the proxy's header when the request came from a trusted proxy.

    A client may send its own X-Forwarded-For; the trusted proxy appends the address it
    saw, so only the last entry is believed.
    """
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    header = settings.TRUSTED_PROXY_HEADER
    if header and _from_trusted_proxy(remote):
        forwarded = _address(request.headers.get(header, "").split(",")[-1])
        if forwarded is not None:
            return str(forwarded)
    return str(remote) if remote is not None else "0.0.0.0"  # noqa: S104 (a label, not a bind)
