import Foundation
import SemanticHashing
import XCTest

/// Runs the built `semhash` executable as a user would, and checks its output and exit status.
final class CommandLineTests: CommandLineTestCase {
    func testAModelWithoutCodesAnswersHammingQuestionsWithNothing() throws {
        let index = try indexSamples()
        let store = try IndexStore.open(at: index, mode: .readWrite)
        try store.write { try store.removeAllCodes() }
        var snapshot = try SearchSnapshot(store: store, configuration: SearchConfiguration())
        let query = try snapshot.encode("rockets launch into orbit", tokenizer: snapshot.makeTokenizer())
        XCTAssertEqual(query.hash.count, 1, "a 64-bit hash is one word")
        for metric in [SearchMetric.hamming, .cascade, .euclidean] {
            XCTAssertEqual(try snapshot.search(query, k: 5, metric: metric, bagsFrom: store).hits.count, 0)
        }
    }

    /// A question typed without quotes is its words joined by spaces, with options before, between or after them.
    func testAnUnquotedQuestionIsItsWords() throws {
        let index = try indexSamples()
        let quoted = try run(["ask", "rockets launch into orbit", "--index", index, "--json"])
        let unquoted = try run(["ask", "rockets", "launch", "--index", index, "into", "orbit", "--json"])
        XCTAssertEqual(unquoted.status, 0, unquoted.stderr)
        XCTAssertEqual(try json(unquoted.stdout)["question"] as? String, "rockets launch into orbit")
        XCTAssertEqual(unquoted.stdout, quoted.stdout)
        let both = try run(["ask", "rockets", "--questions", "-", "--index", index])
        XCTAssertEqual(both.status, 64)
        XCTAssertTrue(both.stderr.contains("give a question or --questions, not both"), both.stderr)
    }

    /// `-k` beyond the index's size, up to the largest integer, lists every document with a code for `ask` by
    /// each metric and for `similar` (every other document), rather than stopping the program.
    func testAHugeKListsEveryDocument() throws {
        let index = try indexSamples()
        for metric in SearchMetric.allCases {
            let asked = try run(["ask", "rockets launch into orbit", "--index", index, "-k", "\(Int.max)",
                                 "--metric", metric.rawValue, "--json"])
            XCTAssertEqual(asked.status, 0, "\(metric): \(asked.stderr)")
            XCTAssertEqual((try json(asked.stdout)["hits"] as? [Any])?.count, 40, "\(metric)")
            let similar = try run(["similar", "space/launch-window.txt", "--index", index, "-k", "\(Int.max)",
                                   "--metric", metric.rawValue, "--json"])
            XCTAssertEqual(similar.status, 0, "\(metric): \(similar.stderr)")
            XCTAssertEqual((try json(similar.stdout)["hits"] as? [Any])?.count, 39, "\(metric)")
        }
    }

