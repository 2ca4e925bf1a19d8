/// The 64-bit FNV-1a hash, fed one value at a time: each value is XORed in, then multiplied by the FNV prime.
/// What the stored fingerprints and checksums are made of (the vocabulary's fingerprint, a checkpoint's
/// documents, a sealed blob's checksum), so its values must never change.
public struct FNV1a: Sendable {
    /// The hash of what was fed so far (the offset basis before anything is).
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// Feeds one value (a byte, a word, a count) into the hash.
    public mutating func mix(_ fed: UInt64) {
        value = (value ^ fed) &* 0x0000_0100_0000_01B3
    }

    /// Feeds `bytes` one byte at a time.
    public mutating func mix(bytes: some Sequence<UInt8>) {
        for byte in bytes { mix(UInt64(byte)) }
    }
}
