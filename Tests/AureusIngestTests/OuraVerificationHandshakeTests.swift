import AureusIngest
import AureusProtocol
import Testing

@Suite struct OuraVerificationHandshakeTests {
    @Test func echoesTheChallengeAsJSON() throws {
        let body = try OuraVerificationHandshake.respond(
            queryItems: [("verification_token", "tok-123"), ("challenge", "ch\"al/le<nge")],
            verificationToken: "tok-123"
        )
        #expect(try JSONParser.parse(body) == ["challenge": "ch\"al/le<nge"])
        #expect(String(decoding: body, as: UTF8.self) == #"{"challenge":"ch\"al/le<nge"}"#)
    }

    @Test(
        arguments: [
            ([("challenge", "c")], "tok", "missing_query_item", 400),
            ([("verification_token", "tok")], "tok", "missing_query_item", 400),
            ([("verification_token", "tok"), ("challenge", "")], "tok", "missing_query_item", 400),
            ([("verification_token", "tok2"), ("challenge", "c")], "tok", "verification_token_mismatch", 401),
            ([("verification_token", "to"), ("challenge", "c")], "tok", "verification_token_mismatch", 401),
            ([("verification_token", ""), ("challenge", "c")], "", "missing_query_item", 400),
        ] as [([(String, String)], String, String, Int)]
    )
    func rejections(items: [(String, String)], token: String, reason: String, status: Int) {
        do {
            _ = try OuraVerificationHandshake.respond(queryItems: items.map { (name: $0.0, value: $0.1) }, verificationToken: token)
            Issue.record("expected \(reason)")
        } catch {
            #expect(error.reason == reason)
            #expect(error.httpStatus == status)
        }
    }

    @Test func oversizedChallengeIsRefused() {
        let items = [(name: "verification_token", value: "t"), (name: "challenge", value: String(repeating: "x", count: 1025))]
        #expect(throws: WebhookRejection.self) { try OuraVerificationHandshake.respond(queryItems: items, verificationToken: "t") }
    }
}