    /// Retraining drops the topics, whose centroids and assignments describe the old codes, and says so;
    /// `check` tells an index whose documents wait for a first model.
    func testRetrainingDropsTheTopicsOfTheOldCodes() throws {
        let index = try indexSamples()
        let topics = try run(["topics", "--index", index, "--count", "4", "--quiet"])
        XCTAssertEqual(topics.status, 0, topics.stderr)
        let trained = try run(["train", "--index", index, "--code", "3"] + Self.smallModel.filter { $0 != "8" && $0 != "--code" })
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertTrue(trained.stderr.contains("note: the 4 topics of the old codes were dropped; `semhash topics` finds them "
                                              + "in the new ones"), trained.stderr)
        XCTAssertTrue(trained.stderr.contains("note: the index's model is 32-8 with a 64-bit hash and this training makes "
                                              + "32-3 with a 64-bit hash: model options not given take their defaults"),
                      trained.stderr)
        let same = try run(["train", "--index", index, "--code", "3", "--seed", "2"] + Self.smallModel.filter { $0 != "8" && $0 != "--code" })
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertFalse(same.stderr.contains("note: the index's model is"), "the same shape: \(same.stderr)")
        let store = try IndexStore.open(at: index, mode: .readOnly)
        XCTAssertEqual(try store.loadTopics().count, 0)
        XCTAssertEqual(try store.loadTopicAssignments().count, 0)
        let again = try run(["topics", "--index", index, "--count", "4", "--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)

        let unmodelled = path("unmodelled.sqlite")
        let failed = try run(["index", Self.samples, "--index", unmodelled, "--min-df", "1", "--fine-tune-learning-rate", "1000",
                              "--quiet"] + Self.smallModel)
        XCTAssertNotEqual(failed.status, 0)
        let check = try run(["check", "--index", unmodelled])
        XCTAssertTrue(check.stdout.contains("\(unmodelled): no model yet, so no codes; `semhash train` trains one"),
                      check.stdout + check.stderr)
    }

    func testBitsSetsTheHashLengthBesideTheRealCodeAndInfoShowsBoth() throws {
        let index = path("bits.sqlite")
        let indexed = try run(["index", Self.samples, "--index", index, "--min-df", "1", "--quiet", "--bits", "128"]
                              + Self.smallModel)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        let store = try IndexStore.open(at: index, mode: .readOnly)
        let codes = try XCTUnwrap(try store.loadCodes())
        XCTAssertEqual(codes.realCodes.columns, 8, "--code stays the real code's size")
        XCTAssertEqual(codes.hashes.bitCount, 128)
        let info = try run(["info", "--index", index])
        XCTAssertTrue(info.stdout.contains("8-D real code, 128-bit hash from a hash head"), info.stdout)
        let architecture = try XCTUnwrap((try json(try run(["info", "--index", index, "--json"]).stdout)["model"]
            as? [String: Any])?["architecture"] as? [String: Any])
        XCTAssertEqual(architecture["code_size"] as? Int, 8)
        XCTAssertEqual(architecture["hash_bits"] as? Int, 128)
        let asked = try run(["ask", "rockets launch into orbit", "--index", index, "--metric", "hamming", "--radius", "40",
                             "--json"])
        XCTAssertEqual(asked.status, 0, asked.stderr)
        XCTAssertEqual(try run(["check", "--index", index]).status, 0)
        let refused = try run(["index", Self.samples, "--index", path("other.sqlite"), "--bits", "32",
                               "--code-units", "logistic"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--bits applies to linear codes"), refused.stderr)
    }

    func testSpectralWeightTrainsTheHashHeadWithATeacherAndIsStoredInTheModel() throws {
        let index = path("teacher.sqlite")
        let indexed = try run(["index", Self.samples, "--index", index, "--min-df", "1", "--bits", "8",
                               "--spectral-weight", "2.5", "--json"] + Self.smallModel)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        let training = try XCTUnwrap(try json(indexed.stdout)["training"] as? [String: Any], indexed.stdout)
        XCTAssertNotNil(training["spectral_bits_seconds"] as? Double, "\(training)")
        let architecture = try XCTUnwrap((try json(try run(["info", "--index", index, "--json"]).stdout)["model"]
            as? [String: Any])?["architecture"] as? [String: Any])
        let fineTuning = try XCTUnwrap((architecture["configuration"] as? [String: Any])?["fine_tuning"] as? [String: Any])
        let teacher = try XCTUnwrap(fineTuning["spectral_teacher"] as? [String: Any], "\(fineTuning)")
        XCTAssertEqual(teacher["weight"] as? Double, 2.5)
        let refused = try run(["index", Self.samples, "--index", path("other.sqlite"), "--spectral-weight=-1"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("--spectral-weight must be 0 (off) or positive"), refused.stderr)
        let help = try run(["index", "--help"])
        XCTAssertTrue(help.stdout.contains("--spectral-weight"), help.stdout)
    }

    func testIndexInfoAskSimilarEvalAndTopicsOnTheSampleCorpus() throws {
        let index = directory.appendingPathComponent("samples.sqlite").path
        let indexed = try run(["index", Self.samples, "--index", index, "--min-df", "1", "--json", "--quiet"] + Self.smallModel)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        let indexing = try json(indexed.stdout)
        XCTAssertEqual(indexing["documents"] as? Int, 40)

        let info = try json(try run(["info", "--index", index, "--json"]).stdout)
        XCTAssertEqual(info["documents"] as? Int, 40)
        XCTAssertEqual((info["labels"] as? [String: Int])?.count, 4)
        XCTAssertEqual((info["labels"] as? [String: Int])?["space"], 10)
        XCTAssertGreaterThan(info["vocabulary"] as? Int ?? 0, 100)
        let topTerms = try XCTUnwrap(info["top_terms"] as? [[String: Any]])
        XCTAssertEqual(topTerms.count, 50)
        XCTAssertTrue(topTerms.allSatisfy { $0["term"] is String && $0["word"] is String })
        XCTAssertTrue(topTerms.contains { $0["term"] as? String != $0["word"] as? String }, "some terms are shown as words")

        let asked = try run(["ask", "rockets launch into orbit", "--index", index, "-k", "3", "--json"])
        XCTAssertEqual(asked.status, 0, asked.stderr)
        let hits = try XCTUnwrap(try json(asked.stdout)["hits"] as? [[String: Any]])
        XCTAssertEqual(hits.count, 3)
        XCTAssertEqual(hits.map { $0["rank"] as? Int }, [1, 2, 3])
        for key in ["id", "title", "labels", "distance"] { XCTAssertNotNil(hits[0][key], key) }
        let distances = hits.compactMap { $0["distance"] as? Double }
        XCTAssertEqual(distances, distances.sorted())

        let questions = directory.appendingPathComponent("questions.txt")
        try Data("\u{FEFF}rockets and orbit\n\nbaking bread in an oven\nzzzqqq\n".utf8).write(to: questions)
        let batch = try run(["ask", "--questions", questions.path, "--index", index, "-k", "2", "--json"])
        XCTAssertEqual(batch.status, 0, batch.stderr)
        let answers = try XCTUnwrap(try json(batch.stdout)["answers"] as? [[String: Any]])
        XCTAssertEqual(answers.map { $0["question"] as? String }, ["rockets and orbit", "baking bread in an oven", "zzzqqq"])
        XCTAssertEqual((answers[0]["hits"] as? [Any])?.count, 2)
        XCTAssertEqual((answers[2]["hits"] as? [Any])?.count, 0, "no vocabulary word, no arbitrary hits")
        XCTAssertNotNil(answers[2]["error"])

        let similar = try json(try run(["similar", "space/launch-window.txt", "--index", index, "-k", "5", "--json"]).stdout)
        let similarIDs = (similar["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        XCTAssertEqual(similarIDs.count, 5)
        XCTAssertFalse(similarIDs.contains("space/launch-window.txt"), "a document is not similar to itself")

        let evaluated = try run(["eval", "--index", index, "--queries", Self.samples, "--metric", "euclidean",
                                 "--baseline", "tfidf", "--json", "--quiet"])
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
        let evaluation = try json(evaluated.stdout)
        for key in ["queries", "database", "metric", "precision_at_100", "map", "mean_query_ms"] {
            XCTAssertNotNil(evaluation[key], key)
        }
        XCTAssertEqual(evaluation["queries"] as? Int, 40)
        XCTAssertNotNil((evaluation["baselines"] as? [String: Any])?["tfidf"])
        let noted = try run(["eval", "--index", index, "--queries", Self.samples, "--metric", "euclidean"])
        XCTAssertTrue(noted.stderr.contains("note: the index holds 40 documents with codes, fewer than 1000: precision at a "
                                            + "cutoff beyond that counts the whole ranking"), noted.stderr)

        let topics = try json(try run(["topics", "--index", index, "--count", "4", "--tree", "--json", "--quiet"]).stdout)
        let found = try XCTUnwrap(topics["topics"] as? [[String: Any]])
        XCTAssertEqual(found.count, 4)
        for key in ["nmi", "purity", "nmi_with_unassigned", "mean_npmi", "silhouette"] { XCTAssertNotNil(topics[key], key) }
        let words = try XCTUnwrap(found[0]["distinctive_words"] as? [[String: String]])
        XCTAssertFalse(words.isEmpty)
        XCTAssertTrue(words.allSatisfy { $0["term"] != nil && $0["word"] != nil })
        XCTAssertNotNil(found[0]["npmi"] as? Double)
        XCTAssertEqual((topics["tree"] as? [Any])?.count, 7, "4 topics and 3 merges")
        let unassigned = try XCTUnwrap(topics["unassigned"] as? [String: Any])
        let unassignedCount = try XCTUnwrap(unassigned["count"] as? Int)
        XCTAssertEqual(unassignedCount + found.compactMap { $0["size"] as? Int }.reduce(0, +), 40)
        let withTopics = try json(try run(["ask", "rockets launch into orbit", "--index", index, "-k", "3", "--json"]).stdout)
        let topicsOfHits = (withTopics["hits"] as? [[String: Any]])?.compactMap { $0["topic"] as? Int } ?? []
        XCTAssertEqual(topicsOfHits.count, 3, "every hit shows its topic once topics exist")
        XCTAssertTrue(topicsOfHits.allSatisfy { (-1..<4).contains($0) })
        let placedHits = (withTopics["hits"] as? [[String: Any]])?.filter { ($0["topic"] as? Int ?? -1) >= 0 } ?? []
        XCTAssertTrue(placedHits.allSatisfy { !($0["topic_words"] as? [String] ?? []).isEmpty }, "hits name their topic")
        let unknown = try json(try run(["ask", "rockets and Zeppelins", "--index", index, "-k", "1", "--json"]).stdout)
        XCTAssertEqual(unknown["out_of_vocabulary"] as? [String], ["zeppelins"], "the question's own word, not its stem")

        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("sound (40 documents, 40 codes)"), check.stdout)

        let show = try run(["topics", "show", "0", "--index", index])
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.hasPrefix("topic 0:"), show.stdout)
        let showUnassigned = try run(["topics", "show", "unassigned", "--index", index])
        if unassignedCount > 0 {
            XCTAssertEqual(showUnassigned.status, 0, showUnassigned.stderr)
            XCTAssertTrue(showUnassigned.stdout.hasPrefix("unassigned: \(unassignedCount) documents"), showUnassigned.stdout)
        } else {
            XCTAssertNotEqual(showUnassigned.status, 0)
            XCTAssertTrue(showUnassigned.stderr.contains("no document is unassigned"), showUnassigned.stderr)
        }
    }

    func testJSONKeysAreSnakeCaseWhileLabelsStayAsGiven() throws {
        let index = path("keys.sqlite")
        let indexed = try run(["index", Self.samples, "--index", index, "--min-df", "1", "--json"] + Self.smallModel)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        try Data(#"{"id": "probe", "text": "rockets reach orbit", "labels": ["SciFi"]}"#.utf8)
            .write(to: URL(fileURLWithPath: path("probe.jsonl")))
        XCTAssertEqual(try run(["add", path("probe.jsonl"), "--format", "jsonl", "--index", index, "--quiet"]).status, 0)
        let trained = try run(["train", "--index", index, "--json", "--quiet"] + Self.smallModel)
        let info = try json(try run(["info", "--index", index, "--json"]).stdout)
        XCTAssertEqual((info["labels"] as? [String: Int])?["SciFi"], 1, "a label is data, not a key to convert")
        func keysWithCapitals(_ value: Any, _ path: String = "") -> [String] {
            if let object = value as? [String: Any] {
                return object.flatMap { key, inner in
                    (key.contains { $0.isUppercase } && !path.hasSuffix("/labels") ? [path + "/" + key] : [])
                        + keysWithCapitals(inner, path + "/" + key)
                }
            }
            return (value as? [Any])?.flatMap { keysWithCapitals($0, path + "[]") } ?? []
        }
        for (command, output) in [("index", indexed.stdout), ("train", trained.stdout)] {
            XCTAssertEqual(keysWithCapitals(try json(output)), [], command)
        }
        XCTAssertEqual(keysWithCapitals(info), [])
        let architecture = try XCTUnwrap((info["model"] as? [String: Any])?["architecture"] as? [String: Any])
        XCTAssertEqual(architecture["code_size"] as? Int, 8)
        let settings = try XCTUnwrap(info["settings"] as? [String: Any])
        let text = try XCTUnwrap(settings["text_configuration"] as? [String: Any], "an object, not JSON in a string")
        XCTAssertEqual(text["removes_stop_words"] as? Bool, true)
        XCTAssertEqual(text["term_rules"] as? String, "english")
        let vocabulary = try XCTUnwrap(settings["vocabulary_configuration"] as? [String: Any], "\(settings)")
        XCTAssertEqual(vocabulary["minimum_document_frequency"] as? Int, 1)
        XCTAssertEqual(settings["corpus_source"] as? String, Self.samples)
        let printed = try run(["info", "--index", index]).stdout
        XCTAssertTrue(printed.contains("setting     vocabulary_configuration = {\"maximum_document_frequency_ratio\":1,"), printed)
        XCTAssertNotNil((try json(trained.stdout))["total_seconds"] as? Double, trained.stdout)
    }

    func testIndexingIntoAnIndexSaysWhichOptionsItCannotFollow() throws {
        let index = path("samples.sqlite")
        let first = try run(["index", Self.samples, "--index", index] + Self.smallModel)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertFalse(first.stderr.contains("note: the index"), first.stderr)
        let plain = try run(["index", Self.samples, "--index", index])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(plain.stderr.contains("note: the index"), "no option asked for anything: \(plain.stderr)")
        let asking = try run(["index", Self.samples, "--index", index, "--vocabulary", "50", "--layers", "30"])
        XCTAssertEqual(asking.status, 0, asking.stderr)
        XCTAssertTrue(asking.stderr.contains("note: the index keeps its vocabulary and text settings"), asking.stderr)
        XCTAssertTrue(asking.stderr.contains("note: the index's model encodes these documents"), asking.stderr)
        let info = try run(["info", "--index", index, "--json"])
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(summary["vocabulary"] as? Int, 161, "the vocabulary chosen first is kept")
    }

    func testAddThenRemoveADocument() throws {
        let index = directory.appendingPathComponent("samples.sqlite").path
        XCTAssertEqual(try run(["index", Self.samples, "--index", index, "--quiet"] + Self.smallModel).status, 0)
        let extra = directory.appendingPathComponent("extra/new")
        try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
        try Data("Rockets and satellites: the launch window to orbit opens at dawn.".utf8)
            .write(to: extra.appendingPathComponent("launch.txt"))
        let added = try run(["add", extra.deletingLastPathComponent().path, "--index", index, "--json"])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(try json(added.stdout)["documents"] as? Int, 41)
        let asked = try json(try run(["ask", "rockets satellites launch orbit", "--index", index, "-k", "41", "--json"]).stdout)
        let ids = (asked["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        XCTAssertEqual(ids.count, 41)
        XCTAssertTrue(ids.contains("new/launch.txt"))

        let removed = try run(["remove", "new/launch.txt", "--index", index])
        XCTAssertEqual(removed.status, 0, removed.stderr)
        let after = try json(try run(["ask", "rockets satellites launch orbit", "--index", index, "-k", "41", "--json"]).stdout)
        let idsAfter = (after["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        XCTAssertEqual(idsAfter.count, 40)
        XCTAssertFalse(idsAfter.contains("new/launch.txt"))
        XCTAssertNotEqual(try run(["similar", "new/launch.txt", "--index", index]).status, 0)
    }

    func testAQuestionWithNoVocabularyWordIsRefused() throws {
        let index = directory.appendingPathComponent("samples.sqlite").path
        XCTAssertEqual(try run(["index", Self.samples, "--index", index, "--quiet"] + Self.smallModel).status, 0)
        let asked = try run(["ask", "zzzqqq xxyyzz", "--index", index])
        XCTAssertNotEqual(asked.status, 0)
        XCTAssertTrue(asked.stderr.contains("vocabulary"), asked.stderr)
        XCTAssertEqual(asked.stderr.split(separator: "\n").count, 1, "one line: \(asked.stderr)")
    }

    func testTopicsFoundInCodesATrainingReplacedMeanwhileAreNotStored() throws {
        let index = try indexSamples()
        let store = try IndexStore.open(at: index, mode: .readWrite)
        let found = try IndexTopics(store: store, configuration: TopicConfiguration(count: .fixed(3)))
        let trained = try run(["train", "--index", index, "--quiet", "--seed", "2"] + Self.smallModel)
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertThrowsError(try found.save(in: store)) { error in
            XCTAssertEqual("\(error)", "another process trained a new model of \(index) while this one found topics in the old codes; no topic was stored")
        }
        XCTAssertEqual(try store.loadTopics(), [])
        let again = try IndexTopics(store: store, configuration: TopicConfiguration(count: .fixed(3)))
        XCTAssertNoThrow(try again.save(in: store), "topics found in the new codes are stored")
        XCTAssertEqual(try store.loadTopics().filter(\.isPlaced).count, 3)
    }

    func testAKilledTrainingResumesToTheModelOfAnUninterruptedOne() throws {
        let training = ["--min-df", "1", "--layers", "32", "--code", "8", "--pretrain-epochs", "0", "--fine-tune-epochs", "60", "--quiet",
                        "--checkpoint-every", "0"]
        let reference = directory.appendingPathComponent("reference.sqlite").path
        let uninterrupted = try run(["index", Self.samples, "--index", reference] + training.dropLast(2))
        XCTAssertEqual(uninterrupted.status, 0, uninterrupted.stderr)

        let index = directory.appendingPathComponent("interrupted.sqlite").path
        let process = try start(["index", Self.samples, "--index", index] + training)
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline,
              (try? IndexStore.open(at: index, mode: .readOnly).hasTrainingCheckpoint()) != true {
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.send(SIGKILL)
        XCTAssertTrue(try process.finish().wasKilled, "the training was killed before it finished")

        let check = try run(["check", "--index", index])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("interrupted training (fine-tuning"), check.stdout)
        let resumed = try run(["index", Self.samples, "--index", index, "--resume"] + training.dropLast(3))
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("resuming the interrupted training at fine-tuning"), resumed.stderr)
        XCTAssertFalse(resumed.stderr.contains("not applied"), "the same options again: \(resumed.stderr)")

        let expected = try XCTUnwrap(try IndexStore.open(at: reference, mode: .readOnly).loadCodes())
        let store = try IndexStore.open(at: index, mode: .readOnly)
        let codes = try XCTUnwrap(try store.loadCodes())
        XCTAssertEqual(codes.ids, expected.ids)
        XCTAssertEqual(codes.realCodes.values, expected.realCodes.values, "the resumed model encodes like the uninterrupted one")
        XCTAssertFalse(try store.hasTrainingCheckpoint(), "the finished training drops its checkpoint")
        XCTAssertEqual(try run(["check", "--index", index]).stdout, "\(index): sound (40 documents, 40 codes)\n")
    }
}
