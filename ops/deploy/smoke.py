"""After a deploy, ask the live site for its home page, as a member's browser would."""
import time
import urllib.error
import urllib.request

# A fresh API Gateway stage can take a few seconds to answer everywhere.
ATTEMPTS = 6
PAUSE_SECONDS = 5


class SmokeCheckFailed(Exception):
    pass


def check_home_page(url, attempts=ATTEMPTS, pause=PAUSE_SECONDS, timeout=30):
    """GET ``url`` until it answers 200 with Lantern's page.

    :return: a one-line summary of the answer.
    :raise SmokeCheckFailed: after ``attempts`` tries without that answer.
    """
    problem = None
    for attempt in range(attempts):
        if attempt:
            time.sleep(pause)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(urllib.request.Request(
                    url, headers={"Accept": "text/html", "User-Agent": "lantern-deploy"}),
                    timeout=timeout) as response:
                body = response.read().decode("utf-8", "replace")
                status = response.status
        except urllib.error.HTTPError as error:
            problem = f"HTTP {error.code} from {url}"
            continue
        except (urllib.error.URLError, OSError) as error:
            problem = f"no answer from {url}: {error}"
            continue
        if status == 200 and "Lantern" in body:
            return f"HTTP 200 in {time.monotonic() - started:.1f} s"
        problem = f"HTTP {status} from {url} without Lantern's page"
    raise SmokeCheckFailed(problem)
