import AureusProtocol
import Testing

/// Every malformed frame must turn into exactly one well-formed error, with the code a client
/// switches on and a `data.reason` it can show.
@Suite struct RPCInboundTests {
    private func decode(_ text: String) -> RPCInbound { RPCInbound.decode(Array(text.utf8)) }

    /// The error of a single invalid item, checked for its wire form as well.
    private func singleError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> (id: RPCID, error: RPCError)? {
        guard case .single(.invalid(let id, let error)) = decode(text) else {
            Issue.record("expected a single invalid item for \(text), got \(decode(text))", sourceLocation: sourceLocation)
            return nil
        }
        expectWireForm(error, sourceLocation: sourceLocation)
        return (id, error)
    }

    @Test func decodesARequest() {
        let inbound = decode(#"{"jsonrpc":"2.0","id":1,"method":"server.ping","params":{}}"#)
        #expect(inbound == .single(.request(RPCRequest(id: .int(1), method: "server.ping", params: [:]))))
    }

    @Test func decodesStringAndNullIDsAndArrayParams() {
        #expect(
            decode(#"{"jsonrpc":"2.0","id":"abc","method":"m","params":[1,2]}"#)
                == .single(.request(RPCRequest(id: .string("abc"), method: "m", params: [1, 2])))
        )
        #expect(decode(#"{"jsonrpc":"2.0","id":null,"method":"m"}"#) == .single(.request(RPCRequest(id: .null, method: "m"))))
    }

    @Test func decodesANotification() throws {
        let inbound = decode(#"{"jsonrpc":"2.0","method":"unsubscribe","params":{"topics":["audit"]}}"#)
        guard case .single(.request(let request)) = inbound else {
            Issue.record("not a request: \(inbound)")
            return
        }
        #expect(request.isNotification)
        #expect(request.id == nil)
        #expect(request.params == ["topics": ["audit"]])
    }

    @Test func requestEncoderRoundTrips() {
        for request in [
            RPCRequest(id: .int(9), method: "auth.login", params: ["username": "u", "password": "p"]),
            RPCRequest(id: .string("x-1"), method: "server.hello"),
            RPCRequest(id: nil, method: "unsubscribe", params: ["topics": ["gpu"]]),
        ] {
            #expect(RPCInbound.decode(CanonicalJSON.encode(request.json)) == .single(.request(request)))
        }
    }

    @Test func unreadableFrameIsAParseErrorWithTheParserReason() {
        guard case .unreadable(let error) = decode(#"{"jsonrpc":"2.0","id":1,"method":"m""#) else {
            Issue.record("expected unreadable")
            return
        }
        #expect(error.code == .parseError)
        #expect(error.code.code == -32700)
        #expect(error.reason == "unexpected end of input in object at byte 36")
        expectWireForm(error)
        #expect(error.json["data"]?["kind"] == "parse_error")
    }

    @Test(arguments: ["", "not json", "{\"a\":1} trailing", "[1,]"])
    func garbageIsAParseError(text: String) {
        guard case .unreadable(let error) = decode(text) else {
            Issue.record("expected unreadable for \(text)")
            return
        }
        #expect(error.code == .parseError)
        #expect(error.reason.contains("at byte"))
    }

    @Test func emptyBatchIsAnInvalidRequest() {
        guard case .unreadable(let error) = decode("[]") else {
            Issue.record("expected unreadable")
            return
        }
        #expect(error.code == .invalidRequest)
        #expect(error.code.code == -32600)
        #expect(error.reason == "empty batch")
        expectWireForm(error)
    }

    @Test func batchAtTheLimitIsAccepted() {
        let items = (1...RPCInbound.maxBatch).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"server.ping"}"# }
        guard case .batch(let decoded) = decode("[" + items.joined(separator: ",") + "]") else {
            Issue.record("expected a batch")
            return
        }
        #expect(decoded.count == 100)
        #expect(decoded.last == .request(RPCRequest(id: .int(100), method: "server.ping")))
    }

    @Test func batchOverTheLimitIsRefusedWhole() {
        let items = Array(repeating: #"{"jsonrpc":"2.0","method":"server.ping"}"#, count: RPCInbound.maxBatch + 1)
        guard case .unreadable(let error) = decode("[" + items.joined(separator: ",") + "]") else {
            Issue.record("expected unreadable")
            return
        }
        #expect(error.code == .invalidRequest)
        #expect(error.reason == "batch of 101 requests exceeds the limit of 100")
    }

    @Test func batchKeepsValidAndInvalidItemsInOrder() {
        let frame = """
            [{"jsonrpc":"2.0","id":1,"method":"a"}, 5, {"jsonrpc":"1.0","id":"two","method":"b"},
             {"jsonrpc":"2.0","method":"notify"}, {"jsonrpc":"2.0","id":true,"method":"c"}, []]
            """
        guard case .batch(let items) = decode(frame) else {
            Issue.record("expected a batch")
            return
        }
        #expect(items.count == 6)
        #expect(items[0] == .request(RPCRequest(id: .int(1), method: "a")))
        #expect(items[3] == .request(RPCRequest(id: nil, method: "notify")))
        let invalid: [(Int, RPCID, String)] = [
            (1, .null, "a request must be an object, got number"),
            (2, .string("two"), "jsonrpc must be \"2.0\""),
            (4, .null, "id must be a string, an integer or null"),
            (5, .null, "a request must be an object, got array"),
        ]
        for (index, id, reason) in invalid {
            guard case .invalid(let gotID, let error) = items[index] else {
                Issue.record("item \(index) should be invalid: \(items[index])")
                continue
            }
            #expect(gotID == id, "item \(index)")
            #expect(error.code == .invalidRequest, "item \(index)")
            #expect(error.reason == reason, "item \(index)")
        }
    }

    @Test(arguments: [
        (#"{"id":1,"method":"m"}"#, RPCID.int(1), "jsonrpc must be \"2.0\""),
        (#"{"jsonrpc":"1.0","id":1,"method":"m"}"#, .int(1), "jsonrpc must be \"2.0\""),
        (#"{"jsonrpc":2.0,"id":"s","method":"m"}"#, .string("s"), "jsonrpc must be \"2.0\""),
        (#"{"jsonrpc":"2.0","id":1}"#, .int(1), "method must be a non-empty string"),
        (#"{"jsonrpc":"2.0","id":1,"method":""}"#, .int(1), "method must be a non-empty string"),
        (#"{"jsonrpc":"2.0","id":1,"method":42}"#, .int(1), "method must be a non-empty string"),
        (#"{"jsonrpc":"2.0","method":["m"]}"#, .null, "method must be a non-empty string"),
        (#"{"jsonrpc":"2.0","id":1.5,"method":"m"}"#, .null, "id must be a string, an integer or null"),
        (#"{"jsonrpc":"2.0","id":{"n":1},"method":"m"}"#, .null, "id must be a string, an integer or null"),
        (#"{"jsonrpc":"2.0","id":[1],"method":"m"}"#, .null, "id must be a string, an integer or null"),
        (#"{"jsonrpc":"2.0","id":false,"method":"m"}"#, .null, "id must be a string, an integer or null"),
        (#"{"jsonrpc":"2.0","id":3,"method":"m","params":"x"}"#, .int(3), "params must be an object or an array"),
        (#"{"jsonrpc":"2.0","id":3,"method":"m","params":7}"#, .int(3), "params must be an object or an array"),
        (#"{"jsonrpc":"2.0","id":3,"method":"m","params":null}"#, .int(3), "params must be an object or an array"),
        (#"{"jsonrpc":"2.0","id":3,"method":"m","params":true}"#, .int(3), "params must be an object or an array"),
        ("\"just a string\"", .null, "a request must be an object, got string"),
        ("null", .null, "a request must be an object, got null"),
    ])
    func invalidRequestsEarnInvalidRequest(frame: String, id: RPCID, reason: String) throws {
        let (gotID, error) = try #require(singleError(frame))
        #expect(gotID == id)
        #expect(error.code == .invalidRequest)
        #expect(error.reason == reason)
    }
}

/// Every error on the wire carries `code`, `message`, `data.kind` and `data.reason`.
func expectWireForm(_ error: RPCError, sourceLocation: SourceLocation = #_sourceLocation) {
    let json = error.json
    #expect(json["code"] == .int(Int64(error.code.code)), sourceLocation: sourceLocation)
    #expect(json["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(json["data"]?["kind"] == .string(error.code.name), sourceLocation: sourceLocation)
    #expect(json["data"]?["reason"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
}
