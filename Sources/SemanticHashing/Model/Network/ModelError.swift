/// Why a serialized model could not be read.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// The bytes do not start with the model's magic header.
    case notAModel
    /// The format version is newer (or older) than this build reads.
    case unsupportedVersion(found: Int, supported: Int)
    /// The blob is shorter than its header says (an interrupted write or copy).
    case truncated(expectedBytes: Int, actualBytes: Int)
    /// The stored checksum does not match the contents (the blob was altered or damaged).
    case checksumMismatch
    /// The contents are inconsistent (shapes, configuration, trailing bytes); the reason says which.
    case malformed(String)

    public var description: String {
        switch self {
        case .notAModel:
            return "not a semhash model (the magic header is missing)"
        case let .unsupportedVersion(found, supported):
            return "model format version \(found) is not supported (this build reads version \(supported))"
        case let .truncated(expected, actual):
            return "the model is truncated: \(actual) of \(expected) bytes"
        case .checksumMismatch:
            return "the model's checksum does not match its contents"
        case let .malformed(reason):
            return "the model is malformed: \(reason)"
        }
    }
}
