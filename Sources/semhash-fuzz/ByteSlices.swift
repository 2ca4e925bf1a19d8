/// Substring tests on byte arrays for the invariant checks.
extension Array where Element == UInt8 {
    /// Whether `slice` occurs somewhere in the array (an empty slice always does). Knuth-Morris-Pratt, so
    /// that checks on 64 KiB inputs stay linear.
    func contains(slice: [UInt8]) -> Bool {
        guard !slice.isEmpty else { return true }
        var border = [Int](repeating: 0, count: slice.count)
        var length = 0
        for index in 1..<slice.count {
            while length > 0 && slice[index] != slice[length] { length = border[length - 1] }
            if slice[index] == slice[length] { length += 1 }
            border[index] = length
        }
        var matched = 0
        for byte in self {
            while matched > 0 && byte != slice[matched] { matched = border[matched - 1] }
            if byte == slice[matched] { matched += 1 }
            if matched == slice.count { return true }
        }
        return false
    }

    /// Whether the array ends with `suffix`.
    func ends(with suffix: [UInt8]) -> Bool {
        suffix.count <= count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
