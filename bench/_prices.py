"""List prices and the traffic assumptions of bench/cost.py, and docs/cost.md's text.

Prices: AWS's public on-demand list prices, us-east-1, x86 Lambda, API Gateway's first tier
(HTTP API, which CloudFront calls; the REST API for comparison), DynamoDB on demand (after
November 2024's cut), CloudFront's US/Europe HTTPS requests.
Free tiers are left out: they flatter small sites and say nothing about a million views.
"""
LAMBDA_GB_SECOND = 0.0000166667
LAMBDA_REQUEST = 0.20 / 1e6
# https://aws.amazon.com/api-gateway/pricing/ : HTTP APIs $1.00 per million requests for the
# first 300 million a month (metered in 512 KB steps: every Lantern page is far below), REST
# APIs $3.50 per million for the first 333 million.
HTTP_API_REQUEST = 1.00 / 1e6
REST_API_REQUEST = 3.50 / 1e6
READ_UNIT = 0.125 / 1e6
WRITE_UNIT = 0.625 / 1e6
CLOUDFRONT_REQUEST = 0.0100 / 1e4
TRANSFER_GB = 0.09  # to the internet, from API Gateway; CloudFront's first tier is 0.085

# Lambda gives a function CPU in proportion to its memory: one full vCPU at 1,769 MB. What
# was measured on one core of this machine is scaled up to the configured memory's share.
FULL_VCPU_MB = 1769
# A DynamoDB request inside the region, as the function waits for it (moto's time is not it).
DYNAMODB_MS = 5.0

# Traffic: which share of page views are members' (never cached) and how many anonymous
# views the CDN answers itself. A minute's max-age plus stale-while-revalidate means a page
# goes to the origin at most about once a minute per edge location while it is being read.
MEMBER_SHARE = 0.20
CACHE_HIT_RATIO = 0.95
TARGET = 2.00


def origin_dollars(page, api_request=HTTP_API_REQUEST):
    """What one page view costs when the API answers it (no transfer); ``api_request`` is
    what API Gateway charges for it (the HTTP API's price, or ``REST_API_REQUEST``)."""
    duration = page["lambda_ms"] / 1000 * page["memory_mb"] / 1024 * LAMBDA_GB_SECOND
    return (api_request + LAMBDA_REQUEST + duration + page["read_units"] * READ_UNIT
            + page.get("write_units", 0) * WRITE_UNIT)


def blended(anonymous, member, hit_ratio=CACHE_HIT_RATIO, member_share=MEMBER_SHARE,
            cdn=True):
    """Dollars per million page views, given the mean origin cost of each kind of view."""
    anonymous_share = 1 - member_share
    if not cdn:
        return 1e6 * (anonymous_share * anonymous + member_share * member)
    to_origin = anonymous_share * (1 - hit_ratio) * anonymous + member_share * member
    return 1e6 * (CLOUDFRONT_REQUEST + to_origin)


def table(rows, headers):
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
