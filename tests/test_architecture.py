"""Every import in chalicelib/ and app.py follows the dependency order, and none closes a circle.

The order is chalicelib/layers.py (drawn in docs/architecture.md). Imports are read from
the source with ``ast``, so one inside a function counts the same as one at the top.
Run this file as a script to print every import that goes against the order.
"""
import ast
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from chalicelib import layers  # noqa: E402


def source_modules():
    """{module name: file path} for app.py and every module under chalicelib/."""
    modules = {"app": os.path.join(ROOT, "app.py")}
    for folder, _, files in os.walk(os.path.join(ROOT, "chalicelib")):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                parts = os.path.relpath(path, ROOT)[:-3].split(os.sep)
                if parts[-1] == "__init__":
                    parts.pop()
                modules[".".join(parts)] = path
    return modules


def _absolute(module_name, is_package, node):
    if not node.level:
        return node.module
    base = module_name.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module_name, path, known):
    """[(imported module, line)] for every import statement in the file, at any depth."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    is_package = path.endswith("__init__.py")
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module_name, is_package, node)
            # `from chalicelib import features` imports the module chalicelib.features.
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.append((submodule if submodule in known else source, node.lineno))
    return found


def import_graph():
    """{importer: [(imported module, line)]}, keeping only Lantern's own modules and ops."""
    modules = source_modules()
    graph = {}
    for name, path in modules.items():
        graph[name] = [(target, line) for target, line in imports_of(name, path, modules)
                       if target in modules or target.split(".")[0] in ("ops", "chalicelib")]
    return graph


def against_the_order(graph):
    """[(importer, imported, line, why)] for every import that climbs or crosses a step."""
    wrong = []
    for importer, targets in graph.items():
        low = layers.package_of(importer)
        for target, line in targets:
            if target.split(".")[0] == "ops":
                wrong.append((importer, target, line, "chalicelib never imports ops"))
                continue
            high = layers.package_of(target)
            if low is None or high is None or low == high:
                continue
            if layers.step_of(high) > layers.step_of(low):
                wrong.append((importer, target, line, f"{low} imports {high}, which is above it"))
            elif layers.step_of(high) == layers.step_of(low):
                wrong.append((importer, target, line, f"{low} imports its sibling {high}"))
    return wrong


def circles(graph):
    """Every strongly connected group of two or more modules (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target, _ in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or any(target == node for target, _ in graph[node]):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def describe(wrong):
    lines = [f"{importer} -> {target} (line {line}): {why}"
             for importer, target, line, why in sorted(wrong)]
    pairs = {(layers.package_of(importer) or importer, layers.package_of(target) or target)
             for importer, target, _, _ in wrong}
    statements = {(importer, line) for importer, _, line, _ in wrong}
    lines.append(f"{len(statements)} import statements ({len(wrong)} modules imported) against "
                 f"the order, between {len(pairs)} package pairs: {sorted(pairs)}")
    return "\n".join(lines)


def test_the_order_names_every_package_once():
    named = [package for step in layers.STEPS for package in step]
    assert len(named) == len(set(named))
    packages = {entry.name for entry in os.scandir(os.path.join(ROOT, "chalicelib"))
                if entry.is_dir() and not entry.name.startswith("__")}
    assert packages <= set(named), f"add {sorted(packages - set(named))} to chalicelib/layers.py"


def test_docs_draw_the_order_as_it_is():
    with open(os.path.join(ROOT, "docs", "architecture.md"), encoding="utf-8") as handle:
        assert layers.diagram() in handle.read(), (
            "docs/architecture.md's diagram differs from chalicelib/layers.py")


def test_every_import_follows_the_order():
    wrong = against_the_order(import_graph())
    assert not wrong, describe(wrong)


def test_no_import_circles():
    found = circles(import_graph())
    assert not found, "\n".join(" <-> ".join(group) for group in found)


def test_the_checker_sees_function_level_and_package_imports(tmp_path):
    source = tmp_path / "views.py"
    source.write_text("from chalicelib import features\n"
                      "def view():\n    from chalicelib.care import unanswered\n"
                      "    import chalicelib.moderation.blocks\n")
    known = {"chalicelib.features", "chalicelib.care.unanswered"}
    assert [target for target, _ in imports_of("chalicelib.forum.views", str(source), known)] \
        == ["chalicelib.features", "chalicelib.care.unanswered", "chalicelib.moderation.blocks"]
    graph = {"chalicelib.forum.views": [("chalicelib.care.unanswered", 3)],
             "chalicelib.care.unanswered": [("chalicelib.forum.views", 9)]}
    assert [entry[:2] for entry in against_the_order(graph)] == [
        ("chalicelib.forum.views", "chalicelib.care.unanswered")]
    assert circles(graph) == [["chalicelib.care.unanswered", "chalicelib.forum.views"]]


def test_nothing_in_chalicelib_imports_ops():
    graph = {"chalicelib.web.routing": [("ops.devtools", 1)]}
    assert against_the_order(graph)[0][3] == "chalicelib never imports ops"


if __name__ == "__main__":
    graph = import_graph()
    print(describe(against_the_order(graph)))
    for group in circles(graph):
        print("circle:", " <-> ".join(group))
