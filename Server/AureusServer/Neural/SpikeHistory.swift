import AureusProtocol

/// The recent spikes of one source for `spikes.snapshot`: a ring of marks in sample order,
/// bounded both by time (`span` samples behind the newest) and by count, so an hours-long
/// 1,024-channel run holds at most `capacity` marks (~24 bytes each).
struct SpikeHistory {
    let capacity: Int
    let span: Int64
    private var marks: [SpikeMark] = []
    private var head = 0
    private(set) var count = 0

    init(capacity: Int, span: Int64) {
        self.capacity = capacity
        self.span = span
    }

    mutating func append(_ mark: SpikeMark) {
        if marks.count < capacity {
            marks.append(mark)
            count += 1
            return
        }
        marks[(head + count) % capacity] = mark
        if count == capacity { head = (head + 1) % capacity } else { count += 1 }
    }

    /// Forgets marks older than `span` samples before `newestSample`.
    mutating func trim(newestSample: Int64) {
        let oldest = newestSample - span
        while count > 0, marks[head].sample < oldest {
            head = (head + 1) % max(marks.count, 1)
            count -= 1
        }
    }

    /// How many marks have `sample >= fromSample`.
    func count(since fromSample: Int64) -> Int {
        var found = 0
        while found < count, marks[(head + count - 1 - found) % marks.count].sample >= fromSample { found += 1 }
        return found
    }

    /// Marks with `sample >= fromSample`, oldest first, at most `limit` (the newest kept).
    func since(_ fromSample: Int64, limit: Int) -> [SpikeMark] {
        var found: [SpikeMark] = []
        var index = count - 1
        while index >= 0, found.count < limit {
            let mark = marks[(head + index) % marks.count]
            if mark.sample < fromSample { break }
            found.append(mark)
            index -= 1
        }
        return found.reversed()
    }
}
