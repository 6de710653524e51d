#pragma once
// Splits [0, n) into one contiguous chunk per hardware thread and runs fn(begin, end) on each.
// An exception in any chunk is rethrown in the caller after every thread has finished. Called from
// inside a chunk (isochrones per origin, each outline parallel over rows), it runs serially: the
// outer split already keeps every core busy, and nesting would start hw x hw threads. Every caller's
// results are the same however the work is split.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace keniki {

namespace detail {
/// True on a thread that is running a chunk of a parallel_chunks call that was split.
inline thread_local bool t_in_parallel_chunk = false;

/// Sets t_in_parallel_chunk for its lifetime (and restores it).
struct InParallelChunk {
    bool was = t_in_parallel_chunk;
    InParallelChunk() { t_in_parallel_chunk = true; }
    ~InParallelChunk() { t_in_parallel_chunk = was; }
    InParallelChunk(const InParallelChunk&) = delete;
    InParallelChunk& operator=(const InParallelChunk&) = delete;
};
}  // namespace detail

template <typename Fn>
void parallel_chunks(std::size_t n, Fn&& fn, std::size_t min_chunk = 16384) {
    const std::size_t hw = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t chunks = std::max<std::size_t>(1, std::min(hw, n / std::max<std::size_t>(1, min_chunk)));
    if (chunks <= 1 || detail::t_in_parallel_chunk) {
        fn(std::size_t{0}, n);
        return;
    }
    std::exception_ptr first_error;
    std::mutex error_mutex;
    auto guarded = [&](std::size_t b, std::size_t e) {
        const detail::InParallelChunk inside;
        try {
            fn(b, e);
        } catch (...) {
            const std::lock_guard<std::mutex> lock(error_mutex);
            if (!first_error) first_error = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    const std::size_t step = (n + chunks - 1) / chunks;
    for (std::size_t c = 1; c < chunks; ++c) {
        const std::size_t b = c * step, e = std::min(n, b + step);
        if (b < e) threads.emplace_back(guarded, b, e);
    }
    guarded(std::size_t{0}, std::min(n, step));
    for (auto& t : threads) t.join();
    if (first_error) std::rethrow_exception(first_error);
}

}  // namespace keniki
