"""template.yaml as `sam deploy` deploys it: transformed by AWS's own SAM translator, then with its
intrinsic functions resolved for one account, region and stack name, so that every policy names
real ARNs."""
from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

import yaml
from samtranslator.public.translator import ManagedPolicyLoader  # noqa: F401  (API used by sam deploy)
from samtranslator.translator.transform import transform

ACCOUNT = "123456789012"
REGION = "eu-central-1"
STACK = "kyc-vault"
PARTITION = "aws"
ROOT_TEMPLATE = Path(__file__).resolve().parents[2] / "template.yaml"

# Values for parameters that have no default (an operator must supply them; bin/deploy asks).
PARAMETER_VALUES = {
    "EthereumRpcUrl": "https://rpc.example.net",
    "ChainId": "11155111",
    "RegistrarAddress": "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    "AlarmEmail": "security@example.com",
    "ChainConfirmations": "12",
    "ApiDomainName": "kyc.example.com",
    "ApiCertificateArn": f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/00000000-0000-0000-0000-000000000000",
    "KeyAdminRoleArn": f"arn:aws:iam::{ACCOUNT}:role/kyc-vault-key-admin",
    "EdgeWebAclArn": f"arn:aws:wafv2:us-east-1:{ACCOUNT}:global/webacl/kyc-vault-edge/00000000-0000-0000-0000-000000000000",
}


class _CfnLoader(yaml.SafeLoader):
    pass


def _tag(loader, suffix, node):
    name = "Ref" if suffix == "Ref" else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_CfnLoader.add_multi_constructor("!", _tag)


def load_yaml(path: Path) -> dict:
    return yaml.load(Path(path).read_text(), Loader=_CfnLoader)


class _NoManagedPolicies:
    def load(self):
        return {}


def packaged(template: dict) -> dict:
    """What `sam package` (the first step of `sam deploy`) does to local code paths: uploads them and
    puts their S3 URI in their place."""
    out = copy.deepcopy(template)
    functions = [(out.get("Globals") or {}).get("Function") or {}]
    functions += [r.get("Properties", {}) for r in out["Resources"].values() if r["Type"] == "AWS::Serverless::Function"]
    for f in functions:
        if isinstance(f.get("CodeUri"), str) and not f["CodeUri"].startswith("s3://"):
            f["CodeUri"] = f"s3://{STACK}-artifacts/{Path(f['CodeUri']).name}"
    return out


def sam_transform(template: dict) -> dict:
    """The CloudFormation template `sam deploy` would submit (SAM translator, same version as cfn-lint's)."""
    template = packaged(template)
    params = parameter_values(template)
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)  # the SAM translator reads the region from boto
    return transform(copy.deepcopy(template), params, _NoManagedPolicies())


def parameter_values(template: dict) -> dict:
    values = {}
    for name, spec in (template.get("Parameters") or {}).items():
        if "Default" in spec:
            values[name] = spec["Default"]
        elif name in PARAMETER_VALUES:
            values[name] = PARAMETER_VALUES[name]
        else:
            raise KeyError(f"no test value for required parameter {name}: add it to infra/authz/cfn.py PARAMETER_VALUES")
    return values


