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


# ---------------------------------------------------------------- the malware gate (DocumentsBucketPolicy)
@pytest.fixture(scope="module")
def stack():
    return oracle.Stack(oracle.load(ROOT_TEMPLATE))


DOCUMENT = "arn:aws:s3:::kyc-vault-documents-123456789012-eu-central-1/incoming/{case}/{document}"
SCAN_TAG = "s3:ExistingObjectTag/GuardDutyMalwareScanStatus"


def _role(stack, short):
    return stack.functions[short][1] if short in stack.functions else stack.roles[short]


def _s3(stack, short, action, identity=None, **ctx):
    base = {"aws:SecureTransport": "true", "aws:PrincipalArn": _role(stack, short) if short else ADMIN,
            "aws:PrincipalAccount": ACCOUNT}
    rq = Request(base["aws:PrincipalArn"], action, DOCUMENT, oracle._ctx(**base, **ctx))
    return oracle.authorize(stack, rq, identity)


ADMIN = f"arn:aws:iam::{ACCOUNT}:role/kyc-vault-operator"
EVERYTHING = [Statement("an administrator's policy", {"Effect": "Allow", "Action": "*", "Resource": "*"})]


@pytest.mark.parametrize("tag, allowed", [("NO_THREATS_FOUND", True), ("THREATS_FOUND", False), ("FAILED", False), (None, False)])
def test_a_reviewers_link_opens_only_an_object_scanned_clean(stack, tag, allowed):
    # A link is a GET presigned by review-api, authorized as its role when the reviewer uses it.
    d = _s3(stack, "review-api", "s3:GetObjectVersion", **{SCAN_TAG: tag})
    assert d.allowed is allowed, d.reason
    if not allowed:
        assert "DenyReadsOfObjectsNotScannedClean" in d.reason


@pytest.mark.parametrize("tag", ["THREATS_FOUND", None])
def test_no_other_role_reads_what_is_not_scanned_clean_however_broad_its_policy(stack, tag):
    d = _s3(stack, None, "s3:GetObject", identity=EVERYTHING, **{SCAN_TAG: tag})
    assert not d.allowed and "DenyReadsOfObjectsNotScannedClean" in d.reason


@pytest.mark.parametrize("who, tag", [("quarantine-reader", "THREATS_FOUND"), ("quarantine-reader", None),
                                      ("malware-protection", None), ("upload-events", None)])
def test_the_quarantine_reader_the_scanner_and_the_structural_check_read_unscanned_objects(stack, who, tag):
    d = _s3(stack, who, "s3:GetObjectVersion", **{SCAN_TAG: tag})
    assert d.allowed, d.reason


@pytest.mark.parametrize("action", ["s3:PutObjectTagging", "s3:PutObjectVersionTagging"])
def test_only_guardduty_writes_the_scan_tag(stack, action):
    keys = {"s3:RequestObjectTagKeys": ["GuardDutyMalwareScanStatus"]}
    assert _s3(stack, "malware-protection", action, **keys).allowed
    d = _s3(stack, None, action, identity=EVERYTHING, **keys)
    assert not d.allowed and "DenyScanTagWritesButGuardDuty" in d.reason
    assert _s3(stack, None, action, identity=EVERYTHING, **{"s3:RequestObjectTagKeys": ["project"]}).allowed


def test_an_upload_cannot_carry_the_scan_tag(stack):
    upload = {"s3:x-amz-server-side-encryption": "aws:kms", "s3:if-none-match": "*",
              "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:eu-central-1:123456789012:key/DocumentsKey"}
    assert _s3(stack, "intake-api", "s3:PutObject", **upload).allowed
    d = _s3(stack, "intake-api", "s3:PutObject", **upload, **{"s3:RequestObjectTagKeys": ["GuardDutyMalwareScanStatus"]})
    assert not d.allowed and "DenyScanTagWritesButGuardDuty" in d.reason


@pytest.mark.parametrize("action", ["s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging"])
def test_only_guardduty_removes_tags(stack, action):
    d = _s3(stack, None, action, identity=EVERYTHING)
    assert not d.allowed and "DenyScanTagRemovalButGuardDuty" in d.reason


def test_guardduty_writes_its_validation_object_and_nothing_else(stack):
    validation = Request(_role(stack, "malware-protection"), "s3:PutObject",
                         "arn:aws:s3:::kyc-vault-documents-123456789012-eu-central-1/malware-protection-resource-validation-object",
                         oracle._ctx(**{"aws:SecureTransport": "true", "aws:PrincipalArn": _role(stack, "malware-protection"),
                                        "aws:PrincipalAccount": ACCOUNT}))
    assert oracle.authorize(stack, validation).allowed
    assert not _s3(stack, "malware-protection", "s3:PutObject").allowed


def test_untranslatable_calls_are_findings(tmp_path):
    calls = tmp_path / "calls.jsonl"
    calls.write_text('{"function":"review-api","service":"Rekognition","operation":"DetectFaces","request":{},"test":"x"}\n')
    r = oracle.evaluate(ROOT_TEMPLATE, calls)
    assert any(f.startswith("UNTRANSLATABLE") for f in r.findings())
