/// Reads little-endian fixed-width values from a byte array, never past its end.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    mutating func readByte() throws(ModelError) -> UInt8 {
        try ensure(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt32() throws(ModelError) -> UInt32 {
        try ensure(4)
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * UInt32(index)) }
        offset += 4
        return value
    }

    mutating func readUInt64() throws(ModelError) -> UInt64 {
        try ensure(8)
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return value
    }

    /// A count that must fit in the remaining bytes when each item takes `itemSize` bytes.
    mutating func readCount(itemSize: Int) throws(ModelError) -> Int {
        let count = Int(try readUInt32())
        guard count.multipliedReportingOverflow(by: itemSize).partialValue <= remaining else {
            throw .malformed("a stored length (\(count)) exceeds the bytes that follow")
        }
        return count
    }

    mutating func readFloats(_ count: Int) throws(ModelError) -> [Float] {
        try ensure(count * 4)
        let start = offset
        let values = bytes.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let pattern = raw.loadUnaligned(fromByteOffset: start + 4 * index, as: UInt32.self)
                    buffer[index] = Float(bitPattern: UInt32(littleEndian: pattern))
                }
                initialized = count
            }
        }
        offset += count * 4
        return values
    }

    mutating func readBytes(_ count: Int) throws(ModelError) -> ArraySlice<UInt8> {
        try ensure(count)
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    private func ensure(_ count: Int) throws(ModelError) {
        guard count <= remaining else { throw .malformed("a field runs past the end of the model") }
    }
}
