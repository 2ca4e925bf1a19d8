import Foundation
import SemanticHashing
import XCTest

final class ClusteringAgreementTests: XCTestCase {
    func testHandWorkedExample() {
        // Clusters {a, a, b} and {b, c, c}: H(C) = ln 2, H(L) = ln 3, I = (2/3) ln 2 (the (1/6)-cells add 0).
        let clusters = [0, 0, 0, 1, 1, 1], classes = ["a", "a", "b", "b", "c", "c"]
        let expected = (2.0 / 3 * log(2.0)) / ((log(2.0) + log(3.0)) / 2)
        XCTAssertEqual(ClusteringAgreement.normalizedMutualInformation(clusters: clusters, classes: classes), expected, accuracy: 1e-12)
        XCTAssertEqual(expected, 0.5158037429793889, accuracy: 1e-12)  // scikit-learn 1.9.1
        XCTAssertEqual(ClusteringAgreement.purity(clusters: clusters, classes: classes), 4.0 / 6, accuracy: 1e-12)
    }

    func testAgainstScikitLearn() {
        let clusters = [0, 0, 1, 1, 2, 2, 2, 0, 1, 2, 0, 0]
        let classes = Array("aabbccbacaab").map(String.init)
        // normalized_mutual_info_score(classes, clusters), scikit-learn 1.9.1
        XCTAssertEqual(ClusteringAgreement.normalizedMutualInformation(clusters: clusters, classes: classes), 0.33720110566713923, accuracy: 1e-12)
        // Majorities: cluster 0 {a×4, b}, cluster 1 {b×2, c}, cluster 2 {c×2, b, a}.
        XCTAssertEqual(ClusteringAgreement.purity(clusters: clusters, classes: classes), 8.0 / 12, accuracy: 1e-12)
    }

    func testIndependentAndRenamedClusterings() {
        XCTAssertEqual(ClusteringAgreement.normalizedMutualInformation(clusters: [0, 0, 1, 1], classes: ["x", "y", "x", "y"]), 0, accuracy: 1e-12)
        XCTAssertEqual(ClusteringAgreement.purity(clusters: [0, 0, 1, 1], classes: ["x", "y", "x", "y"]), 0.5)
        XCTAssertEqual(ClusteringAgreement.normalizedMutualInformation(clusters: [7, 7, 3, 3, 5], classes: ["p", "p", "q", "q", "r"]), 1, accuracy: 1e-12)
        XCTAssertEqual(ClusteringAgreement.purity(clusters: [7, 7, 3, 3, 5], classes: ["p", "p", "q", "q", "r"]), 1)
    }

    func testSingleGroupConventions() {
        XCTAssertEqual(ClusteringAgreement.normalizedMutualInformation(clusters: [0, 0, 0], classes: ["a", "a", "a"]), 1)
        XCTAssertEqual(ClusteringAgreement.normalizedMutualInformation(clusters: [0, 0, 0], classes: ["a", "b", "a"]), 0)
        XCTAssertEqual(ClusteringAgreement.purity(clusters: [0, 0, 0], classes: ["a", "b", "a"]), 2.0 / 3, accuracy: 1e-12)
    }

    func testLabelAgreementUsesFirstLabelOfLabelledDocuments() {
        let labels = [["a"], ["a", "b"], [], ["b"], ["b", "a"]]
        let agreement = LabelAgreement(topics: [0, 0, 1, 1, 1], labels: labels)!
        XCTAssertEqual(agreement.documentCount, 4)
        XCTAssertEqual(agreement.normalizedMutualInformation, 1, accuracy: 1e-12)
        XCTAssertEqual(agreement.purity, 1)
        XCTAssertNil(LabelAgreement(topics: [0, 1], labels: [[], []]))
    }
}
