import AureusProtocol
import Hummingbird

/// An RFC 9457 problem document: every HTTP error the server returns has a reason.
struct HTTPProblem: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let title: String
    let detail: String
    var headers: HTTPFields = [:]

    static let contentType = "application/problem+json"

    var body: [UInt8] {
        CanonicalJSON.encode(["type": "about:blank", "title": .string(title), "status": .int(Int64(status.code)), "detail": .string(detail)])
    }

    func response() -> Response {
        var fields = headers
        fields[.contentType] = Self.contentType
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response { response() }
}
