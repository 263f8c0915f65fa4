// SPDX-License-Identifier: GPL-3.0-or-later

/// The standard inequality measures, over a pool's normalised loads.
///
/// Each is defined for an empty list and for all-zero loads (nothing to share is perfectly fair),
/// so a report never prints NaN.
public enum FairnessIndices {
    /// Largest minus smallest: the quantity the optimiser minimises.
    public static func spread(_ x: [Double]) -> Double {
        guard let lo = x.min(), let hi = x.max() else { return 0 }
        return hi - lo
    }

    public static func mean(_ x: [Double]) -> Double {
        x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count)
    }

    /// Population standard deviation: the members are the whole pool, not a sample of it.
    public static func standardDeviation(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        let m = mean(x)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count)).squareRoot()
    }

    /// Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean): 0 when everyone carries the same, (n − 1)/n when one carries all.
    public static func gini(_ x: [Double]) -> Double {
        let m = mean(x)
        guard m > 0 else { return 0 }
        // Sorted, the double sum is Σᵢ (2i − n + 1) xᵢ (0-based), one pass instead of n².
        let sorted = x.sorted()
        let n = Double(sorted.count)
        var sum = 0.0
        for (i, v) in sorted.enumerated() { sum += (2 * Double(i) - n + 1) * v }
        return 2 * sum / (2 * n * n * m)
    }

    /// (Σx)² / (n Σx²): 1 when everyone carries the same, 1/n when one carries all.
    public static func jain(_ x: [Double]) -> Double {
        let squares = x.reduce(0) { $0 + $1 * $1 }
        guard squares > 0 else { return 1 }
        let sum = x.reduce(0, +)
        return sum * sum / (Double(x.count) * squares)
    }
}
