"""Operator tooling for deployed stages: infra template, stack, secret, code, smoke check.

Never imported by app.py: nothing here runs in Lambda.
"""
