import ArgumentParser
import AureusProtocol
import AureusServer

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the server and protocol versions.")

    func run() {
        print("aureusd \(ServerVersion.string) (protocol \(ProtocolVersion.string))")
    }
}
