"""The one Jinja2 environment, shared by pages and emails (autoescape on)."""
import os
from functools import lru_cache

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, select_autoescape

from chalicelib.core import config, timefmt

# In the Lambda zip vendor/templates and vendor/static sit by chalicelib (docs/pitfalls.md #1).
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATES_DIR = os.path.join(PACKAGE_ROOT, "templates")
STATIC_DIR = os.path.join(PACKAGE_ROOT, "static")
# Templates compiled before deploying (``compile_templates``); git ignores it.
COMPILED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compiled_templates")


class ShippedBytecode(FileSystemBytecodeCache):
    """Jinja's compiled templates, made once at deploy and read on a cold start.

    Compiling the thread page's templates costs a cold Lambda more than importing Jinja
    itself. Entries are keyed by template name only (the build machine's paths differ from
    Lambda's); Jinja checks each entry against the source's checksum and its Python version,
    so a stale or foreign entry is simply compiled again. The function's code is read-only:
    only ``compile_templates`` writes.
    """

    def __init__(self, writable=False):
        super().__init__(COMPILED_DIR)
        self.writable = writable

    def get_cache_key(self, name, filename=None):
        return super().get_cache_key(name)

    def dump_bytecode(self, bucket):
        if self.writable:
            super().dump_bytecode(bucket)


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
def environment(bytecode_cache=None):
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        bytecode_cache=bytecode_cache or ShippedBytecode(),
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


def compile_templates():
    """Compile every template into COMPILED_DIR (the deploy and the cold-start bench call it).

    :return: how many templates were compiled.
    """
    os.makedirs(COMPILED_DIR, exist_ok=True)
    env = environment.__wrapped__(ShippedBytecode(writable=True))
    names = env.list_templates()
    for name in names:
        env.get_template(name)
    return len(names)
