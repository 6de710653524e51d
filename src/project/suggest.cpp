#include "project/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace keniki::project::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    const std::size_t n = a.size(), m = b.size();
    // Optimal string alignment distance: three rows are enough.
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const bool same = lower(a[i - 1]) == lower(b[j - 1]);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::string closest(std::string_view wrong, const std::vector<std::string>& candidates) {
    const std::size_t allowed = wrong.size() >= 9 ? 3 : wrong.size() >= 5 ? 2 : 1;
    std::size_t best = std::numeric_limits<std::size_t>::max();
    std::string out;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(wrong, c);
        if (d < best && d <= allowed && d < c.size()) {
            best = d;
            out = c;
        }
    }
    return out;
}

std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& candidates, char quote) {
    const std::string c = closest(wrong, candidates);
    if (c.empty()) return {};
    return " (did you mean " + std::string(1, quote) + c + std::string(1, quote) + "?)";
}

std::string join(const std::vector<std::string>& items, char quote) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ", ";
        if (quote) out += quote;
        out += item;
        if (quote) out += quote;
    }
    return out;
}

}  // namespace keniki::project::detail
