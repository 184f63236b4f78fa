/// Shortening and control-character stripping for client-supplied text echoed in errors, so a
/// name typed by a client cannot smuggle terminal escapes or pages of text into a reply.
public enum Sanitize {
    public static func short(_ text: String, limit: Int = 64) -> String {
        let clean = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.count > limit ? String(clean.prefix(limit)) + "…" : clean
    }
}
