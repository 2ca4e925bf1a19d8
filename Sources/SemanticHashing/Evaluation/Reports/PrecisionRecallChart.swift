import Foundation

/// A precision–recall chart as a standalone SVG document, in the style of the semantic-hashing papers'
/// figures: recall on a logarithmic axis (by default 0.001 to 1), precision from 0 to 1, one coloured line
/// with point markers per method, a legend beside the plot, axis labels, ticks and a title.
public struct PrecisionRecallChart: Sendable {
    public let title: String
    public let results: [EvaluationResult]

    /// Size of the whole picture in pixels.
    public static let width = 880.0, height = 520.0
    private static let plotLeft = 80.0, plotRight = 640.0, plotTop = 60.0, plotBottom = 450.0
    /// Line colours, one per method in order (cycled beyond ten): the Tableau 10 palette.
    public static let palette = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1",
                                 "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac"]

    public init(title: String, results: [EvaluationResult]) {
        self.title = title
        self.results = results
    }

    /// The lowest decade shown: that of the smallest recall level on any curve (0.001 by default).
    private var lowestExponent: Int {
        let lowest = results.flatMap { $0.curve.map(\.recall) }.filter { $0 > 0 }.min() ?? 0.001
        return min(-1, Int(log10(lowest).rounded(.down)))
    }

    public var svg: String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(Self.width)" height="\#(Self.height)" "#
                + #"viewBox="0 0 \#(Self.width) \#(Self.height)" font-family="Helvetica, Arial, sans-serif">"#,
            #"<rect x="0" y="0" width="\#(Self.width)" height="\#(Self.height)" fill="white"/>"#,
            #"<text x="\#((Self.plotLeft + Self.plotRight) / 2)" y="32" font-size="18" text-anchor="middle">"#
                + "\(escaped(title))</text>",
        ]
        lines += grid() + axes() + curves() + legend()
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func x(_ recall: Double) -> Double {
        let fraction = (log10(recall) - Double(lowestExponent)) / Double(-lowestExponent)
        return Self.plotLeft + fraction * (Self.plotRight - Self.plotLeft)
    }

    private func y(_ precision: Double) -> Double {
        Self.plotBottom - min(1, max(0, precision)) * (Self.plotBottom - Self.plotTop)
    }

    private func grid() -> [String] {
        var lines: [String] = []
        for exponent in lowestExponent...0 {
            for multiple in 1...9 where exponent < 0 || multiple == 1 {
                let position = format(x(Double(multiple) * pow(10, Double(exponent))))
                let colour = multiple == 1 ? "#cccccc" : "#eeeeee"
                lines.append(#"<line x1="\#(position)" y1="\#(Self.plotTop)" x2="\#(position)" y2="\#(Self.plotBottom)" "#
                    + #"stroke="\#(colour)" stroke-width="1"/>"#)
            }
        }
        for tenth in 0...10 {
            let position = format(y(Double(tenth) / 10))
            lines.append(#"<line x1="\#(Self.plotLeft)" y1="\#(position)" x2="\#(Self.plotRight)" y2="\#(position)" "#
                + #"stroke="\#(tenth % 2 == 0 ? "#cccccc" : "#eeeeee")" stroke-width="1"/>"#)
        }
        return lines
    }

    private func axes() -> [String] {
        var lines = [
            #"<rect x="\#(Self.plotLeft)" y="\#(Self.plotTop)" width="\#(Self.plotRight - Self.plotLeft)" "#
                + #"height="\#(Self.plotBottom - Self.plotTop)" fill="none" stroke="black" stroke-width="1"/>"#,
        ]
        for exponent in lowestExponent...0 {
            let position = format(x(pow(10, Double(exponent))))
            let label = exponent == 0 ? "1" : String(format: "%.\(-exponent)f", pow(10, Double(exponent)))
            lines.append(#"<line x1="\#(position)" y1="\#(Self.plotBottom)" x2="\#(position)" y2="\#(Self.plotBottom + 6)" stroke="black"/>"#)
            lines.append(#"<text x="\#(position)" y="\#(Self.plotBottom + 22)" font-size="13" text-anchor="middle">\#(label)</text>"#)
            guard exponent < 0 else { continue }
            for multiple in 2...9 {
                let minor = format(x(Double(multiple) * pow(10, Double(exponent))))
                lines.append(#"<line x1="\#(minor)" y1="\#(Self.plotBottom)" x2="\#(minor)" y2="\#(Self.plotBottom + 3)" stroke="black"/>"#)
            }
        }
        for tenth in 0...10 {
            let position = format(y(Double(tenth) / 10))
            lines.append(#"<line x1="\#(Self.plotLeft - 6)" y1="\#(position)" x2="\#(Self.plotLeft)" y2="\#(position)" stroke="black"/>"#)
            lines.append(#"<text x="\#(Self.plotLeft - 10)" y="\#(format(y(Double(tenth) / 10) + 4))" font-size="13" "#
                + #"text-anchor="end">\#(String(format: "%.1f", Double(tenth) / 10))</text>"#)
        }
        let middleX = format((Self.plotLeft + Self.plotRight) / 2), middleY = format((Self.plotTop + Self.plotBottom) / 2)
        lines.append(#"<text x="\#(middleX)" y="\#(Self.plotBottom + 48)" font-size="15" text-anchor="middle">Recall (log scale)</text>"#)
        lines.append(#"<text x="24" y="\#(middleY)" font-size="15" text-anchor="middle" "#
            + #"transform="rotate(-90 24 \#(middleY))">Precision</text>"#)
        return lines
    }

    private func curves() -> [String] {
        var lines: [String] = []
        for (index, result) in results.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            let points = result.curve.filter { $0.recall >= pow(10, Double(lowestExponent)) && $0.recall <= 1 }
            let coordinates = points.map { "\(format(x($0.recall))),\(format(y($0.precision)))" }
            lines.append(#"<polyline fill="none" stroke="\#(colour)" stroke-width="2" points="\#(coordinates.joined(separator: " "))">"#
                + "<title>\(escaped(result.method))</title></polyline>")
            for point in points {
                lines.append(#"<circle cx="\#(format(x(point.recall)))" cy="\#(format(y(point.precision)))" r="2.5" fill="\#(colour)"/>"#)
            }
        }
        return lines
    }

    private func legend() -> [String] {
        let left = Self.plotRight + 20
        var lines = [#"<text x="\#(left)" y="\#(Self.plotTop + 4)" font-size="14" font-weight="bold">Method</text>"#]
        for (index, result) in results.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            let top = Self.plotTop + 24 + Double(index) * 22
            lines.append(#"<line x1="\#(left)" y1="\#(top)" x2="\#(left + 28)" y2="\#(top)" stroke="\#(colour)" stroke-width="3"/>"#)
            lines.append(#"<circle cx="\#(left + 14)" cy="\#(top)" r="3" fill="\#(colour)"/>"#)
            lines.append(#"<text x="\#(left + 36)" y="\#(top + 5)" font-size="13">\#(escaped(result.method))</text>"#)
        }
        return lines
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
