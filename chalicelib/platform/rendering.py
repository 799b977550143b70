"""The one Jinja2 environment, shared by pages and emails (autoescape on)."""
import os
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, select_autoescape

from chalicelib.core import config, timefmt

# In the Lambda zip vendor/templates and vendor/static sit by chalicelib (docs/pitfalls.md #1).
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATES_DIR = os.path.join(PACKAGE_ROOT, "templates")
STATIC_DIR = os.path.join(PACKAGE_ROOT, "static")


def url(path, **query):
    """Every link goes through here so the API Gateway stage prefix is never forgotten."""
    from urllib.parse import urlencode

    text = config.settings.base_path + path
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return text + ("?" + urlencode(query) if query else "")


def absolute_url(path, **query):
    """A link for emails and feeds, where only a full URL works."""
    return config.settings.site_url + url(path, **query)


@lru_cache(maxsize=1)
def environment():
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml", "j2"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(url=url, absolute_url=absolute_url, static=static_url,
                       settings=lambda: config.settings)
    env.filters.update(timefmt.FILTERS)
    return env


@lru_cache(maxsize=None)
def _static_version(name):
    import hashlib

    with open(os.path.join(STATIC_DIR, name), "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:10]


def static_url(name):
    """A cache-busting URL of a file in static/."""
    return url("/static/" + name, v=_static_version(name))


def render(template_name, **context):
    return environment().get_template(template_name).render(**context)
