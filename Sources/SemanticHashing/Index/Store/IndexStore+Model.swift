extension IndexStore {
    /// Stores the model, replacing any previous one; `trainedAt` is set to now. Codes computed by an
    /// earlier model stay until replaced: save new codes in the same transaction.
    public func saveModel(_ model: StoredModel) throws(IndexError) {
        try connection.run(
            "INSERT OR REPLACE INTO model(id, architecture, weights, vocabulary_fingerprint, trained_at, training) "
                + "VALUES (1, ?, ?, ?, \(IndexSchema.now), ?)"
        ) { statement throws(IndexError) in
            try statement.bind(model.architectureJSON, at: 1)
            try statement.bind(blob: model.weights, at: 2)
            try statement.bind(model.vocabularyFingerprint, at: 3)
            try statement.bind(model.trainingJSON, at: 4)
        }
    }

    /// The stored model, or nil when none was trained.
    public func loadModel() throws(IndexError) -> StoredModel? {
        try connection.withStatement(
            "SELECT architecture, weights, vocabulary_fingerprint, training, trained_at FROM model WHERE id = 1"
        ) { statement throws(IndexError) -> StoredModel? in
            guard try statement.step() else { return nil }
            return StoredModel(architectureJSON: statement.text(at: 0), weights: statement.blob(at: 1),
                               vocabularyFingerprint: statement.text(at: 2),
                               trainingJSON: statement.optionalText(at: 3), trainedAt: statement.text(at: 4))
        }
    }

    /// Saves training state under `name`, replacing an earlier checkpoint of that name.
    public func saveCheckpoint(_ data: [UInt8], name: String) throws(IndexError) {
        try connection.run(
            "INSERT OR REPLACE INTO checkpoints(name, data, saved_at) VALUES (?, ?, \(IndexSchema.now))"
        ) { statement throws(IndexError) in
            try statement.bind(name, at: 1)
            try statement.bind(blob: data, at: 2)
        }
    }

    /// The checkpoint saved under `name`, or nil.
    public func loadCheckpoint(name: String) throws(IndexError) -> [UInt8]? {
        try connection.withStatement("SELECT data FROM checkpoints WHERE name = ?") {
            statement throws(IndexError) -> [UInt8]? in
            try statement.bind(name, at: 1)
            return try statement.step() ? statement.blob(at: 0) : nil
        }
    }

    /// The names of the saved checkpoints, sorted.
    public func checkpointNames() throws(IndexError) -> [String] {
        try connection.withStatement("SELECT name FROM checkpoints ORDER BY name") { statement throws(IndexError) in
            var names: [String] = []
            while try statement.step() { names.append(statement.text(at: 0)) }
            return names
        }
    }

    /// Deletes the checkpoint saved under `name`; returns whether there was one.
    @discardableResult
    public func deleteCheckpoint(name: String) throws(IndexError) -> Bool {
        try connection.run("DELETE FROM checkpoints WHERE name = ?") { statement throws(IndexError) in
            try statement.bind(name, at: 1)
        }
        return connection.changes > 0
    }
}
