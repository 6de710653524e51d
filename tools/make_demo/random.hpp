#pragma once
// Deterministic random numbers for the demo town: std::mt19937_64 is specified bit for bit by the
// standard, but the std:: distributions are not (libstdc++ and libc++ differ), so every
// distribution is written out here from the raw 64-bit words.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

namespace keniki::demo {

class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}

    /// Uniform in [0, 1): the top 53 bits of one word.
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [lo, hi] (multiply-shift; the bias is below 2^-32 for the small ranges used here).
    int integer(int lo, int hi) {
        const auto span = static_cast<std::uint64_t>(hi - lo + 1);
        return lo + static_cast<int>(((m_engine() >> 32) * span) >> 32);
    }
    bool chance(double p) { return uniform() < p; }

    /// Standard normal by Box-Muller (one value per call; the second is dropped for simplicity).
    double normal() {
        const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }

    /// Index drawn with probability proportional to `weights` (all >= 0, not all 0).
    std::size_t weighted(const std::vector<double>& weights) {
        double total = 0;
        for (double w : weights) total += w;
        double target = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (target < weights[i]) return i;
            target -= weights[i];
        }
        return weights.size() - 1;
    }

private:
    std::mt19937_64 m_engine;
};

}  // namespace keniki::demo
