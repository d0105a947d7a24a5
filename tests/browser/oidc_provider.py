"""A real OpenID Connect provider on a free loopback port, for the sign-in browser tests.

``oidc-provider-mock`` is a small but complete provider (discovery, authorisation code
flow, signed ID tokens, userinfo); its sign-in page offers each predefined user as a
button, so a test signs in by pressing the button named after the user.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.browser.live_app import free_port


def _wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the OIDC provider exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"the OIDC provider did not answer at {url} within {timeout:.0f}s")


@contextmanager
def running_provider(users: Sequence[Mapping[str, object]], log_path: Path) -> Iterator[str]:
    """Run ``python -m oidc_provider_mock`` with these users' claims; yield its base URL."""
    port = free_port()
    args = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    for claims in users:
        args += ["--user-claims", json.dumps(dict(claims))]
    log = log_path.open("wb")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
