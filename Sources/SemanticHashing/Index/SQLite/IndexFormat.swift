/// The constants that identify a semhash index file and its format.
public enum IndexFormat {
    /// The `PRAGMA application_id` of every semhash index: "semh" in ASCII. `file(1)` and SQLite tools show
    /// it, and opening refuses SQLite files without it.
    public static let applicationID: Int32 = 0x7365_6D68

    /// The newest format version this build reads and writes: the version of the last schema migration.
    public static var currentVersion: Int { IndexMigrations.schema.latestVersion }

    /// The semhash version recorded in `meta` when an index is created.
    public static let semhashVersion = "0.1.0"
}
