"""Posted forms and query strings, and the CSRF token every form carries."""
from urllib.parse import parse_qs

from chalicelib.core import signing, text as member_text
from chalicelib.platform import sessions

# Never echoed back into a page, whatever went wrong.
SECRET_FIELDS = {"password", "current_password", "new_password", "csrf_token"}
CSRF_SALT = "csrf"
CSRF_MAX_AGE = 12 * 3600


class Form:
    """A posted form: ``form.get('title')`` is stripped text, '' when absent.

    Every field but a password passes ``core.text``: the control characters, noncharacters
    and bidi overrides that break feeds, emails and names never get past the form.
    """

    def __init__(self, fields):
        self.fields = {name: values if name in SECRET_FIELDS
                       else [member_text.clean_block(value) for value in values]
                       for name, values in fields.items()}

    def get(self, name, default=""):
        values = self.fields.get(name)
        if not values:
            return default
        return values[0].strip() if name in SECRET_FIELDS \
            else member_text.clean_line(values[0]).strip()

    def raw(self, name, default=""):
        """The value as typed (bodies keep their leading spaces and newlines)."""
        values = self.fields.get(name)
        return values[0].replace("\r\n", "\n") if values else default

    def getlist(self, name):
        return [member_text.clean_line(value).strip() for value in self.fields.get(name, [])]

    def has(self, name):
        return name in self.fields

    def kept(self):
        """Everything the member typed, minus secrets, to show again after a failure."""
        return {name: values[0].replace("\r\n", "\n") for name, values in self.fields.items()
                if name not in SECRET_FIELDS and values and values[0].strip()}


def read_form(request):
    cached = getattr(request, "_lantern_form", None)
    if cached is not None:
        return cached
    body = request.raw_body or b""
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    form = Form(parse_qs(text, keep_blank_values=True))
    request._lantern_form = form
    return form


def query(request, name, default=""):
    params = request.query_params or {}
    return (params.get(name) or default).strip()


def csrf_token(visitor):
    return signing.timed_serializer(CSRF_SALT).dumps(visitor.csrf_binding)


class LazyCsrfToken:
    """The token a page's forms carry, made only when a template prints it.

    A read page without a form then binds nothing and sets no cookie, so a shared cache
    may keep it (web.caching); a page with a form gets the token and stays private.
    """

    def __init__(self, visitor):
        self.visitor = visitor
        self.value = None

    def __str__(self):
        if self.value is None:
            self.value = csrf_token(self.visitor)
        return self.value

    def __html__(self):  # Jinja's autoescape asks for this; the token is URL-safe text
        return str(self)


def csrf_is_valid(request):
    visitor = sessions.load_visitor(request)
    token = read_form(request).get("csrf_token")
    if not token:
        return False
    try:
        binding = signing.timed_serializer(CSRF_SALT).loads(token, max_age=CSRF_MAX_AGE)
    except signing.BadSignature:
        return False
    return binding == visitor.csrf_binding
