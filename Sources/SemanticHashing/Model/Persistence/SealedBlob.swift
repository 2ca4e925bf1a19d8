/// The frame the model and checkpoint formats share: magic · u32 version · u64 total byte count (including
/// the checksum) · the contents · u64 checksum of every byte before it. The length catches a blob cut
/// short, the checksum one altered or damaged.
enum SealedBlob {
    /// A writer holding the header, for the contents to follow; finish with `seal`.
    static func writer(magic: [UInt8], version: Int) -> ByteWriter {
        var writer = ByteWriter()
        writer.write(magic)
        writer.write(UInt32(version))
        writer.write(UInt64(0))
        return writer
    }

    /// The bytes of `writer` (begun by `writer(magic:version:)`) with the total length filled in and the
    /// checksum appended.
    static func seal(_ writer: inout ByteWriter, magic: [UInt8]) -> [UInt8] {
        writer.patch(UInt64(writer.bytes.count + 8), at: magic.count + 4)
        writer.write(checksum(writer.bytes[...]))
        return writer.bytes
    }

    /// A reader past the header of `bytes`, after checking the magic, the version, the declared length and
    /// the checksum; the checksum's 8 bytes remain at the end.
    static func open(_ bytes: [UInt8], magic: [UInt8], version: Int) throws(ModelError) -> ByteReader<ModelError> {
        try open(bytes, magic: magic, versions: version...version).reader
    }

    /// `open` for a format that reads several versions: the reader and the version found.
    static func open(_ bytes: [UInt8], magic: [UInt8],
                     versions: ClosedRange<Int>) throws(ModelError) -> (reader: ByteReader<ModelError>, version: Int) {
        let found = try checkHeader(bytes[...], byteCount: bytes.count, magic: magic, versions: versions)
        var trailer = ByteReader(bytes, offset: bytes.count - 8, malformed: ModelError.malformed)
        guard try trailer.readUInt64() == checksum(bytes[..<(bytes.count - 8)]) else { throw .checksumMismatch }
        return (ByteReader(bytes, offset: headerSize(magic: magic), malformed: ModelError.malformed), found)
    }

    /// Bytes of the header: the magic, the u32 version and the u64 total byte count.
    static func headerSize(magic: [UInt8]) -> Int { magic.count + 12 }

    /// The version found in `header`, the first bytes of a blob of `byteCount` bytes (its first
    /// `headerSize(magic:)` bytes, or all of a shorter blob), after checking the magic, the version and the
    /// declared length.
    static func checkHeader(_ header: ArraySlice<UInt8>, byteCount: Int, magic: [UInt8],
                            versions: ClosedRange<Int>) throws(ModelError) -> Int {
        guard byteCount > 0, header.starts(with: magic.prefix(byteCount)) else { throw .notAModel }
        let size = headerSize(magic: magic)
        guard byteCount >= size, header.count >= size else { throw .truncated(expectedBytes: size, actualBytes: byteCount) }
        var reader = ByteReader(Array(header.prefix(size)), offset: magic.count, malformed: ModelError.malformed)
        let found = Int(try reader.readUInt32())
        guard versions.contains(found) else { throw .unsupportedVersion(found: found, supported: versions.upperBound) }
        let declaredLength = try reader.readUInt64()
        guard declaredLength == UInt64(byteCount) else {
            if declaredLength > UInt64(byteCount) && declaredLength <= UInt64(Int.max) {
                throw .truncated(expectedBytes: Int(declaredLength), actualBytes: byteCount)
            }
            throw .malformed("the header declares \(declaredLength) bytes but the blob has \(byteCount)")
        }
        return found
    }

    /// 64-bit FNV-1a over `bytes` taken as little-endian 64-bit words (then the last bytes one by one):
    /// eight times fewer dependent multiplications than byte-wise FNV, which made loading a model the
    /// largest cost of `semhash ask` (format version 3; version 2 hashed byte by byte).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var running = RunningChecksum()
        bytes.withUnsafeBytes { running.add($0) }
        return running.value
    }

    /// `checksum(_:)` over bytes given in pieces: every piece but the last must be a multiple of 8 bytes long.
    struct RunningChecksum {
        private var hash = FNV1a()
        var value: UInt64 { hash.value }

        mutating func add(_ raw: UnsafeRawBufferPointer) {
            let words = raw.count / 8
            for index in 0..<words {
                hash.mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
            }
            hash.mix(bytes: raw[(words * 8)...])
        }
    }

    /// The checks of `open` (magic, version, declared length, checksum) on a blob of `byteCount` bytes read
    /// in pieces by `read(offset, into:)` through one buffer of at most a megabyte, for readers that then
    /// take only some of its contents (`IndexStore.loadEncoder`).
    static func verify(byteCount: Int, magic: [UInt8], versions: ClosedRange<Int>,
                       read: (_ offset: Int, _ into: UnsafeMutableRawBufferPointer) throws -> Void) throws {
        let pieceSize = 1 << 20
        var buffer = [UInt8](repeating: 0, count: min(pieceSize, byteCount))
        let headerBytes = min(headerSize(magic: magic), byteCount)
        try buffer.withUnsafeMutableBytes { try read(0, UnsafeMutableRawBufferPointer(rebasing: $0[..<headerBytes])) }
        _ = try checkHeader(buffer[..<headerBytes], byteCount: byteCount, magic: magic, versions: versions)
        guard byteCount >= headerBytes + 8 else { throw ModelError.truncated(expectedBytes: headerBytes + 8, actualBytes: byteCount) }
        var running = RunningChecksum()
        var offset = 0
        let contentsEnd = byteCount - 8
        while offset < contentsEnd {
            let count = min(pieceSize, contentsEnd - offset)
            try buffer.withUnsafeMutableBytes { try read(offset, UnsafeMutableRawBufferPointer(rebasing: $0[..<count])) }
            buffer.withUnsafeBytes { running.add(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            offset += count
        }
        try buffer.withUnsafeMutableBytes { try read(contentsEnd, UnsafeMutableRawBufferPointer(rebasing: $0[..<8])) }
        var trailer = ByteReader(Array(buffer[..<8]), malformed: ModelError.malformed)
        guard try trailer.readUInt64() == running.value else { throw ModelError.checksumMismatch }
    }
}
