import AureusProtocol
import Testing

/// The server's hand-assembled frames must be valid JSON that the client decoder reads back.
@Suite struct RPCMessageTests {
    @Test func resultFrameIsValidAndReadsBack() throws {
        let result: JSONValue = ["ok": true, "items": [1, "two"], "nested": ["a": nil]]
        let frame = RPCMessage.result(id: .int(42), resultJSON: CanonicalJSON.encode(result))
        let parsed = try JSONParser.parse(frame)
        #expect(parsed == ["jsonrpc": "2.0", "id": 42, "result": result])
        #expect(try RPCServerMessage.decode(frame) == [.response(id: .int(42), result: .success(result))])
    }

    @Test(arguments: [RPCID.int(0), .int(-7), .string("req \"1\""), .string(""), .null])
    func everyIDKindRoundTrips(id: RPCID) throws {
        let frame = RPCMessage.result(id: id, resultJSON: Array("null".utf8))
        #expect(try RPCServerMessage.decode(frame) == [.response(id: id, result: .success(.null))])
    }

    @Test func resultFromFoundationEncoderReadsBack() throws {
        let frame = RPCMessage.result(id: .string("a"), resultJSON: try JSONCoding.encode(PingResult(time: Timestamp(milliseconds: 0))))
        #expect(try RPCServerMessage.decode(frame) == [.response(id: .string("a"), result: .success(["time": "1970-01-01T00:00:00.000Z"]))])
    }

    @Test func errorFrameIsValidAndReadsBack() throws {
        let error = RPCError(.rateLimited, reason: "too many failed logins; try again in 3 s", extra: ["retryAfterSeconds": 3])
        let frame = RPCMessage.error(id: .int(5), error)
        let parsed = try JSONParser.parse(frame)
        #expect(parsed["jsonrpc"] == "2.0")
        #expect(parsed["id"] == 5)
        #expect(parsed["error"]?["code"] == -32029)
        #expect(parsed["error"]?["message"] == "Rate limited")
        #expect(parsed["error"]?["data"] == ["kind": "rate_limited", "reason": "too many failed logins; try again in 3 s", "retryAfterSeconds": 3])
        #expect(parsed["result"] == nil)
        #expect(try RPCServerMessage.decode(frame) == [.response(id: .int(5), result: .failure(error))])
    }

    @Test func errorWithNullIDReadsBack() throws {
        let error = RPCError(.parseError, reason: "unexpected end of input at byte 0")
        #expect(try RPCServerMessage.decode(RPCMessage.error(id: .null, error)) == [.response(id: .null, result: .failure(error))])
    }

    @Test func eventFrameIsValidAndReadsBack() throws {
        let data: JSONValue = ["seq": 3, "action": "auth.login"]
        let frame = RPCMessage.event(topic: "audit", dataJSON: CanonicalJSON.encode(data))
        #expect(try JSONParser.parse(frame) == ["jsonrpc": "2.0", "method": "event", "params": ["topic": "audit", "data": data]])
        // An event is a notification: no id.
        #expect(try JSONParser.parse(frame)["id"] == nil)
        #expect(try RPCServerMessage.decode(frame) == [.event(topic: "audit", data: data)])
        // Keys are already in canonical order, so the frame is its own canonical form.
        #expect(CanonicalJSON.encode(try JSONParser.parse(frame)) == frame)
    }

    @Test func eventTopicIsEscaped() throws {
        let frame = RPCMessage.event(topic: "we\"ird\n", dataJSON: Array("[]".utf8))
        #expect(try RPCServerMessage.decode(frame) == [.event(topic: "we\"ird\n", data: [])])
    }

    @Test func batchFrameReadsBackInOrder() throws {
        let error = RPCError(.methodNotFound, reason: "no method named 'nope'")
        let frame = RPCMessage.batch([
            RPCMessage.result(id: .int(1), resultJSON: Array(#"{"ok":true}"#.utf8)),
            RPCMessage.error(id: .int(2), error),
            RPCMessage.error(id: .null, RPCError(.invalidRequest, reason: "a request must be an object, got number")),
        ])
        guard case .array(let items) = try JSONParser.parse(frame) else {
            Issue.record("a batch response must be an array")
            return
        }
        #expect(items.count == 3)
        let messages = try RPCServerMessage.decode(frame)
        #expect(messages.count == 3)
        #expect(messages[0] == .response(id: .int(1), result: .success(["ok": true])))
        #expect(messages[1] == .response(id: .int(2), result: .failure(error)))
        guard case .response(.null, .failure(let invalid)) = messages[2] else {
            Issue.record("the third response should be an error with a null id: \(messages[2])")
            return
        }
        #expect(invalid.code == .invalidRequest)
    }

    @Test func singleItemAndEmptyBatchFrames() throws {
        #expect(try JSONParser.parse(RPCMessage.batch([])) == [])
        let one = RPCMessage.batch([RPCMessage.result(id: .int(1), resultJSON: Array("1".utf8))])
        #expect(try RPCServerMessage.decode(one) == [.response(id: .int(1), result: .success(1))])
    }

    @Test func clientDecoderSkipsUnrecognisedMessages() throws {
        #expect(try RPCServerMessage.decode(Array(#"{"jsonrpc":"2.0","method":"other","params":{}}"#.utf8)) == [])
        #expect(try RPCServerMessage.decode(Array(#"{"jsonrpc":"2.0","id":{"bad":1},"result":1}"#.utf8)) == [])
        // A response without a result member reads as a null result rather than being dropped.
        #expect(try RPCServerMessage.decode(Array(#"{"jsonrpc":"2.0","id":3}"#.utf8)) == [.response(id: .int(3), result: .success(.null))])
    }

    @Test func clientDecoderThrowsOnGarbage() {
        #expect(throws: JSONParser.ParseError.self) { try RPCServerMessage.decode(Array("{".utf8)) }
    }
}
