"""CloudFront in front of the HTTP API: anonymous reading served from the edge.

The distribution is in the stack, made once the HTTP API exists (its domain is the
``ApiDomainName`` parameter, empty on the very first stack run). Its origin is the HTTP API
(ops/deploy/httpapi.py, $1.00 per million requests), not the REST API `chalice deploy`
makes ($3.50): every view CloudFront cannot answer itself, every member's view among them,
pays that price (docs/cost.md). The REST API stays as the function's direct address, unused
by the site's links. What it may keep is the
app's decision (chalicelib/web/caching.py): anonymous pages, feeds and static files say
``public``; every member's page and every answer to a form says ``private, no-store``, which
CloudFront never stores (the policy's minimum TTL is 0). The session cookie is part of the
cache key besides, so a member's request can never be answered with another's copy; every
cookie, header and query string still reaches the function (AWS's managed
AllViewerExceptHostHeader policy: API Gateway needs its own Host).

Two ways in: ``/api/*`` goes to the API with the stage in the path, as the links of a stage
without a custom domain are written (``LANTERN_BASE_PATH=/api``); everything else goes to the
stage itself (``OriginPath: /api``), so a custom domain attached here has no ``/api`` prefix
(``LANTERN_BASE_PATH`` empty). Both work because the HTTP API's stage is named ``api`` like
the REST API's, rather than ``$default`` (which would serve at the root and break the first
way). The HTTP API does not compress; CloudFront does (``Compress: true``, with gzip and
Brotli in the cache key: docs/pitfalls.md #28). The domain and its ACM certificate (in us-east-1, as CloudFront
asks) come from the stage's ``lantern_cdn`` in `.chalice/config.json`.
"""
from urllib.parse import urlsplit

from botocore.exceptions import ClientError

DISTRIBUTION = "SiteDistribution"
CACHE_POLICY = "PageCachePolicy"
# Static files are the same for everyone: keyed on the URL alone (its ?v= content hash
# included), and no cookie reaches the function, so a member's stylesheet costs no session read.
STATIC_CACHE_POLICY = "StaticCachePolicy"
# The cookie that makes a request a member's (chalicelib.platform.site_cookies, deployed stages).
SESSION_COOKIE = "__Host-lantern_session"
# AWS managed origin request policy "AllViewerExceptHostHeader".
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
STAGE_PATH = "/api"
ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]

PARAMETERS = {
    "ApiDomainName": {"Type": "String", "Default": "",
                      "Description": "The HTTP API's host; empty until it exists"},
    "SiteDomainName": {"Type": "String", "Default": "",
                       "Description": "A custom domain for the site (lantern_cdn)"},
    "SiteCertificateArn": {"Type": "String", "Default": "",
                           "Description": "Its ACM certificate, in us-east-1"},
}
CONDITIONS = {
    "HasApi": {"Fn::Not": [{"Fn::Equals": [{"Ref": "ApiDomainName"}, ""]}]},
    # Keyed on the certificate: a domain is served only with its certificate.
    "HasSiteDomain": {"Fn::Not": [{"Fn::Equals": [{"Ref": "SiteCertificateArn"}, ""]}]},
}


def _origin(origin_id, path):
    return {"Id": origin_id, "DomainName": {"Ref": "ApiDomainName"}, "OriginPath": path,
            "CustomOriginConfig": {"OriginProtocolPolicy": "https-only",
                                   "OriginSSLProtocols": ["TLSv1.2"]}}


def _behaviour(origin_id, path_pattern=None):
    behaviour = {"TargetOriginId": origin_id, "ViewerProtocolPolicy": "redirect-to-https",
                 "AllowedMethods": ALL_METHODS, "CachedMethods": ["GET", "HEAD"],
                 "Compress": True, "CachePolicyId": {"Ref": CACHE_POLICY},
                 "OriginRequestPolicyId": ALL_VIEWER_EXCEPT_HOST}
    if path_pattern:
        behaviour["PathPattern"] = path_pattern
    return behaviour


def _static_behaviour(origin_id, path_pattern):
    return {"PathPattern": path_pattern, "TargetOriginId": origin_id,
            "ViewerProtocolPolicy": "redirect-to-https", "AllowedMethods": ["GET", "HEAD"],
            "CachedMethods": ["GET", "HEAD"], "Compress": True,
            "CachePolicyId": {"Ref": STATIC_CACHE_POLICY}}


