"""Running the shipped diary JavaScript in Node (tests/diary/node/) against the real server:
accounts and sessions made in the server's own database, and a Node script's JSON answer."""

import json
import os
import shutil
import subprocess
import sys

from tests.harness import ROOT

NODE = shutil.which("node")
NODE_DIR = ROOT / "tests" / "diary" / "node"

SESSIONS = """
import json, secrets, sys
from django.contrib.auth.models import User
from django.test import Client

answer = {}
for email, count in json.loads(sys.argv[1]).items():
    user = User.objects.filter(username=email).first()
    user = user or User.objects.create_user(email, email, "a long password 1")
    answer[email] = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        token = secrets.token_hex(16)  # Django takes a 32-character cookie as the secret
        answer[email].append({"sessionid": client.cookies["sessionid"].value, "csrftoken": token})
print(json.dumps(answer))
"""


def in_django(env, code, *args):
    """Runs `code` with Django set up on the server's database; returns its printed JSON."""
    setup = "import django, os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\ndjango.setup()\n"
    done = subprocess.run(
        [sys.executable, "-c", setup + code, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def sessions(env, wanted):
    """{email: number of devices} -> {email: [cookies of one logged-in device, ...]}."""
    return in_django(env, SESSIONS, json.dumps(wanted))


def run_node(script, config, timeout=300, **environment):
    """Runs tests/diary/node/<script> with CONFIG in its environment; returns its last line."""
    done = subprocess.run(
        [NODE, str(NODE_DIR / script)],
        cwd=ROOT,
        env={**os.environ, "CONFIG": json.dumps(config), **environment},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
