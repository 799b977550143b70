"""Hooks: a lower package names a point where higher packages may act, and they register.

This is how Lantern keeps one direction between packages (docs/architecture.md): the forum
declares ``may_post``, moderation registers its suspension check into it, and the forum
never imports moderation. Handlers are registered as ``"module:function"`` strings and
imported on first use, so wiring every feature at start-up imports nothing heavy and a
cold Lambda still loads only the feature it serves.
"""
import importlib


def resolve(target):
    """The callable named by ``"package.module:function"`` (or ``target`` itself)."""
    if callable(target):
        return target
    module_name, _, function_name = target.partition(":")
    return getattr(importlib.import_module(module_name), function_name)


class Hook:
    """A named point with an ordered list of handlers; registering twice is harmless."""

    def __init__(self, name):
        self.name = name
        self.targets = []

    def register(self, target):
        if target not in self.targets:
            self.targets.append(target)
        return target

    def handlers(self):
        return [resolve(target) for target in self.targets]

    def call_all(self, *args, **kwargs):
        """Call every handler in registration order; their results, in that order."""
        return [handler(*args, **kwargs) for handler in self.handlers()]

    def __repr__(self):
        return f"Hook({self.name!r}, {len(self.targets)} handlers)"
