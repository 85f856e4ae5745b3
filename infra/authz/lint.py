"""CI lints what AWS deploys: template.yaml transformed as `sam deploy` does (cfn-lint then validates
IAM action names and resource ARNs, which it skips on an untransformed SAM template), and every policy
in it (identity, key, bucket and queue policies) through parliament. Any finding fails."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import parliament

from cfn import ROOT_TEMPLATE, Resolved, load_yaml, sam_transform

OUT = Path(__file__).resolve().parents[2] / "target" / "authz" / "transformed.json"


def policies(t: Resolved):
    """(name, kind, document) of every policy, with intrinsic functions resolved to real ARNs."""
    for name in t.of_type("AWS::IAM::Policy"):
        yield name, "identity", t.props(name)["PolicyDocument"]
    for name in t.of_type("AWS::IAM::Role"):
        for inline in t.props(name).get("Policies", []):
            yield f"{name}/{inline['PolicyName']}", "identity", inline["PolicyDocument"]
        yield f"{name} trust policy", "trust", t.props(name)["AssumeRolePolicyDocument"]
    for name in t.of_type("AWS::KMS::Key"):
        yield name, "key", t.props(name)["KeyPolicy"]
    for kind in ("AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy"):
        for name in t.of_type(kind):
            yield name, "resource", t.props(name)["PolicyDocument"]


# In a key policy, Resource "*" means "this key" (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html):
# parliament's RESOURCE_STAR does not apply there. Nothing else is ignored.
IGNORED = {("key", "RESOURCE_STAR")}


def parliament_findings(t: Resolved) -> list[str]:
    out = []
    for name, kind, document in policies(t):
        if kind == "trust":
            continue  # parliament lints permission policies; trust policies are checked by TemplateTest
        for f in parliament.analyze_policy_string(json.dumps(document)).findings:
            if (kind, f.issue) in IGNORED:
                continue
            out.append(f"{name}: {f.issue} {f.detail if f.detail else ''}".strip())
    return out


def main(argv) -> int:
    template_path = Path(argv[1]) if len(argv) > 1 else ROOT_TEMPLATE
    transformed = sam_transform(load_yaml(template_path))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(transformed, indent=1, default=str))
    print(f"== cfn-lint on the transformed template ({OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT})")
    lint = subprocess.run([str(Path(sys.executable).with_name("cfn-lint")), "--include-checks", "I", "--regions", "eu-central-1",
                           "--", str(OUT)])
    print("== parliament on every policy of the transformed template")
    findings = parliament_findings(Resolved(transformed))
    for f in findings:
        print("parliament:", f)
    print(f"parliament: {len(findings)} findings")
    return 1 if lint.returncode != 0 or findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
