import CSodium

/// Base64 through libsodium: standard and URL-safe alphabets, with or without padding.
public enum Base64 {
    public enum Variant: Sendable {
        case standard
        case urlSafeNoPadding

        var sodium: Int32 {
            switch self {
            case .standard: sodium_base64_VARIANT_ORIGINAL
            case .urlSafeNoPadding: sodium_base64_VARIANT_URLSAFE_NO_PADDING
            }
        }
    }

    public static func encode(_ bytes: some Collection<UInt8>, variant: Variant = .standard) -> String {
        Sodium.ready()
        let input = Array(bytes)
        let length = sodium_base64_encoded_len(input.count, variant.sodium)
        var out = [CChar](repeating: 0, count: length)
        _ = input.withUnsafeBufferPointer { sodium_bin2base64(&out, length, $0.baseAddress, input.count, variant.sodium) }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// nil when `text` is not valid in this variant.
    public static func decode(_ text: String, variant: Variant = .standard) -> [UInt8]? {
        Sodium.ready()
        let input = Array(text.utf8CString.dropLast())
        var out = [UInt8](repeating: 0, count: input.count * 3 / 4 + 3)
        var written = 0
        let status = input.withUnsafeBufferPointer { inPtr in
            sodium_base642bin(&out, out.count, inPtr.baseAddress, input.count, nil, &written, nil, variant.sodium)
        }
        guard status == 0 else { return nil }
        return Array(out.prefix(written))
    }
}
