internal import AureusTUI

/// TUI theme files (`themes/*.toml` and a user's own): the TOML parse, colours, borders and
/// attributes per role.
public enum ThemeHarness {
    public static func run(_ input: FuzzInput) {
        var input = input
        do {
            _ = try Theme(parsing: String(decoding: input.rest(), as: UTF8.self), fallbackName: "fuzz")
        } catch {
            _ = error.description
        }
    }
}
