"""`layoffqa serve` as a user starts it: a loud warning when exposed without a login, the login read
from a file or the environment (never a command-line argument, which `ps` shows)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import requests

from tests.conftest import free_port


def _serve(data_dir, *args: str, env: dict | None = None) -> tuple[str, int]:
    """Start the server, wait until it answers, stop it: (what it wrote to stderr, HTTP status of /)."""
    port = free_port()
    command = [sys.executable, "-m", "assistant.interfaces.cli", "--data-dir", str(data_dir), "serve"]
    command += ["--port", str(port), "--generator", "extractive", *args]
    environment = {k: v for k, v in os.environ.items() if k != "LAYOFFQA_AUTH"} | (env or {})
    server = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=environment
    )
    status = 0
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status = requests.get(f"http://127.0.0.1:{port}/", timeout=2).status_code
                break
            except requests.ConnectionError:
                time.sleep(0.3)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    return err, status


def test_exposed_without_a_login_warns_and_a_login_file_turns_one_on(tmp_path):
    err, status = _serve(tmp_path / "data", "--host", "0.0.0.0")
    assert status == 200 and "WARNING" in err and "no login" in err
    login = tmp_path / "login"
    login.write_text("analyst:s3cret-pass\n")
    err, status = _serve(tmp_path / "data", "--host", "0.0.0.0", "--auth-file", str(login))
    assert status == 200 and "WARNING" not in err  # Gradio's login page
    err, _ = _serve(tmp_path / "data", "--host", "0.0.0.0", env={"LAYOFFQA_AUTH": "analyst:s3cret-pass"})
    assert "WARNING" not in err


def test_a_password_on_the_command_line_is_not_accepted(tmp_path):
    cli = [sys.executable, "-m", "assistant.interfaces.cli", "--data-dir", str(tmp_path)]
    run = subprocess.run(
        [*cli, "serve", "--auth", "a:b"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2 and "No such option" in run.stderr
