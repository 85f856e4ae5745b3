"""The authorization oracle over the calls the Maven suite recorded (bin/test runs this after it), and
the oracle's own teeth: fixtures derived from template.yaml with one action removed and with a
wildcard added must each fail, and the policy evaluator is checked against AWS's documented rules."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import oracle
from cfn import ACCOUNT, ROOT_TEMPLATE, load_yaml
from policy import Request, Statement, decide

CALLS = Path(__file__).resolve().parents[2] / "target" / "authz" / "calls.jsonl"
FIXTURES = CALLS.parent / "fixtures"


def _calls() -> Path:
    if not CALLS.exists():
        pytest.fail(f"{CALLS} is missing: run the Maven suite first (bin/test does)")
    return CALLS


@pytest.fixture(scope="module")
def report():
    r = oracle.evaluate(ROOT_TEMPLATE, _calls())
    oracle.write_matrix(r, CALLS.parent / "matrix.md")
    return r


def test_every_recorded_call_is_allowed_and_every_grant_is_used(report):
    assert report.calls > 100, "the suite recorded too few calls for the oracle to mean anything"
    assert report.findings() == []


def test_every_deployed_function_made_calls_in_the_suite(report):
    assert set(report.matrix) >= set(oracle.Stack(oracle.load(ROOT_TEMPLATE)).functions)


def _fixture(name: str, mutate) -> Path:
    """template.yaml with one change, written as JSON (intrinsics in their long form) for a person to read."""
    template = load_yaml(ROOT_TEMPLATE)
    mutate(template["Resources"])
    FIXTURES.mkdir(parents=True, exist_ok=True)
    path = FIXTURES / name
    path.write_text(json.dumps(template, indent=1))
    return path


def _statement(resources, policy, action):
    for s in resources[policy]["Properties"]["PolicyDocument"]["Statement"]:
        if action in s["Action"]:
            return s
    raise AssertionError(f"{action} not in {policy}")


def test_a_template_with_one_action_removed_fails():
    def remove(resources):
        _statement(resources, "ReviewApiFunctionPolicy", "dynamodb:UpdateItem")["Action"].remove("dynamodb:UpdateItem")

    r = oracle.evaluate(_fixture("one-action-removed.json", remove), _calls())
    assert any(f.startswith("DENIED review-api: dynamodb:UpdateItem") for f in r.findings()), r.findings()


def test_a_template_with_a_wildcard_action_fails():
    def widen(resources):
        _statement(resources, "WalletApiFunctionPolicy", "dynamodb:GetItem")["Action"] = ["dynamodb:*"]

    r = oracle.evaluate(_fixture("wildcard-action.json", widen), _calls())
    assert any(f.startswith("NEVER EXERCISED wallet-api: dynamodb:DeleteTable") for f in r.findings()), r.findings()


def test_a_template_with_a_wildcard_resource_fails():
    def widen(resources):
        _statement(resources, "AuditApiFunctionPolicy", "dynamodb:GetItem")["Resource"] = "*"

    r = oracle.evaluate(_fixture("wildcard-resource.json", widen), _calls())
    assert any(f.startswith("WILDCARD RESOURCE audit-api: dynamodb:GetItem") for f in r.findings()), r.findings()


def test_a_key_policy_without_the_function_fails():
    def drop(resources):
        statements = resources["PersonalDataKey"]["Properties"]["KeyPolicy"]["Statement"]
        resources["PersonalDataKey"]["Properties"]["KeyPolicy"]["Statement"] = [s for s in statements if s.get("Sid") != "SealWithCaseContext"]

    r = oracle.evaluate(_fixture("key-policy-without-intake.json", drop), _calls())
    assert any(f.startswith("DENIED intake-api: kms:GenerateDataKey on arn:aws:kms:eu-central-1:123456789012:key/PersonalDataKey")
               for f in r.findings()), r.findings()


# ---------------------------------------------------------------- the evaluator against AWS's rules
ROLE = f"arn:aws:iam::{ACCOUNT}:role/kyc-vault-review-api"
ROOT = f"arn:aws:iam::{ACCOUNT}:root"
KEY = f"arn:aws:kms:eu-central-1:{ACCOUNT}:key/K"


def allow(action="*", resource="*", principal=None, condition=None, effect="Allow"):
    body = {"Effect": effect, "Action": action, "Resource": resource}
    if principal:
        body["Principal"] = {"AWS": principal}
    if condition:
        body["Condition"] = condition
    return Statement("t", body)


def rq(action="kms:Decrypt", resource=KEY, **ctx):
    return Request(ROLE, action, resource, tuple(sorted(ctx.items())))


@pytest.mark.parametrize("identity, key_policy, allowed", [
    ([], [allow(principal=ROLE)], True),                                  # key policy names the role
    ([allow("kms:Decrypt", KEY)], [allow(principal=ROOT)], True),          # delegation + IAM
    ([], [allow(principal=ROOT)], False),                                  # delegation without IAM
    ([allow("kms:Decrypt", KEY)], [], False),                              # IAM alone never suffices for KMS
    ([allow("kms:Decrypt", KEY)], [allow(principal=ROLE), allow(principal="*", effect="Deny")], False),  # deny wins
])
def test_kms_needs_the_key_policy(identity, key_policy, allowed):
    assert decide(rq(), identity, key_policy, True, ACCOUNT).allowed is allowed


@pytest.mark.parametrize("condition, context, holds", [
    ({"Null": {"kms:EncryptionContext:caseId": "false"}}, {"kms:EncryptionContext:caseId": "x"}, True),
    ({"Null": {"kms:EncryptionContext:caseId": "false"}}, {}, False),
    ({"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}, {}, True),   # negated + missing key
    ({"StringEquals": {"kms:ViaService": "s3.eu-central-1.amazonaws.com"}}, {}, False),
    ({"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["CASE#*"]}}, {"dynamodb:LeadingKeys": ("CASE#1", "CASE#2")}, True),
    ({"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["CASE#*"]}}, {"dynamodb:LeadingKeys": ("CASE#1", "OUTBOX")}, False),
    ({"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["CASE#*"]}}, {}, True),
    ({"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": "true"}, False),
    ({"StringLike": {"s3:prefix": "incoming/*"}}, {"s3:prefix": "incoming/a/b"}, True),
])
def test_condition_operators(condition, context, holds):
    assert allow(condition=condition).conditions_hold(context) is holds


def test_untranslatable_calls_are_findings(tmp_path):
    calls = tmp_path / "calls.jsonl"
    calls.write_text('{"function":"review-api","service":"Rekognition","operation":"DetectFaces","request":{},"test":"x"}\n')
    r = oracle.evaluate(ROOT_TEMPLATE, calls)
    assert any(f.startswith("UNTRANSLATABLE") for f in r.findings())
