import Hummingbird

/// The search page: HTML, CSS and JavaScript written by hand in `Resources/` and compiled into the binary
/// (no build step, nothing fetched from elsewhere), and the API's OpenAPI description beside them.
enum SearchPage {
    static var html: Response { response(PackageResources.index_html, type: "text/html; charset=utf-8") }
    static var style: Response { response(PackageResources.page_css, type: "text/css; charset=utf-8") }
    static var script: Response { response(PackageResources.page_js, type: "text/javascript; charset=utf-8") }

    /// The page runs only its own script and style and talks only to this server; it is never framed.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    private static func response(_ bytes: [UInt8], type: String) -> Response {
        Response(status: .ok,
                 headers: [.contentType: type, .cacheControl: "no-cache", .contentSecurityPolicy: contentSecurityPolicy,
                           .xContentTypeOptions: "nosniff", .init("X-Frame-Options")!: "DENY"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// `GET /api/openapi.json`: the API described in OpenAPI 3.1 (`Resources/openapi.json`; a test checks that it
/// names exactly the routes the server registers).
enum OpenAPIDocument {
    static var bytes: [UInt8] { PackageResources.openapi_json }

    static var response: Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
