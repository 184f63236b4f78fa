import ArgumentParser
import AureusProtocol
import AureusServer
import Foundation

extension Role: ExpressibleByArgument {}

/// `aureusd users add|passwd|list`: administration on the server host, straight on the store.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage users directly in the store.",
        subcommands: [Add.self, Passwd.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")
        @OptionGroup var options: ServerOptions
        @Argument(help: "Username.") var username: String
        @Option(help: "Role: viewer, analyst, approver or admin.") var role: Role = .viewer
        @Flag(help: "Read the password from standard input instead of prompting.") var passwordStdin = false

        func run() async throws {
            let password = try readPassword(fromStdin: passwordStdin)
            let configuration = try options.resolve()
            let user = try await LocalAdmin.with(configuration: configuration, logger: ServerLogging.makeLogger(configuration)) { admin in
                try await admin.addUser(username: username, role: role, password: password)
            }
            print("created \(user.username) (\(user.role.rawValue))")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (ends their sessions).")
        @OptionGroup var options: ServerOptions
        @Argument(help: "Username.") var username: String
        @Flag(help: "Read the password from standard input instead of prompting.") var passwordStdin = false

        func run() async throws {
            let password = try readPassword(fromStdin: passwordStdin)
            let configuration = try options.resolve()
            try await LocalAdmin.with(configuration: configuration, logger: ServerLogging.makeLogger(configuration)) { admin in
                try await admin.setPassword(username: username, password: password)
            }
            print("password changed for \(username)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let configuration = try options.resolve()
            let users = try await LocalAdmin.with(configuration: configuration, logger: ServerLogging.makeLogger(configuration)) { admin in
                try await admin.listUsers()
            }
            for user in users {
                let name = user.username.padding(toLength: max(16, user.username.count), withPad: " ", startingAt: 0)
                print("\(name) \(user.role.rawValue)\(user.disabled ? " (disabled)" : "")")
            }
        }
    }
}

/// Reads a password without echo (getpass) or one line from stdin.
func readPassword(fromStdin: Bool) throws -> String {
    if fromStdin {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("no password on standard input") }
        return line
    }
    guard let first = getpass("Password: ").map({ String(cString: $0) }), let second = getpass("Repeat: ").map({ String(cString: $0) }) else {
        throw ValidationError("cannot read a password from the terminal; use --password-stdin")
    }
    guard first == second else { throw ValidationError("the passwords differ") }
    return first
}
