import ArgumentParser
import AureusClient
import AureusProtocol
import Foundation

/// `aureus call METHOD [PARAMS]`: one JSON-RPC call, result printed as JSON. For scripts and
/// admins (`aureus call keys.confirm '{"keyID":"ak-…"}'`); errors go to stderr with exit code 1.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "call", abstract: "Call one JSON-RPC method and print its result as JSON.")

    @OptionGroup var options: ClientOptions

    @Argument(help: "The method, e.g. approvals.list.")
    var method: String

    @Argument(help: "Params as a JSON object (default {}); '-' reads them from stdin.")
    var params: String = "{}"

    func run() async throws {
        let text = params == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : params
        let value: JSONValue
        do { value = try JSONParser.parse(Array(text.utf8)) } catch { throw ValidationError("params are not valid JSON: \(error)") }
        let method = self.method
        do {
            let result = try await OneShotSession.run(options: options) { connection in
                try await connection.callRaw(method, params: value)
            }
            print(CanonicalJSON.string(result))
        } catch let error as RPCError {
            FileHandle.standardError.write(Data("aureus: \(method) failed: \(error.code.name): \(error.reason)\n".utf8))
            throw ExitCode(1)
        }
    }
}
