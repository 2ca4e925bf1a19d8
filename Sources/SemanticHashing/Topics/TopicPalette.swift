import Foundation

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
