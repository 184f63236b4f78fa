#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/Corpus/<Target>/: small valid inputs of every format.

Run from anywhere: `python3 Fuzz/Corpus/make_seeds.py`. Seeds are committed; rerun after changing
this script. Inputs that once crashed a target are kept next to them as `regression-*` files and
are never rewritten here.
"""
import json
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def write(target, name, data):
    folder = os.path.join(HERE, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def copy(target, name, source):
    folder = os.path.join(HERE, target)
    os.makedirs(folder, exist_ok=True)
    shutil.copyfile(os.path.join(ROOT, source), os.path.join(folder, name))


# JSON-RPC: requests of several shapes, a batch, and server frames (the client decoder).
rpc = {
    "hello": {"jsonrpc": "2.0", "id": 1, "method": "server.hello", "params": {"client": "aureus-tui", "protocolVersion": "1.0"}},
    "login": {"jsonrpc": "2.0", "id": "a1", "method": "auth.login", "params": {"username": "admin", "password": "hunter2"}},
    "subscribe": {"jsonrpc": "2.0", "id": 3, "method": "subscribe", "params": {"topics": ["rates", "approvals"]}},
    "approvals-submit": {
        "jsonrpc": "2.0", "id": 4, "method": "approvals.submit",
        "params": {"type": "payout", "payload": {"amount": 1200, "to": "acct_1"}, "reason": "monthly"},
    },
    "query-run": {"jsonrpc": "2.0", "id": 5, "method": "query.run", "params": {"sql": "SELECT 1", "pageSize": 100}},
    "spikes-configure": {"jsonrpc": "2.0", "id": 6, "method": "spikes.configure", "params": {"maxSpikesPerSecond": 500}},
    "notification": {"jsonrpc": "2.0", "method": "server.ping"},
    "result": {"jsonrpc": "2.0", "id": 1, "result": {"time": "2026-03-01T07:00:00Z"}},
    "error": {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "Parse error", "data": {"reason": "x"}}},
    "event": {"jsonrpc": "2.0", "method": "event", "params": {"topic": "rates", "data": {"n": [1, 2.5, -3e2, True, None]}}},
}
for name, value in rpc.items():
    write("FuzzJSONRPC", name + ".json", json.dumps(value))
write("FuzzJSONRPC", "batch.json", json.dumps([rpc["hello"], rpc["notification"], 7, {"jsonrpc": "1.0"}]))
write("FuzzJSONRPC", "escapes.json", '{"jsonrpc":"2.0","id":9,"method":"datasets.describe","params":{"name":"a\\u00e9\\ud83d\\ude00\\n"}}')


# AUNS neural frames: int16 and float32.
def neural(source, encoding, channels, frames, first, payload):
    sid = source.encode()
    return b"AUNS" + bytes([1, encoding]) + struct.pack("<HIIQ", len(sid), channels, frames, first) + sid + payload


write("FuzzNeuralFrame", "int16.bin", neural("amp-1", 1, 4, 3, 30000, struct.pack("<12h", *range(-6, 6))))
write("FuzzNeuralFrame", "float32.bin", neural("probe", 2, 2, 2, 0, struct.pack("<4f", 1.5, -2.25, 0.0, 1e3)))

# Webhooks: the provider payloads the tests use.
bodies = {
    "standard": '{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"c_1","user_id":"u9"}}',
    "oura": '{"event_type":"update","data_type":"sleep","object_id":"12345abc","event_time":"2023-01-01T08:00:00+00:00","user_id":"user123"}',
    "whoop": '{"user_id":456,"id":"550e8400-e29b-41d4-a716-446655440000","type":"sleep.updated","trace_id":"e369c784-5100-49e8-8098-75d35c47b31b"}',
    "terra": '{"type":"daily","version":"2022-03-16","user":{"user_id":"4735eac4-31a2","provider":"GARMIN"},'
    '"data":[{"metadata":{"start_time":"2026-03-01T00:00:00.000000+00:00","end_time":"2026-03-02T00:00:00.000000+00:00"},'
    '"heart_rate_data":{"summary":{"resting_hr_bpm":54},"detailed":{"hr_samples":[{"timestamp":"2026-03-01T08:00:00+00:00","bpm":61}],'
    '"hrv_samples_rmssd":[{"timestamp":"2026-03-01T03:00:00+00:00","hrv_rmssd":41.2}]}},'
    '"oxygen_data":{"saturation_samples":[{"timestamp":"2026-03-01T04:00:00Z","percentage":96}]},'
    '"distance_data":{"steps":8123},"scores":{"sleep":81}}]}',
    "healthkit": '{"schema_version":1,"device_id":"iphone-7F3A","user":"bridge-user-42","samples":['
    '{"type":"HKQuantityTypeIdentifierHeartRate","value":62,"unit":"count/min","start":"2026-03-01T07:00:00Z","end":"2026-03-01T07:00:05Z"},'
    '{"type":"spo2","value":0.97,"unit":"%","start":"2026-03-01T03:05:00Z"},'
    '{"type":"HKQuantityTypeIdentifierStepCount","value":1200,"unit":"count","start":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"}]}',
}
kinds = ["standard", "oura", "whoop", "terra", "healthkit"]  # WebhookKind.allCases order
for index, kind in enumerate(kinds):
    body = bodies[kind].encode()
    # Signed by the harness (flag bit 0), 5-minute tolerance, no extra headers.
    write("FuzzWebhookVerify", f"{kind}-signed.bin", bytes([index, 0x51]) + b"\n" + body)
    # Signed, plus a second copy of a header and the previous secret live.
    write("FuzzWebhookVerify", f"{kind}-extra-header.bin", bytes([index, 0x55]) + b"content-type: application/json\n\n" + body)
    write("FuzzWebhookNormalise", f"{kind}.bin", bytes([index, 0]) + body)
write("FuzzWebhookVerify", "standard-unsigned.bin",
      bytes([0, 0x50]) + b"webhook-id: msg_1\nwebhook-timestamp: 1700000000\nwebhook-signature: v1,AAAA v2,BBBB\n\n{}")
write("FuzzWebhookVerify", "terra-unsigned.bin",
      bytes([3, 0x50]) + b"terra-signature: t=1700000000,v1=00ff\nx-terra-trace-id: abc\n\n{}")
write("FuzzWebhookVerify", "oura-handshake.bin", b"\xf0verification_token=fuzz-verification-token\nchallenge=abc123")

# Recordings: the test fixtures (small, every encoding the readers support).
fixtures = "Tests/AureusRecordingsTests/Fixtures"
for name in sorted(os.listdir(os.path.join(ROOT, fixtures))):
    if name.endswith(".wav"):
        copy("FuzzWAV", name, os.path.join(fixtures, name))
    elif name.endswith(".mat"):
        copy("FuzzMAT", name, os.path.join(fixtures, name))

# TOML family: configuration, the default policy, the themes.
copy("FuzzTOML", "aureusd-a.toml", "deploy/aureusd-a.toml")
copy("FuzzTOML", "approval-policy.default.toml", "docs/approval-policy.default.toml")
write("FuzzTOML", "types.toml", 'a = 1\nb = -2.5e3\nc = true\nd = "x\\u00e9"\ne = \'lit\'\nf = [1, [2, 3]]\ng = { h = 1, i.j = 2 }\n'
      '[k.l]\nm = """\nmulti\n"""\n[[n]]\no = 1\n[[n]]\no = 2\n')
copy("FuzzApprovalPolicy", "approval-policy.default.toml", "docs/approval-policy.default.toml")
for name in sorted(os.listdir(os.path.join(ROOT, "themes"))):
    if name.endswith(".toml"):
        copy("FuzzTheme", name, os.path.join("themes", name))
