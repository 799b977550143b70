"""After `chalice deploy`: the two APIs in front of the web function.

The REST API Chalice makes stays as the direct address: it gets calm pages for what API
Gateway answers itself, and the stage's throttling. The HTTP API, which CloudFront calls,
is made here from the route table (ops/deploy/gateway.py and httpapi.py do the AWS calls).
"""
from ops.deploy import code, gateway, httpapi, stages
from ops.deploy.steps import client


def guard_rest_api(stage, deployed, project_dir, say):
    """Calm pages with security headers for what API Gateway answers itself, and the
    stage's throttling (docs/pitfalls.md #14)."""
    from types import SimpleNamespace

    from chalicelib.platform.rendering import absolute_url
    from chalicelib.web.security import security_headers

    [api] = code.resources_of(deployed, "rest_api")
    stage_name = stages.chalice_config(project_dir)["stages"][stage]["api_gateway_stage"]
    apigateway = client("apigateway")
    headers = security_headers(SimpleNamespace(path="/", method="GET"), None)
    gateway.configure_responses(apigateway, api["rest_api_id"], stage_name, headers,
                                absolute_url("/"), say)
    rate, burst = gateway.throttling(stage, project_dir)
    gateway.configure_throttling(apigateway, api["rest_api_id"], stage_name, rate, burst, say)


def serve_http_api(stage, deployed, project_dir, say):
    """The HTTP API CloudFront calls, in front of the web function (ops/deploy/httpapi.py).

    :return: its URL with the stage (``https://abc.execute-api.<region>.amazonaws.com/api/``).
    """
    from chalicelib.route_table import ROUTES

    [function] = [resource for resource in code.resources_of(deployed, "lambda_function")
                  if resource["name"] == "api_handler"]
    stage_name = stages.chalice_config(project_dir)["stages"][stage]["api_gateway_stage"]
    api_client = client("apigatewayv2")
    api = httpapi.ensure_api(api_client, httpapi.api_name(stage), say)
    integration = httpapi.ensure_integration(api_client, api["ApiId"], function["lambda_arn"],
                                             say)
    httpapi.sync_routes(api_client, api["ApiId"], httpapi.route_keys(ROUTES), integration, say)
    rate, burst = gateway.throttling(stage, project_dir)
    httpapi.ensure_stage(api_client, api["ApiId"], stage_name, rate, burst, say)
    httpapi.allow_invoke(client("lambda"), function["lambda_arn"], api["ApiId"], say)
    return f"{api['ApiEndpoint']}/{stage_name}/"
