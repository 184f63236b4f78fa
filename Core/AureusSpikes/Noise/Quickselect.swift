/// In-place selection (Hoare's quickselect, median-of-three pivot) for the noise estimator's medians.
///
/// Expected O(n) and allocation-free, which is why the estimator uses it rather than sorting its window.
enum Quickselect {
    /// The median of `values[0..<count]` (mean of the two middle values for even counts, as numpy); reorders them.
    static func median(_ values: inout [Float], count: Int) -> Float {
        precondition(count > 0 && count <= values.count)
        return values.withUnsafeMutableBufferPointer { v in
            let upper = select(v, count: count, rank: count / 2)
            guard count % 2 == 0 else { return upper }
            // After selecting rank count/2, everything before it is <= it; the lower middle is their maximum.
            var lower = v[0]
            for i in 1..<(count / 2) where v[i] > lower { lower = v[i] }
            return (lower + upper) / 2
        }
    }

    /// The value of rank `rank` (0-based) among `v[0..<count]`, leaving smaller values before it.
    static func select(_ v: UnsafeMutableBufferPointer<Float>, count: Int, rank: Int) -> Float {
        var lo = 0
        var hi = count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            // Median of three into v[mid] as the pivot value.
            if v[mid] < v[lo] { v.swapAt(mid, lo) }
            if v[hi] < v[lo] { v.swapAt(hi, lo) }
            if v[hi] < v[mid] { v.swapAt(hi, mid) }
            let pivot = v[mid]
            var i = lo
            var j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j {
                hi = j
            } else if rank >= i {
                lo = i
            } else {
                return v[rank]
            }
        }
        return v[rank]
    }
}
