/// An explicit-bucket histogram: bucket i counts values in (bounds[i-1], bounds[i]].
struct Histogram {
    let bounds: [Double]
    private(set) var bucketCounts: [UInt64]
    private(set) var count: UInt64 = 0
    private(set) var sum = 0.0
    private(set) var min = Double.infinity
    private(set) var max = -Double.infinity

    init(bounds: [Double]) {
        self.bounds = bounds
        bucketCounts = Array(repeating: 0, count: bounds.count + 1)
    }

    mutating func record(_ value: Double) {
        var index = 0
        while index < bounds.count && value > bounds[index] { index += 1 }
        bucketCounts[index] += 1
        count += 1
        sum += value
        min = Swift.min(min, value)
        max = Swift.max(max, value)
    }
}
