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
