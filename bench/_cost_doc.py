"""docs/cost.md from bench/cost.py's measurements, and its line in `make bench`."""
import _env
import _prices as prices

# How page views split between pages (stylesheet and favicon come from the browser's cache:
# their URLs carry a content hash and a year's max-age).
MIX = {"home": 0.20, "category": 0.15, "thread (20 posts)": 0.50, "unanswered": 0.05,
       "member profile": 0.05, "feed": 0.05}


def mean_cost(views, who, key="dollars"):
    return sum(share * views[(page, who)][key] for page, share in MIX.items())


def mean_of(views, who, key):
    return sum(share * views[(page, who)][key] for page, share in MIX.items())


def write(views, post, memory_mb, path):
    anonymous, member = mean_cost(views, "anonymous"), mean_cost(views, "member")
    without = prices.blended(anonymous, member, cdn=False)
    with_cdn = prices.blended(anonymous, member)
    # The same views through the REST API `chalice deploy` makes, for comparison.
    rest = (mean_cost(views, "anonymous", "rest_dollars"), mean_cost(views, "member",
                                                                      "rest_dollars"))
    rest_without, rest_with_cdn = prices.blended(*rest, cdn=False), prices.blended(*rest)
    transfer = mean_of(views, "anonymous", "gzip_kb") / 1024 / 1024 * prices.TRANSFER_GB * 1e6
    post_dollars = post["write_units"] * prices.WRITE_UNIT + post["read_units"] * prices.READ_UNIT
    rows = [(page, who, f"{view['own_ms']:.1f}", view["lambda_ms"], view["requests"],
             f"{view['read_units']:g}", f"{view['gzip_kb']:.1f}", view["cache"],
             f"{view['dollars'] * 1e6:.2f}")
            for (page, who), view in views.items()]
    # The members' share at which the CDN figure meets the target (costs are linear in it).
    at_zero = prices.blended(anonymous, member, member_share=0.0)
    slope = prices.blended(anonymous, member, member_share=1.0) - at_zero
    break_even = (prices.TARGET - at_zero) / slope if slope > 0 else 1.0
    holds = (f"while members' views are at most {max(break_even, 0):.0%} of all views"
             if break_even < 1 else "whatever share of the views are members'")
    sensitivity = [(f"{share:.0%}", *(f"{prices.blended(anonymous, member, ratio, share):.2f}"
                                      for ratio in (0.80, 0.90, 0.95, 0.98)))
                   for share in (0.10, 0.20, 0.40)]
    text = f"""# What Lantern costs per million page views

Written by `bench/cost.py` (part of `make bench`) from figures it measures; do not edit by
hand. List prices, us-east-1, free tiers left out (`bench/_prices.py`): Lambda
${prices.LAMBDA_GB_SECOND * 1e6:.2f} per million GB-seconds and ${prices.LAMBDA_REQUEST * 1e6:.2f}
per million requests, API Gateway's HTTP API ${prices.HTTP_API_REQUEST * 1e6:.2f} per million
(what CloudFront calls: ops/deploy/httpapi.py; its REST API
${prices.REST_API_REQUEST * 1e6:.2f} per million, for comparison),
DynamoDB on demand ${prices.READ_UNIT * 1e6:.3f} per million read units and
${prices.WRITE_UNIT * 1e6:.3f} per million write units, CloudFront
${prices.CLOUDFRONT_REQUEST * 1e6:.2f} per million HTTPS requests.

## Per page, at the origin

Each page served warm through the app against moto; "own ms" is the median time in the
function outside DynamoDB on this machine. Billed ms: own ms scaled to the CPU share of the
configured {memory_mb} MB ({prices.FULL_VCPU_MB} MB is one vCPU), plus
{prices.DYNAMODB_MS:g} ms per DynamoDB request. Read units from the sizes of the items read.
The last column counts the HTTP API's price for the request.

{prices.table(rows, ["page", "who", "own ms", "billed ms", "requests", "read units",
                     "gzip KB", "Cache-Control", "$ per million at the origin"])}

## Per post

A reply through the form, with what its stream handlers then read and write:
{post['requests']} DynamoDB requests, {post['read_units']:g} read units,
{post['write_units']:g} write units: ${post_dollars * 1e6:.2f} per million posts in DynamoDB.

## Blended

Page mix: {", ".join(f"{page} {share:.0%}" for page, share in MIX.items())}. Members'
views: {prices.MEMBER_SHARE:.0%}, never cached. The CDN answers
{prices.CACHE_HIT_RATIO:.0%} of anonymous views itself (assumed: a page is fetched from the
origin at most about once a minute per edge while it is read, `max-age=60` and
`stale-while-revalidate`).

| | $ per million page views | through the REST API instead |
|---|---|---|
| API only (API Gateway + Lambda + DynamoDB) | {without:.2f} | {rest_without:.2f} |
| with CloudFront in front | **{with_cdn:.2f}** (target <= {prices.TARGET:.2f}) | {rest_with_cdn:.2f} |

At a {prices.CACHE_HIT_RATIO:.0%} hit ratio the target holds {holds}: every member's view
reaches the origin and
pays the HTTP API's ${prices.HTTP_API_REQUEST * 1e6:.2f} per million (the REST API's
${prices.REST_API_REQUEST * 1e6:.2f} would leave a member's view about
${(prices.REST_API_REQUEST - prices.HTTP_API_REQUEST) * 1e6:.2f} per million dearer), which
the CDN cannot spare them.

How the figure with CloudFront moves with the share of members' views (rows) and the cache
hit ratio on anonymous views (columns):

{prices.table(sensitivity, ["members' share", "80 %", "90 %", "95 %", "98 %"])}

Not in those figures: data transfer to readers, the same with or without the CDN
(${prices.TRANSFER_GB:.3f} per GB; at {mean_of(views, "anonymous", "gzip_kb"):.1f} KB per
compressed page about ${transfer:.2f} per million views), storage, logs and email.
"""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(text)
    ok = with_cdn <= prices.TARGET
    _env.report("cost: $ per million page views, API only", f"{without:.2f}", "(reference)",
                True)
    _env.report("cost: $ per million page views with the CDN, REST API instead",
                f"{rest_with_cdn:.2f}", "(reference)", True)
    _env.report("cost: $ per million page views with the CDN", f"{with_cdn:.2f}",
                f"<= {prices.TARGET:.2f}", ok)
    return 0 if ok else 1
