import AureusProtocol
import Foundation
import Testing

/// Timestamps are part of the audit hash and of every query filter; formatting is done by hand,
/// so the calendar arithmetic is checked against independently computed instants.
@Suite struct TimestampTests {
    /// (milliseconds since the epoch, RFC 3339), computed with Python's `datetime` in UTC.
    static let known: [(Int64, String)] = [
        (0, "1970-01-01T00:00:00.000Z"),
        (1000, "1970-01-01T00:00:01.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-14_182_940_000, "1969-07-20T20:17:40.000Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (951_868_800_000, "2000-03-01T00:00:00.000Z"),
        (-2_203_977_600_000, "1900-02-28T00:00:00.000Z"),
        (-2_203_891_200_000, "1900-03-01T00:00:00.000Z"),
        (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
        (4_107_542_400_000, "2100-03-01T00:00:00.000Z"),
        (-11_670_955_200_000, "1600-02-29T12:00:00.000Z"),
        (1_795_291_262_123, "2026-11-21T20:01:02.123Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ]

    @Test(arguments: known)
    func formats(milliseconds: Int64, text: String) {
        #expect(Timestamp(milliseconds: milliseconds).iso8601 == text)
        #expect(Timestamp(milliseconds: milliseconds).description == text)
    }

    /// IMF-fixdate for the HTTP `Date` header, computed with Python's `strftime` in UTC
    /// (RFC 9110's own example among them).
    @Test(arguments: [
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (784_111_777_000, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400_000, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_795_291_262_123, "Sat, 21 Nov 2026 20:01:02 GMT"),
        (-14_182_940_000, "Sun, 20 Jul 1969 20:17:40 GMT"),
        (253_402_300_799_999, "Fri, 31 Dec 9999 23:59:59 GMT"),
    ])
    func formatsHTTPDates(milliseconds: Int64, text: String) {
        #expect(Timestamp(milliseconds: milliseconds).httpDate == text)
    }

    @Test(arguments: known)
    func parses(milliseconds: Int64, text: String) {
        #expect(Timestamp(iso8601: text) == Timestamp(milliseconds: milliseconds))
    }

    @Test func roundTripsAcrossTheCalendar() {
        // A stride that is not a whole number of days or seconds walks through every month,
        // leap day and millisecond remainder, before and after the epoch.
        var milliseconds: Int64 = -62_135_596_800_000
        var count = 0
        while milliseconds < 253_402_300_799_999 {
            let stamp = Timestamp(milliseconds: milliseconds)
            #expect(Timestamp(iso8601: stamp.iso8601) == stamp, "\(milliseconds)")
            milliseconds += 86_400_000 * 37 + 3_600_000 * 5 + 61_001 + 7
            count += 1
        }
        #expect(count > 70_000)
    }

    @Test(arguments: [
        ("2026-11-21T22:01:02.123+02:00", "2026-11-21T20:01:02.123Z"),
        ("2026-11-21T14:31:02.123-05:30", "2026-11-21T20:01:02.123Z"),
        ("2026-11-21T20:01:02.123+00:00", "2026-11-21T20:01:02.123Z"),
        ("2026-01-01T01:00:00+02:00", "2025-12-31T23:00:00.000Z"),
        ("2000-03-01T00:30:00+01:00", "2000-02-29T23:30:00.000Z"),
        ("2026-11-21t20:01:02z", "2026-11-21T20:01:02.000Z"),
        ("2026-11-21 20:01:02Z", "2026-11-21T20:01:02.000Z"),
    ])
    func parsesOffsetsAndSeparators(text: String, utc: String) throws {
        #expect(try #require(Timestamp(iso8601: text)).iso8601 == utc)
    }

    @Test(arguments: [(".1", 100), (".12", 120), (".123", 123), (".0", 0), (".009", 9)] as [(String, Int64)])
    func parsesShortFractions(fraction: String, milliseconds: Int64) {
        #expect(Timestamp(iso8601: "1970-01-01T00:00:00\(fraction)Z") == Timestamp(milliseconds: milliseconds))
    }

    @Test(arguments: [(".1234", 123), (".12345", 123), (".123456", 123), (".999999", 999)] as [(String, Int64)])
    func parsesLongFractionsByTruncating(fraction: String, milliseconds: Int64) {
        #expect(Timestamp(iso8601: "1970-01-01T00:00:00\(fraction)Z") == Timestamp(milliseconds: milliseconds))
        #expect(Timestamp(iso8601: "1970-01-01T02:00:00\(fraction)+02:00") == Timestamp(milliseconds: milliseconds))
    }

    @Test func parsesEpochMillisecondsAsText() {
        #expect(Timestamp(iso8601: "1795291262123") == Timestamp(milliseconds: 1_795_291_262_123))
        #expect(Timestamp(iso8601: "-1") == Timestamp(milliseconds: -1))
        #expect(Timestamp(iso8601: "0") == Timestamp(milliseconds: 0))
    }

    @Test(arguments: [
        "", "2026-11", "yesterday", "2026-11-21", "2026-11-21T20:01:02", "2026-11-21T20:01Z", "2026-11-21T20:01:02.Z",
        "2026-11-21T20:01:02.123", "2026-11-21T20:01:02+0200", "2026-11-21T20:01:02+02", "2026-11-21T20:01:02+02:0x",
        "2026-11-21T20:01:02Zjunk", "2026-11-21T20:01:02.123Z ", " 2026-11-21T20:01:02Z", "2026-11-21X20:01:02Z",
        "2026/11/21T20:01:02Z", "2026-1-21T20:01:02Z", "abcd-11-21T20:01:02Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
        "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:61Z",
        "2026-01-01T-1:00:00Z", "2026-11-21T20:01:02.1a3Z", "12.5", "٢٠٢٦-11-21T20:01:02Z",
    ])
    func rejectsInvalidText(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T00:00:00+24:99"])
    func rejectsImpossibleDates(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func ordersAndAdds() {
        let start = Timestamp(milliseconds: 1_000)
        #expect(start < start.adding(milliseconds: 1))
        #expect(start.adding(milliseconds: -2_000) == Timestamp(milliseconds: -1_000))
        #expect([Timestamp(milliseconds: 3), Timestamp(milliseconds: -3), Timestamp(milliseconds: 0)].sorted().map(\.milliseconds) == [-3, 0, 3])
    }

    private struct Box: Codable, Equatable {
        var time: Timestamp
    }

    @Test func codableUsesTheWireForm() throws {
        let encoded = try JSONCoding.encode(Box(time: Timestamp(milliseconds: 951_782_400_001)))
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"time":"2000-02-29T00:00:00.001Z"}"#)
        #expect(try JSONCoding.decoder.decode(Box.self, from: Data(encoded)) == Box(time: Timestamp(milliseconds: 951_782_400_001)))
        // Integers are read as epoch milliseconds, offsets are normalised.
        #expect(try (["time": 5] as JSONValue).decode(Box.self) == Box(time: Timestamp(milliseconds: 5)))
        #expect(try (["time": "1970-01-01T01:00:00.005+01:00"] as JSONValue).decode(Box.self) == Box(time: Timestamp(milliseconds: 5)))
    }

    @Test func decodingRejectsBadText() {
        let error = #expect(throws: DecodingError.self) { try (["time": "noon"] as JSONValue).decode(Box.self) }
        #expect(error.map { JSONCoding.describe($0) }?.contains("not an RFC 3339 time: 'noon'") == true)
        #expect(throws: DecodingError.self) { try (["time": true] as JSONValue).decode(Box.self) }
    }
}
