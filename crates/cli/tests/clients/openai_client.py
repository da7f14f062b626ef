"""Drive `hexacoder serve` with the official `openai` client (the one users' tools embed).

Usage: python openai_client.py BASE_URL. Prints one JSON object of what the client parsed;
the Rust test (crates/cli/tests/serve.rs) asserts on it. Any response the client cannot parse
into its typed objects raises here and fails the test.
"""
import json
import sys

import openai

base = sys.argv[1]
client = openai.OpenAI(base_url=base, api_key="unused", max_retries=0, timeout=120)
out = {}

out["models"] = [m.id for m in client.models.list().data]

PROMPT = "def add(a, b):\n"
r = client.completions.create(
    model="smollm2", prompt=PROMPT, max_tokens=16, temperature=0, n=2, seed=1
)
out["completion"] = {
    "object": r.object,
    "texts": [c.text for c in r.choices],
    "finish": [c.finish_reason for c in r.choices],
    "usage": r.usage.model_dump(include={"prompt_tokens", "completion_tokens", "total_tokens"}),
}

text, finish = [], None
for chunk in client.completions.create(
    model="smollm2", prompt=PROMPT, max_tokens=16, temperature=0, stream=True
):
    for c in chunk.choices:
        text.append(c.text)
        finish = c.finish_reason or finish
out["stream"] = {"text": "".join(text), "finish": finish}

MESSAGES = [{"role": "user", "content": "Write a C function that adds two ints."}]
r = client.chat.completions.create(
    model="smollm2", messages=MESSAGES, max_tokens=24, temperature=0
)
out["chat"] = {
    "object": r.object,
    "role": r.choices[0].message.role,
    "content": r.choices[0].message.content,
    "usage_total": r.usage.total_tokens,
}

role, content, usage = None, [], None
for chunk in client.chat.completions.create(
    model="smollm2",
    messages=MESSAGES,
    max_tokens=24,
    temperature=0,
    stream=True,
    stream_options={"include_usage": True},
):
    if chunk.usage is not None:
        usage = chunk.usage.total_tokens
    for c in chunk.choices:
        role = c.delta.role or role
        content.append(c.delta.content or "")
out["chat_stream"] = {"role": role, "content": "".join(content), "usage_total": usage}


def error(call):
    try:
        call()
    except openai.APIStatusError as e:
        body = e.body if isinstance(e.body, dict) else {}
        return [e.status_code, body.get("code") or body.get("param")]
    raise SystemExit("expected an error")


out["errors"] = {
    "unknown_model": error(lambda: client.completions.create(model="nope", prompt="x")),
    "max_tokens": error(
        lambda: client.completions.create(model="smollm2", prompt="x", max_tokens=10**9)
    ),
    "n": error(lambda: client.completions.create(model="smollm2", prompt="x", n=10**6)),
    "temperature": error(
        lambda: client.chat.completions.create(
            model="smollm2", messages=MESSAGES, temperature=7
        )
    ),
}
print(json.dumps(out))
