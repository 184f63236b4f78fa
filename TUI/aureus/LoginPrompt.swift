import AureusClient
import AureusProtocol
import Foundation

/// Logs in on the plain terminal before the dashboard takes the screen: username prompt,
/// password without echo (or from `--password-file`), up to three tries.
enum LoginPrompt {
    struct Credentials {
        var username: String
        var password: String
    }

    static func credentials(options: ClientOptions, attempt: Int) throws -> Credentials {
        var username = options.user
        if username == nil || attempt > 1 && options.passwordFile == nil {
            FileHandle.standardOutput.write(Data("Username\(username.map { " [\($0)]" } ?? ""): ".utf8))
            let typed = readLine(strippingNewline: true) ?? ""
            if !typed.isEmpty { username = typed }
        }
        guard let username, !username.isEmpty else { throw LoginFailure("no username given") }
        if let file = options.passwordFile {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw LoginFailure("cannot read \(file)") }
            return Credentials(username: username, password: String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""))
        }
        guard let raw = getpass("Password: ") else { throw LoginFailure("cannot read a password from the terminal") }
        return Credentials(username: username, password: String(cString: raw))
    }

    /// Opens a connection without a token, calls `auth.login`, and returns the session token.
    static func login(options: ClientOptions, connection: AureusConnection) async throws -> String {
        for attempt in 1...3 {
            let credentials = try credentials(options: options, attempt: attempt)
            do {
                let result: SessionResult = try await connection.call(
                    "auth.login",
                    LoginParams(username: credentials.username, password: credentials.password)
                )
                return result.token
            } catch let error as RPCError {
                print("login failed: \(error.reason)")
                if options.passwordFile != nil || error.code == .rateLimited { throw LoginFailure(error.reason) }
            }
        }
        throw LoginFailure("three failed attempts")
    }
}

struct LoginFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
