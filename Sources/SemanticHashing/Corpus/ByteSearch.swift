#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search in UTF-8 bytes, for the SGML reader.
enum ByteSearch {
    /// The range of the first occurrence of `needle` (not empty) in `bytes`. Finds candidates with `memchr`
    /// on the first byte, then compares: O(n·m) in the worst case, near O(n) on text.
    static func firstRange(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> Range<Int>? {
        precondition(!needle.isEmpty, "cannot search for an empty needle")
        guard let base = bytes.base.baseAddress else { return nil }
        var start = bytes.startIndex
        while bytes.endIndex - start >= needle.count,
              let found = memchr(base + start, Int32(needle[0]), bytes.endIndex - start - needle.count + 1)
        {
            let index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if memcmp(base + index, needle, needle.count) == 0 { return index..<(index + needle.count) }
            start = index + 1
        }
        return nil
    }
}
