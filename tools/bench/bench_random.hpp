#pragma once
// Deterministic random numbers for the benchmark inputs (splitmix64 with hand-written
// distributions, so the generated city is the same with every standard library).

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace keniki::bench {

class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    double normal(double mean, double sd) {
        const double u1 = 1.0 - uniform(), u2 = uniform();  // u1 in (0, 1]
        return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }
    std::size_t index(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)) % n; }

private:
    std::uint64_t m_state;
};

}  // namespace keniki::bench
