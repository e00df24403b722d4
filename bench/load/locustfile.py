"""Locust users for the load test (run by bench/load/run.py; loopback only).

- Browsing: the home page, the catalogue and training pages, as anonymous visitors.
- Registering: a participant logs in and, for each load session in turn, registers (standard
  tier, attestation), opens the payment page, confirms the SetupIntent with a test card at
  localstripe exactly as Stripe.js's confirmCardSetup does, posts the payment method to the
  payment page as registration-pay.js does, and reads the registration page.

Settings come from the environment: LOAD_PLAN (the seed's JSON file), LOAD_LEVEL (which
run's sessions and accounts), LOAD_STRIPE (localstripe's address), LOAD_REGISTERING (how many
of the users register; the rest browse).
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"]).read())  # noqa: SIM115
RUN = PLAN["runs"][os.environ["LOAD_LEVEL"]]
STRIPE = os.environ["LOAD_STRIPE"]
ACCOUNTS = itertools.cycle(RUN["accounts"])
SETUP_SECRET = re.compile(r'data-setup-secret="(seti_\w+?_secret_\w+)"')


class BrowsingUser(HttpUser):
    wait_time = between(0.5, 1.5)
    weight = 3

    @task(2)
    def home(self):
        self.client.get("/", name="/ (home)")

    @task(3)
    def catalogue(self):
        self.client.get("/trainings/", name="/trainings/ (catalogue)")

    @task(4)
    def training_page(self):
        if PLAN["pages"]:
            self.client.get(random.choice(PLAN["pages"]), name="/trainings/[slug]/")


class RegisteringUser(HttpUser):
    wait_time = between(0.5, 1.5)
    fixed_count = int(os.environ.get("LOAD_REGISTERING", "1"))

    def on_start(self):
        self.email = next(ACCOUNTS)
        self.todo = list(RUN["sessions"])
        random.shuffle(self.todo)
        self.client.get("/accounts/login/", name="/accounts/login/")
        self.client.post(
            "/accounts/login/",
            data={
                "login": self.email,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="/accounts/login/ (POST)",
        )

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    @task
    def register_and_pay(self):
        if not self.todo:
            self.client.get("/my/", name="/my/ (dashboard)")
            return
        session_id = self.todo.pop()
        path = f"/sessions/{session_id}/register/"
        self.client.get(path, name="/sessions/[id]/register/")
        with self.client.post(
            path,
            data={
                "tier": PLAN["tier"],
                "attest": "on",
                "chosen_amount": "",
                "discount_code": "",
                "csrfmiddlewaretoken": self.csrf(),
            },
            allow_redirects=False,
            name="/sessions/[id]/register/ (POST)",
            catch_response=True,
        ) as response:
            if response.status_code == 200 and "This session is full" in response.text:
                response.success()  # refused fairly: the seats are taken
                return
            if response.status_code != 302 or "/pay/" not in response.headers.get("Location", ""):
                response.failure(f"no seat hold: {response.status_code}")
                return
            pay_path = response.headers["Location"]
        page = self.client.get(pay_path, name="/registrations/[id]/pay/")
        found = SETUP_SECRET.search(page.text)
        if not found:
            return  # counted as an error by the status check below if it was one
        secret = found.group(1)
        setup_id = secret.split("_secret_")[0]
        # What Stripe.js's confirmCardSetup sends (localstripe's fake Stripe.js does the same).
        with self.client.post(
            f"{STRIPE}/v1/setup_intents/{setup_id}/confirm",
            data=json.dumps(
                {
                    "key": "pk_test_localstripe",
                    "use_stripe_sdk": True,
                    "client_secret": secret,
                    "payment_method_data": {
                        "type": "card",
                        "card": {
                            "number": "4242424242424242",
                            "exp_month": 12,
                            "exp_year": 2030,
                            "cvc": "123",
                        },
                        "billing_details": {"name": "Load User", "email": self.email},
                    },
                }
            ),
            name="localstripe: confirmCardSetup",
            catch_response=True,
        ) as response:
            method = response.json().get("payment_method") if response.ok else None
            if not method:
                response.failure(f"SetupIntent not confirmed: {response.text[:200]}")
                return
        with self.client.post(
            pay_path,
            data=json.dumps({"payment_method": method}),
            headers={"Content-Type": "application/json", "X-CSRFToken": self.csrf()},
            name="/registrations/[id]/pay/ (POST)",
            catch_response=True,
        ) as response:
            status = response.json().get("status") if response.ok else None
            if status not in ("succeeded", "processing"):
                response.failure(f"payment {status}: {response.text[:200]}")
                return
        self.client.get(pay_path.replace("pay/", ""), name="/registrations/[id]/")
