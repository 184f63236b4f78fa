/// The `rates` topic and `rates.snapshot` result: live webhook ingestion rates per source and
/// metric, the newest value per (masked user, metric), and rejection counters.
public struct RatesSnapshot: Codable, Sendable, Hashable {
    public var time: Timestamp
    public var series: [RateSeries]
    public var latest: [LatestValue]
    public var totals: IngestTotals
    public var rejections: RejectionCounters

    public init(time: Timestamp, series: [RateSeries], latest: [LatestValue], totals: IngestTotals, rejections: RejectionCounters) {
        self.time = time
        self.series = series
        self.latest = latest
        self.totals = totals
        self.rejections = rejections
    }
}

/// Events per second for one (source, metric) pair. `metric` is "notification" for
/// deliveries that carry no samples.
public struct RateSeries: Codable, Sendable, Hashable {
    public var source: String
    public var kind: String
    public var metric: String
    public var perSecond1s: Double
    public var perSecond10s: Double
    public var perSecond60s: Double
    public var total: Int64
    /// Events in each of the last seconds, oldest first (up to 300), for sparklines wider than the pane.
    public var history: [Int]

    public init(
        source: String,
        kind: String,
        metric: String,
        perSecond1s: Double,
        perSecond10s: Double,
        perSecond60s: Double,
        total: Int64,
        history: [Int]
    ) {
        self.source = source
        self.kind = kind
        self.metric = metric
        self.perSecond1s = perSecond1s
        self.perSecond10s = perSecond10s
        self.perSecond60s = perSecond60s
        self.total = total
        self.history = history
    }
}

/// The newest value of a metric for one pseudonymous user (never a provider user id).
public struct LatestValue: Codable, Sendable, Hashable {
    public var source: String
    public var metric: String
    public var user: String
    public var value: Double
    public var unit: String
    public var time: Timestamp

    public init(source: String, metric: String, user: String, value: Double, unit: String, time: Timestamp) {
        self.source = source
        self.metric = metric
        self.user = user
        self.value = value
        self.unit = unit
        self.time = time
    }
}

public struct IngestTotals: Codable, Sendable, Hashable {
    /// Deliveries acknowledged with 2xx (stored or duplicate).
    public var accepted: Int64
    public var stored: Int64
    public var samples: Int64

    public init(accepted: Int64, stored: Int64, samples: Int64) {
        self.accepted = accepted
        self.stored = stored
        self.samples = samples
    }
}

public struct RejectionCounters: Codable, Sendable, Hashable {
    public var authFailures: Int64
    public var duplicates: Int64
    public var overload: Int64
    public var malformed: Int64
    public var tooLarge: Int64
    public var unknownSource: Int64

    public init(
        authFailures: Int64 = 0,
        duplicates: Int64 = 0,
        overload: Int64 = 0,
        malformed: Int64 = 0,
        tooLarge: Int64 = 0,
        unknownSource: Int64 = 0
    ) {
        self.authFailures = authFailures
        self.duplicates = duplicates
        self.overload = overload
        self.malformed = malformed
        self.tooLarge = tooLarge
        self.unknownSource = unknownSource
    }
}
