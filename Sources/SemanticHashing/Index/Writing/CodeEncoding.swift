/// Encodes documents with a model and stores their codes and hashes.
public enum CodeEncoding {
    /// Encodes `bags` (documents `ids`) and stores their codes and hashes. Call inside a `write`.
    public static func store(ids: [Int64], bags: [BagOfWords], model: SemanticHashingModel,
                             in store: IndexStore) throws {
        precondition(ids.count == bags.count, "one id per bag")
        guard !ids.isEmpty else { return }
        let codes = model.encode(bags)
        try store.saveCodes(ids: ids, codes: codes, hashes: model.hashes(for: codes))
    }

    /// Replaces the codes of every document in `store` by those of `model`. Call inside a `write`.
    public static func reencodeAll(in store: IndexStore, model: SemanticHashingModel) throws {
        try store.removeAllCodes()
        var ids: [Int64] = []
        var bags: [BagOfWords] = []
        try store.forEachBag { id, bag in
            ids.append(id)
            bags.append(bag)
            if ids.count == 10_000 {
                try Self.store(ids: ids, bags: bags, model: model, in: store)
                ids.removeAll(keepingCapacity: true)
                bags.removeAll(keepingCapacity: true)
            }
        }
        try Self.store(ids: ids, bags: bags, model: model, in: store)
    }
}
