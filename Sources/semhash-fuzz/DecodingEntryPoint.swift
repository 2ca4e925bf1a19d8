import SemanticHashing

/// Fuzzes `TextDecoding.decode` and checks its contract: bytes of even length opening with a UTF-16 byte
/// order mark are UTF-16 (nil exactly when a code unit is NUL); other bytes are nil exactly when there is a
/// NUL byte, otherwise the UTF-8 reading when the bytes (without a leading byte order mark) are valid
/// UTF-8, else one character per byte, each the code point of the byte's value.
final class DecodingEntryPoint: FuzzEntryPoint {
    func run(_ input: UnsafeBufferPointer<UInt8>) {
        let decoded = TextDecoding.decode(input)
        if input.count % 2 == 0, input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            checkUTF16(input, decoded)
            return
        }
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
        case .utf16:
            FuzzCheck.require(false, "bytes without a UTF-16 byte order mark were read as UTF-16")
        }
    }

    private func checkUTF16(_ input: UnsafeBufferPointer<UInt8>, _ decoded: DecodedText?) {
        let bigEndian = input[0] == 0xFE
        let units = stride(from: 2, to: input.count, by: 2).map { start -> UInt16 in
            let (high, low) = bigEndian ? (input[start], input[start + 1]) : (input[start + 1], input[start])
            return UInt16(high) << 8 | UInt16(low)
        }
        guard let decoded else {
            FuzzCheck.require(units.contains(0), "decode returned nil for UTF-16 without a NUL code unit")
            return
        }
        FuzzCheck.require(!units.contains(0), "decode decoded UTF-16 containing a NUL code unit")
        FuzzCheck.require(decoded.encoding == .utf16, "bytes with a UTF-16 byte order mark were not read as UTF-16")
        if let valid = String(validating: units, as: UTF16.self) {
            FuzzCheck.require(decoded.text == valid, "the UTF-16 reading changed valid text")
        }
    }
}
