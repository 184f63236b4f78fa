import CSodium

/// Cryptographically secure random bytes from libsodium (getrandom on Linux).
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        Sodium.ready()
        var out = [UInt8](repeating: 0, count: count)
        if count > 0 { out.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) } }
        return out
    }
}

/// Comparisons whose time does not depend on where the inputs differ.
public enum ConstantTime {
    /// True when both are equal. Lengths are compared first (length is not secret).
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        Sodium.ready()
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in sodium_memcmp(left.baseAddress, right.baseAddress, lhs.count) == 0 }
        }
    }
}
