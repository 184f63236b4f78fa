import Foundation

/// Runs a program to completion and returns its standard output; throws with stderr on failure.
public enum Shell {
    /// `run` on its own thread, for async tests (see `offPool`).
    @discardableResult
    public static func runOffPool(_ program: String, _ arguments: [String]) async throws -> String {
        try await offPool { try run(program, arguments) }
    }

    /// - Parameter detaches: the program leaves a daemon behind (`tmux new-session`) that would
    ///   hold captured pipes open forever; its output is discarded instead of read.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], detaches: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.standardInput = FileHandle.nullDevice
        if detaches {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw ShellError("\(program) exited \(process.terminationStatus)") }
            return ""
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ShellError(
                "\(program) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))"
            )
        }
        return String(decoding: output, as: UTF8.self)
    }
}

public struct ShellError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
