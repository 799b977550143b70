"""What the REST API answers by itself, and how much it lets through (docs/pitfalls.md #14).

The REST API `chalice deploy` makes is the function's direct address; the site is served
through the HTTP API behind CloudFront (ops/deploy/httpapi.py, which takes its throttling
from ``throttling`` here too).

A path no route matches never reaches the app: API Gateway answers
`403 {"message": "Missing Authentication Token"}` without the site's headers. Its gateway
responses are changed here after `chalice deploy`: that one becomes a calm 404 page, and
every other error API Gateway makes itself (DEFAULT_4XX: a refused or malformed request,
throttling; DEFAULT_5XX: the function timed out or failed) a calm page with the same
security headers as the app's pages. Only responses that differ are put, then the stage is
redeployed once, so a second deploy changes nothing.

The stage's throttling (`api_gateway_throttling` in the stage of `.chalice/config.json`)
bounds what a flood costs: requests per second, and the burst above it.
"""
from html import escape

from ops.deploy import stages

PAGES = {
    # response type: (status code, or None to keep API Gateway's own; title; message)
    "MISSING_AUTHENTICATION_TOKEN": (
        "404", "Page not found", "We could not find that page. It may have been moved or "
                                 "removed."),
    "DEFAULT_4XX": (
        None, "That request could not be answered", "Please go back and try again in a "
                                                    "moment."),
    "DEFAULT_5XX": (
        None, "Lantern is busy", "Lantern could not answer just now. If you were writing, "
                                 "go back: your text is still in the form. Please try again "
                                 "in a moment."),
}


def page_html(title, message, home):
    """A small page without the layout (API Gateway serves it without calling the app).

    The body is a Velocity template: it carries no ``$`` and no ``#``.
    """
    html = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{escape(title)} · Lantern'
            f'</title></head><body><main><h1>{escape(title)}</h1><p>{escape(message)}</p>'
            f'<p><a href="{escape(home)}">Go to Lantern\'s home page</a></p></main></body>'
            f'</html>')
    assert "$" not in html and "#" not in html, "a Velocity directive in a gateway page"
    return html


def header_parameters(headers):
    """Static header values are quoted in single quotes (inner quotes stay as they are)."""
    return {f"gatewayresponse.header.{name}": f"'{value}'" for name, value in headers.items()}


def wanted_responses(headers, home):
    """{response type: put_gateway_response arguments} for the three responses."""
    parameters = header_parameters({**headers, "Content-Type": "text/html; charset=utf-8",
                                    "Cache-Control": "no-store"})
    wanted = {}
    for response_type, (status, title, message) in PAGES.items():
        html = page_html(title, message, home)
        settings = {"responseType": response_type, "responseParameters": parameters,
                    "responseTemplates": {"text/html": html, "application/json": html}}
        if status:
            settings["statusCode"] = status
        wanted[response_type] = settings
    return wanted


def _differs(current, wanted):
    return any(current.get(key) != value for key, value in wanted.items())


def configure_responses(apigateway, rest_api_id, stage_name, headers, home, say):
    """Put the gateway responses that differ, then redeploy the stage once.

    :return: the response types changed.
    """
    changed = []
    for response_type, wanted in wanted_responses(headers, home).items():
        try:
            current = apigateway.get_gateway_response(restApiId=rest_api_id,
                                                      responseType=response_type)
        except apigateway.exceptions.NotFoundException:
            current = {}
        if _differs(current, wanted):
            apigateway.put_gateway_response(restApiId=rest_api_id, **wanted)
            changed.append(response_type)
    if changed:
        apigateway.create_deployment(restApiId=rest_api_id, stageName=stage_name,
                                     description="Lantern's gateway responses")
        say(f"gateway responses set: {', '.join(changed)} (calm pages, security headers)")
    else:
        say("gateway responses already set")
    return changed


def throttling(stage, project_dir=stages.PROJECT_ROOT):
    """(rate per second, burst) from the stage's ``api_gateway_throttling``."""
    settings = stages.chalice_config(project_dir)["stages"][stage]["api_gateway_throttling"]
    return float(settings["rate_limit"]), int(settings["burst_limit"])


def configure_throttling(apigateway, rest_api_id, stage_name, rate, burst, say):
    """Every method of the stage at most ``rate`` requests per second, ``burst`` at once.

    :return: True when the stage was changed.
    """
    current = apigateway.get_stage(restApiId=rest_api_id, stageName=stage_name).get(
        "methodSettings", {}).get("*/*", {})
    if (current.get("throttlingRateLimit"), current.get("throttlingBurstLimit")) == (
            rate, burst):
        say(f"throttling already {rate:g} requests/s, bursts of {burst}")
        return False
    apigateway.update_stage(restApiId=rest_api_id, stageName=stage_name, patchOperations=[
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": str(rate)},
        {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": str(burst)}])
    say(f"throttling: {rate:g} requests/s, bursts of {burst} (api_gateway_throttling in "
        f".chalice/config.json)")
    return True
