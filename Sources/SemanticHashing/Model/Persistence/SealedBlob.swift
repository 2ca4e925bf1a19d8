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
        guard bytes.starts(with: magic.prefix(bytes.count)), !bytes.isEmpty else { throw .notAModel }
        guard bytes.count >= magic.count + 12 else {
            throw .truncated(expectedBytes: magic.count + 12, actualBytes: bytes.count)
        }
        var reader = ByteReader(bytes, offset: magic.count, malformed: ModelError.malformed)
        let found = Int(try reader.readUInt32())
        guard versions.contains(found) else { throw .unsupportedVersion(found: found, supported: versions.upperBound) }
        let declaredLength = try reader.readUInt64()
        guard declaredLength == UInt64(bytes.count) else {
            if declaredLength > UInt64(bytes.count) && declaredLength <= UInt64(Int.max) {
                throw .truncated(expectedBytes: Int(declaredLength), actualBytes: bytes.count)
            }
            throw .malformed("the header declares \(declaredLength) bytes but the blob has \(bytes.count)")
        }
        var trailer = ByteReader(bytes, offset: bytes.count - 8, malformed: ModelError.malformed)
        guard try trailer.readUInt64() == checksum(bytes[..<(bytes.count - 8)]) else { throw .checksumMismatch }
        return (reader, found)
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
        private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

        mutating func add(_ raw: UnsafeRawBufferPointer) {
            let words = raw.count / 8
            for index in 0..<words {
                value ^= UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                value &*= 0x0000_0100_0000_01B3
            }
            for index in (words * 8)..<raw.count {
                value ^= UInt64(raw[index])
                value &*= 0x0000_0100_0000_01B3
            }
        }
    }

    /// The checks of `open` (magic, version, declared length, checksum) on a blob of `byteCount` bytes read
    /// in pieces by `read(offset, into:)` through one buffer of at most a megabyte, for readers that then
    /// take only some of its contents (`IndexStore.loadEncoder`).
    static func verify(byteCount: Int, magic: [UInt8], versions: ClosedRange<Int>,
                       read: (_ offset: Int, _ into: UnsafeMutableRawBufferPointer) throws -> Void) throws {
        let headerSize = magic.count + 12
        guard byteCount >= headerSize + 8 else { throw ModelError.truncated(expectedBytes: headerSize + 8, actualBytes: byteCount) }
        let pieceSize = 1 << 20
        var buffer = [UInt8](repeating: 0, count: min(pieceSize, byteCount))
        var running = RunningChecksum()
        var offset = 0
        let contentsEnd = byteCount - 8
        while offset < contentsEnd {
            let count = min(pieceSize, contentsEnd - offset)
            try buffer.withUnsafeMutableBytes { try read(offset, UnsafeMutableRawBufferPointer(rebasing: $0[..<count])) }
            if offset == 0 {
                guard buffer.starts(with: magic) else { throw ModelError.notAModel }
                var header = ByteReader(Array(buffer[..<headerSize]), offset: magic.count, malformed: ModelError.malformed)
                let found = Int(try header.readUInt32())
                guard versions.contains(found) else {
                    throw ModelError.unsupportedVersion(found: found, supported: versions.upperBound)
                }
                guard try header.readUInt64() == UInt64(byteCount) else {
                    throw ModelError.malformed("the header's byte count differs from the blob's \(byteCount) bytes")
                }
            }
            buffer.withUnsafeBytes { running.add(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            offset += count
        }
        try buffer.withUnsafeMutableBytes { try read(contentsEnd, UnsafeMutableRawBufferPointer(rebasing: $0[..<8])) }
        var trailer = ByteReader(Array(buffer[..<8]), malformed: ModelError.malformed)
        guard try trailer.readUInt64() == running.value else { throw ModelError.checksumMismatch }
    }
}
