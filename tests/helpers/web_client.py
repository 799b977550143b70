"""A thin browser stand-in over chalice.test.Client: cookies, forms and parsed HTML."""
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup

from helpers import streams


class Page:
    def __init__(self, response):
        self.response = response
        self.status = response.status_code
        self.headers = {k.lower(): v for k, v in response.headers.items()}
        self.text = response.body.decode("utf-8", errors="replace") \
            if isinstance(response.body, bytes) else str(response.body)
        self._soup = None

    @property
    def soup(self):
        if self._soup is None:
            self._soup = BeautifulSoup(self.text, "html.parser")
        return self._soup

    @property
    def location(self):
        return self.headers.get("location")

    @property
    def asks_to_log_in(self):
        """A visitor's GET of a member page: 303 to the log-in form, coming back after."""
        return self.status == 303 and (self.location or "").startswith("/login?next=")

    def field_error(self, name):
        """The error message shown next to field ``name``, or None."""
        error = self.soup.find(id=f"{name}-error")
        return error.get_text(" ", strip=True) if error else None

    def value_of(self, name):
        """The value a form field shows (what the member typed is kept)."""
        field = self.soup.find(attrs={"name": name})
        if field is None:
            return None
        return field.get_text() if field.name == "textarea" else field.get("value")


def _set_cookie_values(headers):
    for key, value in headers.items():
        if key.lower() != "set-cookie":
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            yield item


class WebClient:
    def __init__(self, chalice_client):
        self.chalice = chalice_client
        self.cookies = {}
        self.last = None

    # Cookies -------------------------------------------------------------------------
    def _store_cookies(self, response):
        for raw in _set_cookie_values(response.headers):
            jar = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def _headers(self, extra=None):
        headers = dict(extra or {})
        if self.cookies:
            headers["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    # Requests ------------------------------------------------------------------------
    def get(self, path, headers=None):
        # What earlier writes set in motion has happened before this request (a moment
        # passes between clicks), and what this one sets in motion before the test looks.
        streams.drain()
        response = self.chalice.http.get(path, headers=self._headers(headers))
        streams.drain()
        self._store_cookies(response)
        self.last = Page(response)
        return self.last

    def post(self, path, data=None, csrf=True, headers=None):
        """POST a form; with ``csrf`` the valid token for this visitor is added."""
        data = dict(data or {})
        if csrf and "csrf_token" not in data:
            data["csrf_token"] = self.csrf_token()
        body = urlencode(data, doseq=True).encode()
        all_headers = self._headers({"content-type": "application/x-www-form-urlencoded",
                                     **(headers or {})})
        streams.drain()
        response = self.chalice.http.post(path, headers=all_headers, body=body)
        streams.drain()
        self._store_cookies(response)
        self.last = Page(response)
        return self.last

    def follow(self, page=None):
        page = page or self.last
        target = urlsplit(page.location)
        path = target.path + (f"?{target.query}" if target.query else "")
        return self.get(path)

    # Identity ------------------------------------------------------------------------
    def csrf_token(self):
        """The token a page would embed for this visitor (what a browser would send)."""
        from chalicelib import web
        from chalicelib.platform import sessions, site_cookies

        class _Request:
            headers = self._headers()

        visitor = sessions.Visitor(csrf_seed=None)
        cookies = site_cookies.read_cookies(_Request)
        token = cookies.get(site_cookies.session_cookie_name(), "").partition(".")[2]
        if token:
            visitor.session_token = token
        else:
            seed = cookies.get(site_cookies.csrf_cookie_name())
            if not seed:
                seed = "test-seed"
                self.cookies[site_cookies.csrf_cookie_name()] = seed
            visitor.csrf_seed = seed
        return web.csrf_token(visitor)

    def login(self, member):
        """Log in as ``member`` by creating a real session, as the login form does."""
        from chalicelib.platform import session_lifecycle

        cookie = session_lifecycle.start_session(member)
        jar = SimpleCookie()
        jar.load(cookie)
        for name, morsel in jar.items():
            self.cookies[name] = morsel.value
        return self

    def logout(self):
        from chalicelib.platform import site_cookies

        self.cookies.pop(site_cookies.session_cookie_name(), None)
