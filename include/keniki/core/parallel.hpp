#pragma once
// Splits [0, n) into one contiguous chunk per hardware thread and runs fn(begin, end) on each.

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace keniki {

template <typename Fn>
void parallel_chunks(std::size_t n, Fn&& fn, std::size_t min_chunk = 16384) {
    const std::size_t hw = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t chunks = std::max<std::size_t>(1, std::min(hw, n / min_chunk));
    if (chunks <= 1) {
        fn(std::size_t{0}, n);
        return;
    }
    std::vector<std::thread> threads;
    const std::size_t step = (n + chunks - 1) / chunks;
    for (std::size_t c = 1; c < chunks; ++c) {
        const std::size_t b = c * step, e = std::min(n, b + step);
        if (b < e) threads.emplace_back([&fn, b, e] { fn(b, e); });
    }
    fn(std::size_t{0}, std::min(n, step));
    for (auto& t : threads) t.join();
}

}  // namespace keniki