class Resolved:
    """A transformed template with Ref, GetAtt, Sub, Join, If and Select resolved."""

    def __init__(self, template: dict):
        self.template = template
        self.resources = template["Resources"]
        self.params = parameter_values(template)
        self.pseudo = {"AWS::AccountId": ACCOUNT, "AWS::Region": REGION, "AWS::StackName": STACK,
                       "AWS::Partition": PARTITION, "AWS::URLSuffix": "amazonaws.com", "AWS::NoValue": None}
        self.conditions = {}
        for name, expr in (template.get("Conditions") or {}).items():
            self.conditions[name] = bool(self.value(expr))

    # ---------------------------------------------------------------- physical names and ARNs
    def ref(self, name: str):
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.params:
            return self.params[name]
        r = self.resources[name]
        t, p = r["Type"], r.get("Properties", {})
        if t == "AWS::SQS::Queue":
            return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{self.queue_name(name)}"
        if t == "AWS::KMS::Key":
            return name  # the synthetic key id is the logical id
        if t == "AWS::SecretsManager::Secret":  # Ref yields the ARN (with a random suffix)
            return f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{self.value(p.get('Name', name))}-AbCdEf"
        if t == "AWS::SNS::Topic":
            return f"arn:aws:sns:{REGION}:{ACCOUNT}:{self.value(p.get('TopicName', name))}"
        for prop in ("TableName", "BucketName", "RoleName", "FunctionName", "LogGroupName", "Name", "AliasName",
                     "UserPoolName", "PolicyName"):
            if prop in p:
                return self.value(p[prop])
        return name

    def queue_name(self, name: str) -> str:
        return self.value(self.resources[name].get("Properties", {}).get("QueueName", name))

    def arn(self, name: str) -> str:
        r = self.resources[name]
        t = r["Type"]
        if t == "AWS::DynamoDB::Table":
            return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{self.ref(name)}"
        if t == "AWS::S3::Bucket":
            return f"arn:aws:s3:::{self.ref(name)}"
        if t == "AWS::SQS::Queue":
            return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{self.queue_name(name)}"
        if t == "AWS::KMS::Key":
            return f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{name}"
        if t == "AWS::IAM::Role":
            return f"arn:aws:iam::{ACCOUNT}:role/{self.ref(name)}"
        if t == "AWS::Logs::LogGroup":
            return f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{self.ref(name)}:*"
        if t == "AWS::Events::EventBus":
            return f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{self.ref(name)}"
        if t == "AWS::SNS::Topic":
            return self.ref(name)
        if t == "AWS::Lambda::Function":
            return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{self.ref(name)}"
        if t == "AWS::Cognito::UserPool":
            return f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{name}"
        return f"arn:aws:{t.split('::')[1].lower()}:{REGION}:{ACCOUNT}:{name}"

    def get_att(self, name: str, attribute: str):
        if attribute == "Arn":
            return self.arn(name)
        if attribute == "QueueName":
            return self.queue_name(name)
        if attribute == "QueueUrl":
            return self.ref(name)
        if attribute == "KeyId":
            return name
        return f"{name}.{attribute}"

    # ---------------------------------------------------------------- intrinsic functions
    def value(self, expr):
        if isinstance(expr, list):
            return [v for v in (self.value(e) for e in expr) if v is not None]
        if not isinstance(expr, dict):
            return expr
        if len(expr) == 1:
            (key, arg), = expr.items()
            if key == "Ref":
                return self.ref(arg)
            if key == "Fn::GetAtt":
                name, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                return self.get_att(name, attribute)
            if key == "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], self.value(arg[1]))
                return re.sub(r"\$\{([^}]+)}", lambda m: str(self._sub(m.group(1), variables)), text)
            if key == "Fn::Join":
                return arg[0].join(str(v) for v in self.value(arg[1]))
            if key == "Fn::Select":
                return self.value(arg[1])[int(self.value(arg[0]))]
            if key == "Fn::If":
                return self.value(arg[1] if self.conditions[arg[0]] else arg[2])
            if key == "Fn::Equals":
                return str(self.value(arg[0])) == str(self.value(arg[1]))
            if key == "Fn::Not":
                return not self.value(arg[0])
            if key == "Fn::And":
                return all(self.value(a) for a in arg)
            if key == "Fn::Or":
                return any(self.value(a) for a in arg)
            if key == "Condition":
                return self.conditions[arg]
        return {k: self.value(v) for k, v in expr.items() if self.value(v) is not None or v is None}

    def _sub(self, name, variables):
        if name in variables:
            return variables[name]
        if "." in name and not name.startswith("AWS::"):
            resource, attribute = name.split(".", 1)
            return self.get_att(resource, attribute)
        return self.ref(name)

    # ---------------------------------------------------------------- queries
    def of_type(self, t: str):
        return [n for n, r in self.resources.items() if r["Type"] == t and self._present(r)]

    def _present(self, r) -> bool:
        return "Condition" not in r or self.conditions[r["Condition"]]

    def props(self, name: str) -> dict:
        return self.value(self.resources[name].get("Properties", {}))


def load(path: Path) -> Resolved:
    return Resolved(sam_transform(load_yaml(path)))


if __name__ == "__main__":
    import sys
    print(json.dumps(sam_transform(load_yaml(Path(sys.argv[1]))), indent=1, default=str))
