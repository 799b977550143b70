"""The HTTP API CloudFront calls: the same web function as the REST API, at $1.00 per
million requests instead of $3.50 (docs/cost.md).

`chalice deploy` makes only a REST API; this step makes, next to it, an API Gateway HTTP API
named after the stage, with one route per line of chalicelib/route_table.py (route key
``GET /t/{thread_id}``) and a ``$default`` route, all to one Lambda proxy integration of
``api_handler`` with **payload format 1.0**: the REST-shaped event Chalice dispatches on
(``requestContext.resourcePath`` is the route's template). An address no route has takes
``$default``, which hands over the path as asked; the app answers it with its 404 page
(chalicelib/web/routing.py, docs/pitfalls.md #30). The stage is named like the REST API's
(``api``) and deploys itself, so links (``LANTERN_BASE_PATH=/api``) and CloudFront's two
origins stay as they were. Its throttling is the stage's ``api_gateway_throttling``.

Idempotent: the API is found by name, routes follow the table both ways, and the rest
changes only where it differs.
"""
import json
from urllib.parse import urlsplit

PAYLOAD_FORMAT = "1.0"
DEFAULT_ROUTE = "$default"
# AWS's default quota of routes per HTTP API (Service Quotas can raise it).
ROUTES_PER_API = 300
STATEMENT_ID = "lantern-http-api"


def api_name(stage):
    return f"lantern-{stage}"


def route_keys(routes):
    """Every ``METHOD /path`` of the route table, and ``$default``."""
    return {f"{method} {path}" for methods, path, _ in routes for method in methods} | {
        DEFAULT_ROUTE}


def _all(call, key, **kwargs):
    items, token = [], None
    while True:
        page = call(**kwargs, **({"NextToken": token} if token else {}))
        items += page.get(key, [])
        token = page.get("NextToken")
        if not token:
            return items


def find_api(client, name):
    return next((api for api in _all(client.get_apis, "Items")
                 if api["Name"] == name and api["ProtocolType"] == "HTTP"), None)


def ensure_api(client, name, say):
    api = find_api(client, name)
    if api is None:
        api = client.create_api(Name=name, ProtocolType="HTTP",
                                Description="Lantern: CloudFront's origin (ops/deploy/httpapi.py)")
        say(f"HTTP API {name} created: {api['ApiEndpoint']}")
    return api


def ensure_integration(client, api_id, function_arn, say):
    """The one Lambda proxy integration (payload 1.0) of ``function_arn``; its id."""
    wanted = {"IntegrationType": "AWS_PROXY", "IntegrationUri": function_arn,
              "PayloadFormatVersion": PAYLOAD_FORMAT}
    for integration in _all(client.get_integrations, "Items", ApiId=api_id):
        if integration.get("IntegrationUri") == function_arn:
            if any(integration.get(key) != value for key, value in wanted.items()):
                client.update_integration(ApiId=api_id,
                                          IntegrationId=integration["IntegrationId"], **wanted)
                say(f"integration set to payload format {PAYLOAD_FORMAT}")
            return integration["IntegrationId"]
    created = client.create_integration(ApiId=api_id, IntegrationMethod="POST", **wanted)
    say(f"integration of {function_arn.rpartition(':')[2]} (payload format {PAYLOAD_FORMAT})")
    return created["IntegrationId"]


def sync_routes(client, api_id, keys, integration_id, say):
    """Routes added, retargeted and removed to match ``keys``.

    :return: (added, removed) route keys.
    """
    target = f"integrations/{integration_id}"
    current = {route["RouteKey"]: route for route in _all(client.get_routes, "Items",
                                                           ApiId=api_id)}
    removed = sorted(set(current) - keys)
    for key in removed:
        client.delete_route(ApiId=api_id, RouteId=current[key]["RouteId"])
    added = sorted(keys - set(current))
    for key in added:
        client.create_route(ApiId=api_id, RouteKey=key, Target=target)
    for key in sorted(keys & set(current)):
        if current[key].get("Target") != target:
            client.update_route(ApiId=api_id, RouteId=current[key]["RouteId"], Target=target)
            added.append(key)
    say(f"routes: {len(keys)} ({len(added)} added or changed, {len(removed)} removed)"
        if added or removed else f"routes: {len(keys)}, already as the route table says")
    return added, removed


def ensure_stage(client, api_id, stage_name, rate, burst, say):
    """The auto-deployed stage, throttled to ``rate`` requests per second, ``burst`` at once.

    :return: True when the stage was made or changed.
    """
    throttling = {"ThrottlingRateLimit": rate, "ThrottlingBurstLimit": burst}
    try:
        stage = client.get_stage(ApiId=api_id, StageName=stage_name)
    except client.exceptions.NotFoundException:
        client.create_stage(ApiId=api_id, StageName=stage_name, AutoDeploy=True,
                            DefaultRouteSettings=throttling)
        say(f"stage {stage_name}: deploys itself; {rate:g} requests/s, bursts of {burst}")
        return True
    settings = stage.get("DefaultRouteSettings", {})
    if stage.get("AutoDeploy") and all(settings.get(key) == value
                                       for key, value in throttling.items()):
        say(f"stage {stage_name} already deploys itself; {rate:g} requests/s, "
            f"bursts of {burst}")
        return False
    client.update_stage(ApiId=api_id, StageName=stage_name, AutoDeploy=True,
                        DefaultRouteSettings={**settings, **throttling})
    say(f"stage {stage_name}: {rate:g} requests/s, bursts of {burst} (api_gateway_throttling "
        f"in .chalice/config.json)")
    return True


def source_arn(api_id, function_arn):
    """Every route of every stage of the API (the function's region and account)."""
    _, partition, _, region, account = function_arn.split(":")[:5]
    return f"arn:{partition}:execute-api:{region}:{account}:{api_id}/*"


def allow_invoke(lambda_client, function_arn, api_id, say):
    """Let the HTTP API invoke the function, once. :return: True when the permission was added."""
    wanted = source_arn(api_id, function_arn)
    try:
        policy = json.loads(lambda_client.get_policy(FunctionName=function_arn)["Policy"])
    except lambda_client.exceptions.ResourceNotFoundException:
        policy = {"Statement": []}
    statement = next((s for s in policy["Statement"] if s.get("Sid") == STATEMENT_ID), None)
    if statement and wanted in str(statement.get("Condition")):
        return False
    if statement:  # a former HTTP API of the stage
        lambda_client.remove_permission(FunctionName=function_arn, StatementId=STATEMENT_ID)
    lambda_client.add_permission(FunctionName=function_arn, StatementId=STATEMENT_ID,
                                 Action="lambda:InvokeFunction",
                                 Principal="apigateway.amazonaws.com", SourceArn=wanted)
    say(f"the HTTP API may invoke {function_arn.rpartition(':')[2]}")
    return True


def domain(api):
    """The API's host, CloudFront's origin: ``abc123.execute-api.eu-west-1.amazonaws.com``."""
    return urlsplit(api["ApiEndpoint"]).hostname


def delete(client, name, say):
    api = find_api(client, name)
    if api is not None:
        client.delete_api(ApiId=api["ApiId"])
        say(f"HTTP API {name} removed")
