"""The HTTP API step on its own (ops/deploy/httpapi.py), against moto: routes follow the
route table both ways, the integration keeps payload format 1.0, and the stage, the Lambda
permission and the API itself are made once."""
import boto3

from ops.deploy import httpapi

FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:lantern-steps"
TABLE = [(("GET",), "/", "x:home"), (("GET",), "/t/{thread_id}", "x:thread"),
         (("GET", "POST"), "/login", "x:login")]


def test_route_keys_are_the_table_and_default():
    assert httpapi.route_keys(TABLE) == {"GET /", "GET /t/{thread_id}", "GET /login",
                                         "POST /login", "$default"}


def test_the_route_table_fits_an_http_api():
    """AWS allows 300 routes per HTTP API unless a quota increase is asked for; moto has no
    such limit, so a growing route table would first fail in a real deploy."""
    from chalicelib.route_table import ROUTES

    assert len(httpapi.route_keys(ROUTES)) <= httpapi.ROUTES_PER_API


def test_routes_are_added_and_removed_to_match_the_table():
    client = boto3.client("apigatewayv2", region_name="eu-west-1")
    said = []
    api = httpapi.ensure_api(client, "lantern-steps", said.append)
    assert httpapi.ensure_api(client, "lantern-steps", said.append)["ApiId"] == api["ApiId"]
    integration = httpapi.ensure_integration(client, api["ApiId"], FUNCTION_ARN, said.append)
    assert httpapi.ensure_integration(client, api["ApiId"], FUNCTION_ARN,
                                      said.append) == integration
    keys = httpapi.route_keys(TABLE)
    assert httpapi.sync_routes(client, api["ApiId"], keys, integration, said.append) == (
        sorted(keys), [])
    assert httpapi.sync_routes(client, api["ApiId"], keys, integration, said.append) == ([], [])

    smaller = httpapi.route_keys(TABLE[:2]) | {"GET /about"}
    added, removed = httpapi.sync_routes(client, api["ApiId"], smaller, integration,
                                         said.append)
    assert (added, removed) == (["GET /about"], ["GET /login", "POST /login"])
    routes = client.get_routes(ApiId=api["ApiId"])["Items"]
    assert {route["RouteKey"] for route in routes} == smaller
    assert {route["Target"] for route in routes} == {f"integrations/{integration}"}
    [made] = client.get_integrations(ApiId=api["ApiId"])["Items"]
    assert (made["PayloadFormatVersion"], made["IntegrationUri"]) == ("1.0", FUNCTION_ARN)


def test_the_stage_deploys_itself_throttled_and_is_made_once():
    client = boto3.client("apigatewayv2", region_name="eu-west-1")
    api = httpapi.ensure_api(client, "lantern-steps", print)
    assert httpapi.ensure_stage(client, api["ApiId"], "api", 10.0, 20, print)
    assert not httpapi.ensure_stage(client, api["ApiId"], "api", 10.0, 20, print)
    settings = client.get_stage(ApiId=api["ApiId"], StageName="api")["DefaultRouteSettings"]
    assert (settings["ThrottlingRateLimit"], settings["ThrottlingBurstLimit"]) == (10.0, 20)


def test_the_function_lets_this_api_invoke_it_once():
    iam = boto3.client("iam", region_name="eu-west-1")
    role = iam.create_role(RoleName="steps", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    lambda_client = boto3.client("lambda", region_name="eu-west-1")
    function = lambda_client.create_function(
        FunctionName="lantern-steps", Runtime="python3.13", Role=role, Handler="app.app",
        Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18})["FunctionArn"]
    said = []
    assert httpapi.allow_invoke(lambda_client, function, "abc123", said.append)
    assert not httpapi.allow_invoke(lambda_client, function, "abc123", said.append)
    assert httpapi.allow_invoke(lambda_client, function, "def456", said.append)  # a new API
    policy = lambda_client.get_policy(FunctionName=function)["Policy"]
    assert "def456/*" in policy and "abc123" not in policy
    assert httpapi.domain({"ApiEndpoint": "https://abc123.execute-api.eu-west-1.amazonaws.com"}
                          ) == "abc123.execute-api.eu-west-1.amazonaws.com"


def test_a_changed_throttle_updates_the_stage():
    """moto has no apigatewayv2 UpdateStage (docs/pitfalls.md #30): a stand-in client."""
    class Client:
        exceptions = boto3.client("apigatewayv2", region_name="eu-west-1").exceptions
        updated = []

        def get_stage(self, **kwargs):
            return {"AutoDeploy": True, "DefaultRouteSettings": {
                "DetailedMetricsEnabled": False, "ThrottlingRateLimit": 10.0,
                "ThrottlingBurstLimit": 20}}

        def update_stage(self, **kwargs):
            self.updated.append(kwargs)

    client = Client()
    assert httpapi.ensure_stage(client, "abc123", "api", 50.0, 100, print)
    assert client.updated == [{"ApiId": "abc123", "StageName": "api", "AutoDeploy": True,
                               "DefaultRouteSettings": {"DetailedMetricsEnabled": False,
                                                        "ThrottlingRateLimit": 50.0,
                                                        "ThrottlingBurstLimit": 100}}]
