import ArgumentParser
import AureusClient
import AureusCrypto
import AureusProtocol
import Foundation

/// `aureus keys init|register|show`: the approver's own signing key.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Your approver key: create it, upload it, show it.",
        subcommands: [Init.self, Register.self, Show.self]
    )

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an Ed25519 key pair (private key 0600 under the XDG config dir).")

        @Flag(help: "Replace an existing key.")
        var force = false

        func run() throws {
            guard let file = ApproverKeyFile.standard() else { throw ValidationError("set HOME or XDG_CONFIG_HOME") }
            let pair = try file.create(force: force)
            print("created \(file.path)")
            print("key id:     \(pair.publicKey.approverKeyID)")
            print("public key: \(Base64.encode(pair.publicKey.bytes))")
            print("next: aureus keys register, then ask an admin to run keys.confirm")
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upload your public key (keys.register); an admin must confirm it.")

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let pair = try loadKey()
            let params = KeysRegisterParams(publicKey: Base64.encode(pair.publicKey.bytes))
            let info: ApproverKeyInfo = try await OneShotSession.run(options: options) { connection in
                try await connection.call("keys.register", params)
            }
            print("registered \(info.keyID) for \(info.username): \(info.status)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print your key id and public key.")

        func run() throws {
            let pair = try loadKey()
            print("key id:     \(pair.publicKey.approverKeyID)")
            print("public key: \(Base64.encode(pair.publicKey.bytes))")
        }
    }

    static func loadKey() throws -> Ed25519.KeyPair {
        guard let file = ApproverKeyFile.standard(), let pair = try file.load() else {
            throw ValidationError("no approver key; run `aureus keys init` first")
        }
        return pair
    }
}

private func loadKey() throws -> Ed25519.KeyPair { try KeysCommand.loadKey() }
