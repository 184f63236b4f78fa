import AureusProtocol
import Hummingbird

/// An RFC 9457 problem document: every HTTP error the server returns has a reason.
struct HTTPProblem: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let title: String
    let detail: String
    var headers: HTTPFields = [:]

    func response() -> Response {
        let body: JSONValue = ["type": "about:blank", "title": .string(title), "status": .int(Int64(status.code)), "detail": .string(detail)]
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: CanonicalJSON.encode(body))))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response { response() }
}
