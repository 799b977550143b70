"""Templates compiled at deploy are what a cold start reads (bench/coldstart.py)."""
from jinja2 import Environment

from chalicelib.platform import rendering


def test_a_cold_start_reads_compiled_templates_and_never_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(rendering, "COMPILED_DIR", str(tmp_path))
    count = rendering.compile_templates()
    assert count == len(list(tmp_path.iterdir())) > 50

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again on a cold start")

    monkeypatch.setattr(Environment, "compile", no_compiling)
    cold = rendering.environment.__wrapped__()
    assert "<h1" in cold.get_template("errors/plain.html").render(
        error=type("E", (), {"title": "t", "message": "m", "status": 500})(), kept={})
    cold.get_template("forum/thread.html")


def test_a_changed_template_is_compiled_again_not_served_stale(tmp_path, monkeypatch):
    monkeypatch.setattr(rendering, "COMPILED_DIR", str(tmp_path))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("old")
    monkeypatch.setattr(rendering, "TEMPLATES_DIR", str(templates))
    monkeypatch.setattr(rendering, "COMPILED_DIR", str(tmp_path / "compiled"))
    rendering.compile_templates()
    (templates / "page.html").write_text("new")
    assert rendering.environment.__wrapped__().get_template("page.html").render() == "new"
    assert not rendering.ShippedBytecode().writable  # Lambda's code directory is read-only