def _cache_policy(name, comment, cookies):
    return {"Type": "AWS::CloudFront::CachePolicy", "Condition": "HasApi", "Properties": {
        "CachePolicyConfig": {
            "Name": {"Fn::Sub": "${TablePrefix}" + name}, "Comment": comment,
            "MinTTL": 0, "DefaultTTL": 0, "MaxTTL": 31536000,
            "ParametersInCacheKeyAndForwardedToOrigin": {
                "CookiesConfig": cookies,
                "HeadersConfig": {"HeaderBehavior": "none"},
                "QueryStringsConfig": {"QueryStringBehavior": "all"},
                "EnableAcceptEncodingGzip": True,
                "EnableAcceptEncodingBrotli": True}}}}


def cdn_resources():
    distribution = {
        "Enabled": True, "Comment": {"Fn::Sub": "${TablePrefix}site"},
        "HttpVersion": "http2and3", "IPV6Enabled": True, "PriceClass": "PriceClass_100",
        "Origins": [_origin("stage", STAGE_PATH), _origin("api", "")],
        "DefaultCacheBehavior": _behaviour("stage"),
        # The most specific patterns first: CloudFront takes the first that matches.
        "CacheBehaviors": [_static_behaviour("api", STAGE_PATH + "/static/*"),
                           _static_behaviour("stage", "/static/*"),
                           _behaviour("api", STAGE_PATH + "/*")],
        "Aliases": {"Fn::If": ["HasSiteDomain", [{"Ref": "SiteDomainName"}],
                               {"Ref": "AWS::NoValue"}]},
        "ViewerCertificate": {"Fn::If": [
            "HasSiteDomain",
            {"AcmCertificateArn": {"Ref": "SiteCertificateArn"}, "SslSupportMethod": "sni-only",
             "MinimumProtocolVersion": "TLSv1.2_2021"},
            {"CloudFrontDefaultCertificate": True}]},
    }
    return {
        CACHE_POLICY: _cache_policy(
            "pages", "Lantern: the app's Cache-Control decides; members never share",
            {"CookieBehavior": "whitelist", "Cookies": [SESSION_COOKIE]}),
        STATIC_CACHE_POLICY: _cache_policy(
            "static", "Lantern: static files, the same for everyone", {"CookieBehavior": "none"}),
        DISTRIBUTION: {"Type": "AWS::CloudFront::Distribution", "Condition": "HasApi",
                       "Properties": {"DistributionConfig": distribution}},
    }


def outputs():
    return {"SiteDistributionDomain": {"Condition": "HasApi", "Value": {
        "Fn::GetAtt": [DISTRIBUTION, "DomainName"]}}}


def api_domain(api_url):
    """``https://abc.execute-api.eu-west-1.amazonaws.com/api/`` -> its host."""
    return urlsplit(api_url).hostname if api_url else ""


def parameters(stage_config, api_domain_name):
    """The stack parameters of the CDN for a stage's config and the API's host."""
    custom = stage_config.get("lantern_cdn", {})
    return {"ApiDomainName": api_domain_name,
            "SiteDomainName": custom.get("domain_name", ""),
            "SiteCertificateArn": custom.get("certificate_arn", "")}


def current_api_domain(cfn, stack_name):
    """The API host the stack was last given ('' when none, or no stack yet), so the data
    step of a later deploy keeps the distribution as it is."""
    try:
        stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    except ClientError as error:
        if "does not exist" in str(error):
            return ""
        raise
    return next((parameter["ParameterValue"] for parameter in stack.get("Parameters", [])
                 if parameter["ParameterKey"] == "ApiDomainName"), "")


def describe(cloudfront, outputs):
    """Where the distribution answers, from the stack's physical ids."""
    distribution_id = outputs.get(DISTRIBUTION)
    if not distribution_id:
        # moto's CloudFormation makes no CloudFront resources (docs/pitfalls.md #29).
        return "no distribution in the stack's resources yet"
    found = cloudfront.get_distribution(Id=distribution_id)["Distribution"]
    return f"https://{found['DomainName']}/ (distribution {distribution_id}, {found['Status']})"
