import PostgresNIO
import SemanticHashing

/// Clustering on the store (`semhash topics` on PostgreSQL): the library's `IndexTopics` runs on a local copy
/// of one snapshot of the store, and the topics it saves there replace the store's in one transaction.
extension PostgresStore {
    /// Copies one snapshot of the store into a new local index, runs `body` on it (which finds topics and
    /// saves them in the local index, `IndexTopics.save(in:)`), then replaces the store's topics and topic
    /// assignments by the local ones in one transaction that logs a change to the whole store (replicas
    /// reload). Documents removed since the snapshot, and those added or replaced since (their code is not
    /// the one clustered), get no topic, as a document added to a SQLite index after `topics` has none.
    /// A model trained since the snapshot makes it fail with `IndexError.retrainedMeanwhile`, storing no topic
    /// (every code changed). Another writer that holds the topics longer than `waiting` makes it fail with `IndexError.busy`.
    public func withTopicsFound<T>(waiting: Duration = IndexOptions().busyTimeout,
                                   _ body: (IndexStore) async throws -> T) async throws -> T {
        try await withTemporaryIndex { path in
            let snapshot = try await export(into: try IndexStore.create(at: path))
            let local = try IndexStore.open(at: path, mode: .readWrite)
            let result = try await body(local)
            try await replaceTopics(with: try local.topicRows(), assignments: try local.loadTopicAssignments(),
                                    foundAt: snapshot, of: try local.modelStamp(), waiting: waiting)
            return result
        }
    }

    /// Replaces every topic and assignment by these, found on the snapshot at change-log position `position`
    /// in the codes of the model `modelStamp` (`IndexStore.modelStamp` of the snapshot).
    private func replaceTopics(with topics: [StoredTopicRow], assignments: [TopicAssignment], foundAt position: Int64,
                               of modelStamp: String?, waiting: Duration) async throws
    {
        try await transaction(lockWait: waiting) {
            try await query("SET LOCAL search_path = semhash")
            // One clustering replaces the topics at a time; readers go on.
            try await query("LOCK TABLE semhash.topics IN SHARE ROW EXCLUSIVE MODE")
            let stamp = try await rows("""
                SELECT \(unescaped: Self.isoTime("trained_at")), vocabulary_fingerprint FROM semhash.model
                """).first.map { row in
                    let (trainedAt, fingerprint) = try row.decode((String, String).self)
                    return IndexStore.modelStamp(trainedAt: trainedAt, vocabularyFingerprint: fingerprint)
                }
            guard stamp == modelStamp else { throw IndexError.retrainedMeanwhile(location.description) }
            try await query("DELETE FROM semhash.document_topics")
            try await query("DELETE FROM semhash.topics")
            try await copyTopics(topics)
            try await copyAssignments(assignments, intoTemporaryTable: "found_topics", documentColumn: "document_id")
            try await query("""
                INSERT INTO semhash.document_topics (document_id, topic_id, distance)
                SELECT f.document_id, f.topic_id, f.distance
                FROM found_topics AS f JOIN semhash.documents AS d ON d.id = f.document_id
                WHERE NOT EXISTS (SELECT 1 FROM semhash.changes AS c
                                  WHERE c.position > \(position) AND c.document_id = f.document_id)
                """)
            try await logChanges("VALUES (NULL::bigint)")
        }
    }
}
