extension Int {
    /// This count with `noun` in agreement, for messages a person reads: `1.counting("document")` is
    /// "1 document", `2.counting("document")` "2 documents"; an irregular plural is given
    /// (`n.counting("query", plural: "queries")`).
    public func counting(_ noun: String, plural: String? = nil) -> String {
        "\(self) " + (self == 1 ? noun : plural ?? noun + "s")
    }

    /// The form of a verb that agrees with this count as its subject: `singular` for 1, else `plural`
    /// ("1 document has", "2 documents have").
    public func agreeing(_ singular: String, _ plural: String) -> String {
        self == 1 ? singular : plural
    }
}
