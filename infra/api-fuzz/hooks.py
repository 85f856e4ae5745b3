"""Schemathesis hooks for bin/test's API fuzzing: a check that no response body carries a stack trace."""
import re

import schemathesis

# A Java frame ("at io.kycvault.X.y(X.java:12)"), a chained cause, or an exception class name with its message.
STACK_TRACE = re.compile(r"\bat [\w$.]+\([\w$]+\.java:\d+\)|Caused by: |\b(?:java|javax|jakarta|io\.kycvault|com\.fasterxml|software\.amazon)\.[\w.$]*(?:Exception|Error)\b")


@schemathesis.check
def no_stack_trace_in_body(ctx, response, case):
    text = response.text or ""
    match = STACK_TRACE.search(text)
    if match:
        raise AssertionError(f"stack trace in the response body: {match.group(0)!r}")
    return None
