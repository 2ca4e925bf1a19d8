/// How well the topics agree with the documents' labels (see `ClusteringAgreement`).
///
/// Computed over the documents with at least one label; a multi-label document counts with its first label
/// only, so that every document has exactly one class.
public struct LabelAgreement: Sendable, Equatable, Codable {
    /// Normalized mutual information, arithmetic-mean normalisation (scikit-learn's default).
    public let normalizedMutualInformation: Double
    /// The share of documents whose topic's majority label is their own.
    public let purity: Double
    /// The number of labelled documents compared.
    public let documentCount: Int

    public init(normalizedMutualInformation: Double, purity: Double, documentCount: Int) {
        self.normalizedMutualInformation = normalizedMutualInformation
        self.purity = purity
        self.documentCount = documentCount
    }

    /// The agreement of `topics` (one per document) with the first label of each labelled document, or nil
    /// when no document has a label.
    public init?(topics: [Int], labels: [[String]]) {
        precondition(topics.count == labels.count, "one label list per document")
        var clusters: [Int] = [], classes: [String] = []
        for (topic, documentLabels) in zip(topics, labels) {
            guard let first = documentLabels.first else { continue }
            clusters.append(topic)
            classes.append(first)
        }
        guard !clusters.isEmpty else { return nil }
        self.init(normalizedMutualInformation: ClusteringAgreement.normalizedMutualInformation(clusters: clusters, classes: classes),
                  purity: ClusteringAgreement.purity(clusters: clusters, classes: classes),
                  documentCount: clusters.count)
    }
}

/// A label's share of a topic: `count` of the topic's documents carry the label, and `share` is that count
/// over the number of the topic's documents with at least one label. A multi-label document counts for
/// each of its labels, so the shares of a topic may sum above 1.
public struct LabelShare: Sendable, Equatable, Codable {
    public let label: String
    public let count: Int
    public let share: Double

    public init(label: String, count: Int, share: Double) {
        self.label = label
        self.count = count
        self.share = share
    }
}

/// Greedy placement of map labels: each label, in turn, takes the first of four spots around its marker
/// (right above, right below, left above, left below) that stays inside the plot and overlaps no label
/// placed before it, or else the spot with the least overlap. Text widths are estimated (bold 12 px text
/// is about 7.5 px per character), which is enough to keep labels apart without measuring fonts.
struct LabelPlacement {
    /// Where a label's text goes: its anchor point and whether it extends leftwards (`text-anchor="end"`).
    struct Spot {
        let x: Double
        let baseline: Double
        let leftwards: Bool
    }

    private struct Box {
        let left: Double, top: Double, right: Double, bottom: Double

        func overlap(_ other: Box) -> Double {
            max(0, min(right, other.right) - max(left, other.left)) * max(0, min(bottom, other.bottom) - max(top, other.top))
        }
    }

    static let characterWidth = 7.5
    private let bounds: Box
    private var placed: [Box] = []

    /// Labels will be kept inside the rectangle from (left, top) to (right, bottom).
    init(left: Double, top: Double, right: Double, bottom: Double) {
        bounds = Box(left: left, top: top, right: right, bottom: bottom)
    }

    /// Chooses a spot for `text` by a marker at (x, y) and remembers the box it covers.
    mutating func place(_ text: String, atMarkerX x: Double, y: Double) -> Spot {
        let width = Self.characterWidth * Double(text.count)
        let candidates = [(x + 6, y - 6, false), (x + 6, y + 16, false), (x - 6, y - 6, true), (x - 6, y + 16, true)]
        var best: (spot: Spot, box: Box, cost: Double)?
        for (anchor, baseline, leftwards) in candidates {
            let left = leftwards ? anchor - width : anchor
            let box = Box(left: left, top: baseline - 11, right: left + width, bottom: baseline + 3)
            let outside = width * 14 - box.overlap(bounds)
            let cost = placed.reduce(outside) { $0 + box.overlap($1) }
            if best == nil || cost < best!.cost {
                best = (Spot(x: anchor, baseline: baseline, leftwards: leftwards), box, cost)
            }
            if cost == 0 { break }
        }
        placed.append(best!.box)
        return best!.spot
    }
}
