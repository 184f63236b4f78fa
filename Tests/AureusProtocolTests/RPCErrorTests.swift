import AureusProtocol
import Testing

@Suite struct RPCErrorTests {
    @Test func codesAreStableAndUnique() {
        let expected: [(Int, String)] = [
            (-32700, "parse_error"), (-32600, "invalid_request"), (-32601, "method_not_found"), (-32602, "invalid_params"),
            (-32603, "internal_error"), (-32001, "unauthenticated"), (-32003, "forbidden"), (-32004, "not_found"),
            (-32009, "conflict"), (-32013, "payload_too_large"), (-32029, "rate_limited"), (-32050, "unavailable"),
        ]
        #expect(RPCErrorCode.all.map(\.code) == expected.map(\.0))
        #expect(RPCErrorCode.all.map(\.name) == expected.map(\.1))
        #expect(Set(RPCErrorCode.all.map(\.code)).count == RPCErrorCode.all.count)
        for code in RPCErrorCode.all {
            #expect(RPCErrorCode.named(code.name) == code)
            #expect(RPCErrorCode.withCode(code.code) == code)
            #expect(!code.message.isEmpty)
            // Application codes stay inside the implementation-defined server-error range.
            #expect((-32099 ... -32000).contains(code.code) || (-32700 ... -32600).contains(code.code))
        }
        #expect(RPCErrorCode.named("nope") == nil)
        #expect(RPCErrorCode.withCode(1) == nil)
    }

    @Test(arguments: RPCErrorCode.all)
    func jsonRoundTripsForEveryCode(code: RPCErrorCode) throws {
        let error = RPCError(code, reason: "because \(code.name)")
        expectWireForm(error)
        #expect(error.json["message"] == .string(code.message))
        #expect(RPCError(json: error.json) == error)
        // Through bytes too, as a client receives it.
        #expect(RPCError(json: try JSONParser.parse(CanonicalJSON.encode(error.json))) == error)
    }

    @Test func customMessageAndExtraSurvive() {
        let error = RPCError(.forbidden, reason: "needs admin", message: "Nope", extra: ["required": "admin", "n": 2])
        #expect(
            error.json == ["code": -32003, "message": "Nope", "data": ["kind": "forbidden", "reason": "needs admin", "required": "admin", "n": 2]]
        )
        #expect(RPCError(json: error.json) == error)
        #expect(error.description == "Nope: needs admin")
    }

    @Test func kindAndReasonCannotBeOverriddenByExtra() {
        let error = RPCError(.conflict, reason: "real", extra: ["kind": "fake", "reason": "fake"])
        #expect(error.json["data"]?["kind"] == "conflict")
        #expect(error.json["data"]?["reason"] == "real")
    }

    @Test func readsForeignErrorObjects() throws {
        // Unknown kind and code: kept as-is so the client can still show it.
        let foreign = try #require(RPCError(json: ["code": -32077, "message": "Strange", "data": ["kind": "strange", "reason": "r"]]))
        #expect(foreign.code.code == -32077)
        #expect(foreign.code.name == "strange")
        #expect(foreign.reason == "r")
        // No data at all: the reason falls back to the message, the kind to the standard name.
        let bare = try #require(RPCError(json: ["code": -32601, "message": "Method not found"]))
        #expect(bare.code == .methodNotFound)
        #expect(bare.reason == "Method not found")
        #expect(RPCError(json: ["message": "no code"]) == nil)
        #expect(RPCError(json: "not an object") == nil)
    }

    @Test func errorIsItsOwnConversion() {
        let error = RPCError(.notFound, reason: "no user named 'x'")
        let convertible: any RPCErrorConvertible = error
        #expect(convertible.rpcError == error)
    }
}
