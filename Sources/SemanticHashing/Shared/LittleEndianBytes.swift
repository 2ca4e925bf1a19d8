/// Little-endian bytes, the one byte layout semhash writes: `ByteWriter` and `ByteReader` for the model
/// and checkpoint formats (values appended and read in order), `LittleEndianBlob` for the index's blobs
/// (whole vectors, hashes and bags copied at once).

/// Appends little-endian fixed-width values to a byte array.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func write(_ value: UInt8) { bytes.append(value) }

    mutating func write(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ values: [Float]) {
        for value in values { write(value.bitPattern) }
    }

    mutating func write(_ raw: some Collection<UInt8>) { bytes.append(contentsOf: raw) }

    /// Overwrites 8 bytes at `offset` with `value` (for a length known only at the end).
    mutating func patch(_ value: UInt64, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }
}

/// Reads little-endian fixed-width values from a byte array, never past its end: a read that would run
/// past it, or a stored count larger than the bytes that follow, throws `malformed(reason)`, so that each
/// format reports damage with its own error type (`ByteReader<ModelError>` for models and checkpoints).
struct ByteReader<Failure: Error> {
    let bytes: [UInt8]
    private(set) var offset = 0
    private let malformed: (String) -> Failure

    init(_ bytes: [UInt8], offset: Int = 0, malformed: @escaping (String) -> Failure) {
        self.bytes = bytes
        self.offset = offset
        self.malformed = malformed
    }

    var remaining: Int { bytes.count - offset }

    mutating func readByte() throws(Failure) -> UInt8 {
        try ensure(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt32() throws(Failure) -> UInt32 {
        try ensure(4)
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * UInt32(index)) }
        offset += 4
        return value
    }

    mutating func readUInt64() throws(Failure) -> UInt64 {
        try ensure(8)
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return value
    }

    /// A count that must fit in the remaining bytes when each item takes `itemSize` bytes.
    mutating func readCount(itemSize: Int) throws(Failure) -> Int {
        let count = Int(try readUInt32())
        guard count.multipliedReportingOverflow(by: itemSize).partialValue <= remaining else {
            throw malformed("a stored length (\(count)) exceeds the bytes that follow")
        }
        return count
    }

    mutating func readFloats(_ count: Int) throws(Failure) -> [Float] {
        try ensure(count * 4)
        let start = offset
        let values = bytes.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                #if _endian(little)
                // The stored order is the machine's: one copy (a model's weights are megabytes).
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + 4 * count)]))
                #else
                for index in 0..<count {
                    let pattern = raw.loadUnaligned(fromByteOffset: start + 4 * index, as: UInt32.self)
                    buffer[index] = Float(bitPattern: UInt32(littleEndian: pattern))
                }
                #endif
                initialized = count
            }
        }
        offset += count * 4
        return values
    }

    mutating func readBytes(_ count: Int) throws(Failure) -> ArraySlice<UInt8> {
        try ensure(count)
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    private func ensure(_ count: Int) throws(Failure) {
        guard count <= remaining else { throw malformed("a field runs past the end of the data") }
    }
}

/// The byte layouts of the index's blobs: little-endian Float32 vectors, UInt64 words, and bags of words
/// as (Int32 term id, Float32 count) pairs.
///
/// Each value is converted with `.littleEndian`, which is free on little-endian machines: the loops
/// compile to plain copies there, and the same code stays correct on big-endian ones.
enum LittleEndianBlob {
    /// The bytes of `values` as little-endian Float32, 4 per value.
    static func bytes<C: Collection<Float>>(of values: C) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: values.count * 4)
        bytes.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() {
                raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
            }
        }
        return bytes
    }

    /// The bytes of `words` as little-endian UInt64, 8 per word.
    static func bytes<C: Collection<UInt64>>(of words: C) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: words.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for (index, word) in words.enumerated() {
                raw.storeBytes(of: word.littleEndian, toByteOffset: index * 8, as: UInt64.self)
            }
        }
        return bytes
    }

    /// Decodes `blob.count / 4` little-endian Float32 values into `destination`, which must have room.
    static func copyFloats(from blob: UnsafeRawBufferPointer, into destination: UnsafeMutableBufferPointer<Float>) {
        let count = blob.count / 4
        precondition(blob.count % 4 == 0 && destination.count >= count, "blob and destination sizes differ")
        for index in 0..<count {
            let bits = UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
            destination[index] = Float(bitPattern: bits)
        }
    }

    /// Decodes `blob.count / 8` little-endian UInt64 words into `destination`, which must have room.
    static func copyWords(from blob: UnsafeRawBufferPointer, into destination: UnsafeMutableBufferPointer<UInt64>) {
        let count = blob.count / 8
        precondition(blob.count % 8 == 0 && destination.count >= count, "blob and destination sizes differ")
        for index in 0..<count {
            destination[index] = UInt64(littleEndian: blob.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
    }

    /// Little-endian Float32 values as an array (nil when the length is not a multiple of 4).
    static func floats(from blob: UnsafeRawBufferPointer) -> [Float]? {
        guard blob.count % 4 == 0 else { return nil }
        return [Float](unsafeUninitializedCapacity: blob.count / 4) { buffer, initialized in
            copyFloats(from: blob, into: buffer)
            initialized = blob.count / 4
        }
    }

    /// A bag of words as packed (Int32 term id, Float32 count) pairs, 8 bytes each, in term order.
    static func bytes(of bag: BagOfWords) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: bag.termIDs.count * 8)
        bytes.withUnsafeMutableBytes { raw in
            for index in bag.termIDs.indices {
                raw.storeBytes(of: UInt32(bitPattern: bag.termIDs[index]).littleEndian,
                               toByteOffset: index * 8, as: UInt32.self)
                raw.storeBytes(of: bag.counts[index].bitPattern.littleEndian,
                               toByteOffset: index * 8 + 4, as: UInt32.self)
            }
        }
        return bytes
    }

    /// The bag encoded by `bytes(of:)` (nil when the length is not a multiple of 8).
    static func bag(from blob: UnsafeRawBufferPointer, outOfVocabularyCount: Int) -> BagOfWords? {
        guard blob.count % 8 == 0 else { return nil }
        let count = blob.count / 8
        var termIDs = [Int32](repeating: 0, count: count)
        var counts = [Float](repeating: 0, count: count)
        for index in 0..<count {
            let id = UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: index * 8, as: UInt32.self))
            let bits = UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: index * 8 + 4, as: UInt32.self))
            termIDs[index] = Int32(bitPattern: id)
            counts[index] = Float(bitPattern: bits)
        }
        return BagOfWords(termIDs: termIDs, counts: counts, outOfVocabularyCount: outOfVocabularyCount)
    }
}
