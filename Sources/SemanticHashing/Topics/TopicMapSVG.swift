import Foundation

extension TopicMap {
    /// The map as a standalone SVG 1.1 document (1000 × 720 px): the dots in a square-scaled plot on the
    /// left (equal units on both axes, so distances look as they are; largest topics drawn first so small
    /// ones stay visible), a marker at each centroid with a haloed label beside it (placed clear of the
    /// other labels where possible, see `LabelPlacement`), and a legend on the right
    /// listing each topic's colour, id, share of the documents and words (as many rows as fit, then a count
    /// of the rest) and the unassigned group (grey dots, drawn first).
    public func svg() -> String {
        let layout = Layout(dots: dots, labels: labels)
        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(Layout.width)" height="\(Layout.height)" \
        viewBox="0 0 \(Layout.width) \(Layout.height)" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(Layout.plotLeft)" y="30" font-size="20" font-weight="bold">\(escaped(title))</text>
        <text x="\(Layout.plotLeft)" y="50" font-size="12" fill="#555">\(escaped(subtitle))</text>
        <rect x="\(Layout.plotLeft)" y="\(Layout.plotTop)" width="\(Layout.plotSize)" height="\(Layout.plotSize)" \
        fill="none" stroke="#ccc"/>

        """
        svg += axisCaptions()
        let dotsByTopic = Dictionary(grouping: dots, by: \.topic)
        if let unassigned = dotsByTopic[UnassignedGroup.id] {
            svg += "<g fill=\"none\" stroke=\"\(Self.unassignedColour)\" stroke-width=\"0.7\">\n"
            for dot in unassigned {
                let (x, y) = layout.position(dot.x, dot.y)
                svg += "<circle cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"1.5\"/>\n"
            }
            svg += "</g>\n"
        }
        for label in labels {
            guard let members = dotsByTopic[label.topic] else { continue }
            svg += "<g fill=\"\(TopicPalette.colour(of: label.topic))\" fill-opacity=\"0.6\">\n"
            for dot in members {
                let (x, y) = layout.position(dot.x, dot.y)
                svg += "<circle cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"1.8\"/>\n"
            }
            svg += "</g>\n"
        }
        var placement = LabelPlacement(left: Double(Layout.plotLeft), top: Double(Layout.plotTop),
                                       right: Double(Layout.plotLeft + Layout.plotSize), bottom: Double(Layout.plotTop + Layout.plotSize))
        for label in labels {
            let (x, y) = layout.position(label.x, label.y)
            svg += "<circle cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"4\" fill=\"\(TopicPalette.colour(of: label.topic))\" stroke=\"black\"/>\n"
        }
        for label in labels {
            let (x, y) = layout.position(label.x, label.y)
            let text = labelText(label)
            let spot = placement.place(text, atMarkerX: x, y: y)
            svg += "<text x=\"\(format(spot.x))\" y=\"\(format(spot.baseline))\" text-anchor=\"\(spot.leftwards ? "end" : "start")\" "
                + "font-size=\"12\" font-weight=\"bold\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">\(escaped(text))</text>\n"
        }
        svg += legend()
        svg += "</svg>\n"
        return svg
    }

    /// Writes `svg()` to `url` (UTF-8), replacing any file there.
    public func writeSVG(to url: URL) throws(TopicError) {
        do {
            try svg().write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw .cannotWriteMap(path: url.path, reason: error.localizedDescription)
        }
    }

    /// The colour of the unassigned group's hollow dots and legend entry (hollow, so that it cannot be
    /// taken for the palette's greys).
    static let unassignedColour = "#888888"

    private var subtitle: String {
        let shown = dots.count < documentCount ? "\(dots.count) of \(documentCount) documents shown" : "\(documentCount) documents"
        let method = layout == .pca ? "projected on their first two principal components"
            : "placed by t-SNE (Barnes-Hut), near documents kept near"
        return "\(labels.count) topics, \(shown); \(codeDimension)-D codes \(method)"
    }

    private func axisCaptions() -> String {
        let bottom = "<text x=\"\(Layout.plotLeft + Layout.plotSize / 2)\" y=\"\(Layout.plotTop + Layout.plotSize + 18)\" "
            + "font-size=\"12\" text-anchor=\"middle\" fill=\"#555\">"
        let side = "<text transform=\"translate(\(Layout.plotLeft - 10),\(Layout.plotTop + Layout.plotSize / 2)) rotate(-90)\" "
            + "font-size=\"12\" text-anchor=\"middle\" fill=\"#555\">"
        switch layout {
        case .pca:
            return bottom + "first principal component (\(percent(explainedVariance[0])) of variance)</text>\n"
                + side + "second principal component (\(percent(explainedVariance[1])) of variance)</text>\n"
        case .tsne:
            return bottom + "t-SNE: neighbourhoods are kept; distances between far groups are not to scale</text>\n"
        }
    }

    /// One legend row per topic while they fit (then a count of the rest), and one for the unassigned group.
    private func legend() -> String {
        let rowHeight = 15
        let capacity = (Layout.plotSize - 2 * rowHeight) / rowHeight
        var text = "<text x=\"\(Layout.legendLeft)\" y=\"\(Layout.plotTop + 10)\" font-size=\"13\" font-weight=\"bold\">topic (share of documents): words</text>\n"
        var rows = labels.prefix(capacity).map { label in
            (TopicPalette.colour(of: label.topic), "\(label.topic) (\(percent(label.share, digits: 1))): \(label.words.joined(separator: " "))")
        }
        if labels.count > capacity { rows.append(("none", "and \(labels.count - capacity) more")) }
        if unassignedCount > 0 {
            let share = Double(unassignedCount) / Double(max(1, documentCount))
            rows.append(("unassigned", "unassigned (\(percent(share, digits: 1))): too few words to place"))
        }
        for (row, (colour, line)) in rows.enumerated() {
            let y = Layout.plotTop + 30 + row * rowHeight
            let swatch = colour == "unassigned" ? "fill=\"none\" stroke=\"\(Self.unassignedColour)\"" : "fill=\"\(colour)\""
            text += "<rect x=\"\(Layout.legendLeft)\" y=\"\(y - 9)\" width=\"10\" height=\"10\" \(swatch)/>\n"
            text += "<text x=\"\(Layout.legendLeft + 16)\" y=\"\(y)\" font-size=\"11\">\(escaped(line))</text>\n"
        }
        return text
    }

    private func labelText(_ label: Label) -> String {
        label.words.isEmpty ? "\(label.topic)" : "\(label.topic): \(label.words.joined(separator: " "))"
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }

    private func percent(_ share: Double, digits: Int = 0) -> String { String(format: "%.\(digits)f%%", share * 100) }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Maps projected coordinates into the square plot area, equal scale on both axes, y pointing up.
    private struct Layout {
        static let width = 1000, height = 720
        static let plotLeft = 40, plotTop = 70, plotSize = 620
        static let legendLeft = 690

        let centreX: Double, centreY: Double, scale: Double

        init(dots: [Dot], labels: [Label]) {
            let xs = dots.map { Double($0.x) } + labels.map { Double($0.x) }
            let ys = dots.map { Double($0.y) } + labels.map { Double($0.y) }
            let minX = xs.min() ?? 0, maxX = xs.max() ?? 0, minY = ys.min() ?? 0, maxY = ys.max() ?? 0
            centreX = (minX + maxX) / 2
            centreY = (minY + maxY) / 2
            let extent = max(maxX - minX, maxY - minY)
            scale = extent > 0 ? Double(Self.plotSize) * 0.92 / extent : 1
        }

        func position(_ x: Float, _ y: Float) -> (Double, Double) {
            let half = Double(Self.plotSize) / 2
            return (Double(Self.plotLeft) + half + (Double(x) - centreX) * scale,
                    Double(Self.plotTop) + half - (Double(y) - centreY) * scale)
        }
    }
}

/// Colours for topics on the map: the ten Tableau 10 colours, then their light variants (Tableau 20),
/// then hues a golden angle apart for any further topics, so that neighbours in id are easy to tell apart.
enum TopicPalette {
    private static let base = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    ]

    /// The colour of topic `id`, as `#rrggbb`.
    static func colour(of id: Int) -> String {
        if id < base.count { return base[id] }
        let hue = (Double(id - base.count) * 137.508).truncatingRemainder(dividingBy: 360)
        return hex(hue: hue, saturation: 0.65, lightness: 0.5)
    }

    /// HSL (hue in degrees, saturation and lightness in 0...1) to `#rrggbb`.
    private static func hex(hue: Double, saturation: Double, lightness: Double) -> String {
        let chroma = (1 - abs(2 * lightness - 1)) * saturation
        let sector = hue / 60
        let second = chroma * (1 - abs(sector.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double)
        switch Int(sector) {
        case 0: (r, g, b) = (chroma, second, 0)
        case 1: (r, g, b) = (second, chroma, 0)
        case 2: (r, g, b) = (0, chroma, second)
        case 3: (r, g, b) = (0, second, chroma)
        case 4: (r, g, b) = (second, 0, chroma)
        default: (r, g, b) = (chroma, 0, second)
        }
        let offset = lightness - chroma / 2
        let byte = { (value: Double) in Int(((value + offset) * 255).rounded()) }
        return String(format: "#%02x%02x%02x", byte(r), byte(g), byte(b))
    }
}
