import ArgumentParser

/// `--json` and `--quiet`, shared by the commands that print results or progress.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object on stdout instead of text (stable keys, for scripts).")
    var json = false

    @Flag(name: .long, help: "Print no progress on stderr.")
    var quiet = false
}
