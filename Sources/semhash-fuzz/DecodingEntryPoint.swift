import SemanticHashing

/// Fuzzes `TextDecoding.decode` and checks its contract: nil exactly when there is a NUL byte; otherwise
/// the UTF-8 reading when the bytes (without a leading byte order mark) are valid UTF-8, else one
/// character per byte, each the code point of the byte's value.
final class DecodingEntryPoint: FuzzEntryPoint {
    func run(_ input: UnsafeBufferPointer<UInt8>) {
        let decoded = TextDecoding.decode(input)
        guard let decoded else {
            FuzzCheck.require(input.contains(0), "decode returned nil for bytes without NUL")
            return
        }
        FuzzCheck.require(!input.contains(0), "decode decoded bytes containing NUL")
        let body = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : Array(input)
        switch decoded.encoding {
        case .utf8:
            FuzzCheck.require(decoded.text.utf8.elementsEqual(body), "the UTF-8 reading changed the bytes")
        case .latin1:
            FuzzCheck.require(String(validating: body, as: UTF8.self) == nil, "valid UTF-8 was read as latin-1")
            FuzzCheck.require(decoded.text.unicodeScalars.map(\.value).elementsEqual(body.map(UInt32.init)),
                              "the latin-1 reading is not one code point per byte")
        }
    }
}
