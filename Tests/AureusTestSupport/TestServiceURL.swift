import Foundation

/// The URL of a service `make test` starts and exports (PostgreSQL, Redis).
enum TestServiceURL {
    /// The value of `variable`, or nil when `skipFlag` is set to 1 (the tests run without that
    /// service on purpose). Missing without the flag is an error, not a skip, so CI cannot pass
    /// by silently testing nothing.
    static func required(_ variable: String, skipFlag: String) throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment[variable], !url.isEmpty { return url }
        if environment[skipFlag] == "1" { return nil }
        throw ShellError("\(variable) is not set: run the tests through `make test`, or set \(skipFlag)=1")
    }
}
