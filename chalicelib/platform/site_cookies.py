"""The site's cookies: their names, the one Set-Cookie shape they share, and reading them.

Apart from sessions.py because more than the session uses them: the CSRF seed, and the
drafts an anonymous visitor keeps (forum.drafts). Every cookie is HttpOnly, SameSite=Lax
and, outside the local stage, Secure with a ``__Host-`` name.
"""
from http.cookies import SimpleCookie

from chalicelib.core import config


def session_cookie_name():
    return "__Host-lantern_session" if config.settings.secure_cookies else "lantern_session"


def csrf_cookie_name():
    return "__Host-lantern_csrf" if config.settings.secure_cookies else "lantern_csrf"


def cookie_header(name, value, max_age=None):
    """A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure outside the local stage."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if config.settings.secure_cookies:
        parts.append("Secure")
    if max_age is not None:
        parts.append(f"Max-Age={int(max_age)}")
    return "; ".join(parts)


def expired_cookie_header(name):
    return cookie_header(name, "", max_age=0)


def read_cookies(request):
    jar = SimpleCookie()
    try:
        jar.load(request.headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is the visitor's problem, not a 500
        return {}
    return {key: morsel.value for key, morsel in jar.items()}
